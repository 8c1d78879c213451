// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/AutoCompletionCandidates.java
// (implements HttpResponse in core: left out)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public class AutoCompletionCandidates {
    public AutoCompletionCandidates() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static <T extends Item> AutoCompletionCandidates ofJobNames(final Class<T> type, final String value,
            @CheckForNull Item self, ItemGroup container) {
        throw new UnsupportedOperationException("signature stub");
    }
}
