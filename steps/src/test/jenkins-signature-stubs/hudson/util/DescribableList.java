// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/util/DescribableList.java
package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends PersistedList<T> {
    protected DescribableList() {
        throw new UnsupportedOperationException("signature stub");
    }
}
