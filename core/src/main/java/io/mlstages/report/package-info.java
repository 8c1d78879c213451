/**
 * Reports: the drift report and the validation report as JSON (for machines and the plugin, through the
 * {@code model} module's documents), as JUnit XML (one test case per column or gate, so Jenkins shows them in its
 * test trend), as HTML and as plain-text tables (for people at a terminal).
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
