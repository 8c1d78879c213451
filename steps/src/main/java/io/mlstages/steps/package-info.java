/**
 * The Jenkins-free half of the plugin: the catalog of step parameters, the command lines the steps run, the maps they
 * return and the report views. Values are non-null unless marked {@code @CheckForNull}.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
