/**
 * ML Stages engine: data reading, profiles, drift statistics, and (later) training, validation gates,
 * the model registry, deployment, incidents and reports. Nothing here may depend on Jenkins.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
