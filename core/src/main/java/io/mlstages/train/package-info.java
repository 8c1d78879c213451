/**
 * Training: built-in algorithms (logistic regression, ridge regression, gradient-boosted trees through XGBoost)
 * and external trainers, producing a model package (model file, metadata, the training data's profile, lineage).
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
