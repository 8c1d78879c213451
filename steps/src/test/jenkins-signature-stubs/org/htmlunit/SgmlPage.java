// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/SgmlPage.java
// (implements Page, Document, DocumentTraversal: left out; its real constructor, public, takes a WebResponse and a
// WebWindow, which the tests never build: a protected one without parameters stands in, for HtmlPage's stub)
package org.htmlunit;

import org.htmlunit.html.DomNode;

public abstract class SgmlPage extends DomNode {
    protected SgmlPage() {
        super(null);
        throw new UnsupportedOperationException("signature stub");
    }
}
