// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/html/DomNode.java
// (implements Cloneable, Serializable, org.w3c.dom.Node: left out)
package org.htmlunit.html;

import org.htmlunit.SgmlPage;

public abstract class DomNode {
    protected DomNode(final SgmlPage page) {
        throw new UnsupportedOperationException("signature stub");
    }

    public String asXml() {
        throw new UnsupportedOperationException("signature stub");
    }

    public String asNormalizedText() {
        throw new UnsupportedOperationException("signature stub");
    }
}
