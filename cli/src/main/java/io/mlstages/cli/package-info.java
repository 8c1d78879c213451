/**
 * The {@code mlstages} command line (picocli): one command class per subcommand, mixins for the options several
 * share; each maps its options onto an engine request, calls the engine and prints the result. Values are non-null
 * unless marked {@code @CheckForNull}.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
