// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/WebClient.java
// (implements Serializable, AutoCloseable: left out; JenkinsRule closes the clients it created)
package org.htmlunit;

public class WebClient {
    public WebClient() {
        throw new UnsupportedOperationException("signature stub");
    }
}
