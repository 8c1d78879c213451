// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/WebResponse.java
// (named only by the page constructors; its real constructors take response data the tests never build: a private one
// stands in)
package org.htmlunit;

public class WebResponse {
    private WebResponse() {
        throw new UnsupportedOperationException("signature stub");
    }
}
