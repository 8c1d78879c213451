// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/html/HtmlPage.java
// (its real constructor takes a WebResponse and a WebWindow, which the tests never build: a private one stands in)
package org.htmlunit.html;

import org.htmlunit.SgmlPage;

public class HtmlPage extends SgmlPage {
    private HtmlPage() {
        throw new UnsupportedOperationException("signature stub");
    }
}
