/** File helpers shared by the engine's packages: atomic writes. */
@DefaultAnnotation(NonNull.class)
package io.mlstages.io;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
