/**
 * Deployment: a registered, blessed model version published to its targets ({@link io.mlstages.deploy.DeployTarget}:
 * a TF Serving style directory, an HTTP endpoint) and then, last, the registry alias moved to it, so that the alias
 * only ever names a version that is really out. {@link io.mlstages.deploy.Deployer} runs a
 * {@link io.mlstages.deploy.DeployRequest} and rolls back; tokens travel as {@link io.mlstages.deploy.Secret}s that
 * never print. See {@code docs/deploy.md}.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.deploy;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
