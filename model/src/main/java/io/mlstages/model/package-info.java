/**
 * The report documents as records, and their one JSON codec ({@link io.mlstages.model.ReportJson}): the engine writes
 * them, the steps and the plugin read them, through the same classes. The field names are a public contract (users'
 * scripts read the files too); {@code docs/reports.md} says how the schema version moves. Also the one HTML escaper
 * ({@link io.mlstages.model.Html}) every page and report uses. Nothing here knows the engine or Jenkins.
 */
package io.mlstages.model;
