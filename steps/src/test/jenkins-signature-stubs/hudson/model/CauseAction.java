// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/CauseAction.java
// (implements FoldableAction, RunAction2 in core: left out, Action kept)
package hudson.model;

public class CauseAction implements Action {
    public CauseAction(Cause c) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("signature stub");
    }
}
