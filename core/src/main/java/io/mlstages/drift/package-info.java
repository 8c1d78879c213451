/**
 * Drift detection: compares the profile of current data with a reference profile column by column and decides,
 * from a significance test and an effect-size floor together, which columns and whether the dataset drifted.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
