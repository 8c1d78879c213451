/**
 * Reports: the drift report as JSON (for machines and the plugin), as JUnit XML (one test case per column, so
 * Jenkins shows drift in its test trend) and as a plain-text table (for people at a terminal).
 */
package io.mlstages.report;
