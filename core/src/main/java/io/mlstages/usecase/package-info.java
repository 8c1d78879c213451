/**
 * The use cases that cross several concepts, each a plain class with a request record in and a result record out:
 * validation against the champion ({@link io.mlstages.usecase.Validation}), deployment with incident mitigation
 * ({@link io.mlstages.usecase.Deployment}), the check of a registered model that drives its incident
 * ({@link io.mlstages.usecase.ModelCheck}). The command line, the demo and (through the command line) the Jenkins
 * steps call these instead of composing the concept packages themselves. A use case within one concept lives in
 * that concept's package (the drift check: {@link io.mlstages.drift.DriftCheck}). This is the top layer of the
 * engine: nothing in the engine depends on it.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.usecase;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
