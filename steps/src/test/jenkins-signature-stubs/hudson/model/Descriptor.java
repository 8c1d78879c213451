// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java
// (implements Saveable, Loadable, OnMaster in core: left out, the plugin does not use them as types)
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("signature stub");
    }

    protected Descriptor() {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("signature stub");
    }

    public T newInstance(@CheckForNull StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("signature stub");
    }

    public String getConfigPage() {
        throw new UnsupportedOperationException("signature stub");
    }

    protected void addHelpFileRedirect(String fieldName, Class<? extends Describable> owner, String fieldNameToRedirectTo) {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("signature stub");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("signature stub");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static final class FormException extends Exception implements HttpResponse {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("signature stub");
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException("signature stub");
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException("signature stub");
        }
    }
}
