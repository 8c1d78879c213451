// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/html/HtmlPage.java
package org.htmlunit.html;

import org.htmlunit.SgmlPage;
import org.htmlunit.WebResponse;
import org.htmlunit.WebWindow;

public class HtmlPage extends SgmlPage {
    public HtmlPage(final WebResponse webResponse, final WebWindow webWindow) {
        super(webResponse, webWindow);
        throw new UnsupportedOperationException("signature stub");
    }
}
