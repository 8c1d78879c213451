/**
 * Validation: metrics of a model's predictions ({@link io.mlstages.metrics.Metrics}), gates on them and on the
 * evaluation data ({@link io.mlstages.validate.Gates}: absolute bounds, a baseline, schema, missing rates, drift),
 * the {@link io.mlstages.validate.ValidationReport} (written as JSON and JUnit XML by {@code io.mlstages.report}),
 * the {@link io.mlstages.validate.Blessing} a model package receives when every gate passes, and predictions files
 * for models scored elsewhere. See {@code docs/validation.md}.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
import io.mlstages.metrics.Metrics;
