// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/util/RunList.java
// (members left out; the abstract ones of AbstractList stand in the stub for the real implementations)
package hudson.util;

import hudson.model.Run;
import java.util.AbstractList;

public class RunList<R extends Run> extends AbstractList<R> {
    public RunList() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Deprecated
    @Override
    public R get(int index) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Deprecated
    @Override
    public int size() {
        throw new UnsupportedOperationException("signature stub");
    }
}
