// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java
// (extends AbstractModelObject implements ModelObjectWithContextMenu in core: left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

public abstract class Actionable {
    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("signature stub");
    }

    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean addOrReplaceAction(@NonNull Action a) {
        throw new UnsupportedOperationException("signature stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("signature stub");
    }
}
