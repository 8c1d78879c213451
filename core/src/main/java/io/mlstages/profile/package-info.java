/**
 * Profiles: one streaming pass over a dataset summarises each column (counts, missing values, moments, a KLL
 * quantile sketch, a histogram, category frequencies). Profiles are JSON, merge, and serve as drift references.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.profile;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
