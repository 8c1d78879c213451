// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java
// (implements HttpResponse in core: left out)
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
        throw new UnsupportedOperationException("signature stub");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("signature stub");
    }

    public ListBoxModel add(String nameAndValue) {
        throw new UnsupportedOperationException("signature stub");
    }

    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            throw new UnsupportedOperationException("signature stub");
        }

        public Option(String name) {
            throw new UnsupportedOperationException("signature stub");
        }

        public Option(String name, String value, boolean selected) {
            throw new UnsupportedOperationException("signature stub");
        }
    }
}
