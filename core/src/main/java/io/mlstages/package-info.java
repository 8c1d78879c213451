/**
 * ML Stages engine: data reading, profiles, drift statistics, and (later) training, validation gates,
 * the model registry, deployment, incidents and reports. Nothing here may depend on Jenkins.
 */
package io.mlstages;
