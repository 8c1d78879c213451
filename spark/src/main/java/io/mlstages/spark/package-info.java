/**
 * Profiles computed on Spark: each partition is profiled by the engine's own {@link io.mlstages.profile.Profiler}
 * on its executor, the small per-partition profiles are merged on the driver
 * ({@link io.mlstages.profile.PartProfiles}), and the result is the profile JSON that {@code mlstages drift} and
 * {@code check} read. No row is shuffled. Run with spark-submit ({@link ProfileJob}); see docs/scale.md.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.spark;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
