/**
 * Reports: the drift report and the validation report as JSON (for machines and the plugin), as JUnit XML (one
 * test case per column or gate, so Jenkins shows them in its test trend) and as plain-text tables (for people at a
 * terminal).
 */
package io.mlstages.report;
