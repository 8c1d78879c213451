/**
 * Serving: an HTTP server scoring JSON rows with a model package or the version a registry alias points to,
 * swapping to the new version when the alias moves, with Prometheus metrics and a prediction log in JSON Lines.
 * See {@code docs/serving.md}.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
