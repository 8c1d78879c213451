/**
 * Drift detection: compares the profile of current data with a reference profile column by column and decides,
 * from a significance test and an effect-size floor together, which columns and whether the dataset drifted.
 */
package io.mlstages.drift;
