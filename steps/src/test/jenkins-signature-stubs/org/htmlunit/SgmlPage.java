// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/SgmlPage.java
// (implements Page, Document, DocumentTraversal: left out)
package org.htmlunit;

import org.htmlunit.html.DomNode;

public abstract class SgmlPage extends DomNode {
    public SgmlPage(final WebResponse webResponse, final WebWindow webWindow) {
        super(null);
        throw new UnsupportedOperationException("signature stub");
    }
}
