// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/util/PersistedList.java
// (get and size implement AbstractList's abstract members as the real class does)
package hudson.util;

import java.util.AbstractList;

public class PersistedList<T> extends AbstractList<T> {
    protected PersistedList() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public boolean add(T item) {
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
