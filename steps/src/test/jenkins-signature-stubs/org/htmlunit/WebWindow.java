// Signature stub: HtmlUnit/htmlunit src/main/java/org/htmlunit/WebWindow.java
// (named only by the page constructors; its members and Serializable are left out)
package org.htmlunit;

public interface WebWindow {
}
