/**
 * Reading tabular data: CSV (RFC 4180) and JSON Lines, streamed row by row, with an inferred or given schema
 * and missing values kept apart from real values.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
