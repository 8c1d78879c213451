// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/ExtensionList.java
// (implements OnMaster in core: left out)
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;
import jenkins.model.Jenkins;

public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException("signature stub");
    }

    public @CheckForNull <U extends T> U get(@NonNull Class<U> type) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("signature stub");
    }
}
