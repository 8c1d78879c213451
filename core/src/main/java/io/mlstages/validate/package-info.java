/**
 * Validation: metrics of a model's predictions, gates on them (absolute bounds, a baseline, data checks), the
 * validation report as JSON and JUnit XML, and the blessing a model receives when every gate passes.
 */
package io.mlstages.validate;
