/**
 * Training: built-in algorithms (logistic regression, ridge regression, gradient-boosted trees through XGBoost)
 * and external trainers, producing a model package (model file, metadata, the training data's profile, lineage).
 */
package io.mlstages.train;
