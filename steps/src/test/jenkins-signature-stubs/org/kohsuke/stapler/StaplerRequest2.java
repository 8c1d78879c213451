// Signature stub: jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java
// (extends jakarta.servlet.http.HttpServletRequest in stapler: left out with every member, the plugin only
// passes it on)
package org.kohsuke.stapler;

public interface StaplerRequest2 {
}
