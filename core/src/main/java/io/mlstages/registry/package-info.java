/**
 * The model registry: immutable numbered versions of named models, aliases ({@code production}, {@code staging})
 * with the full history of their moves, integrity checks, retention, safe under concurrent and crashing writers.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
