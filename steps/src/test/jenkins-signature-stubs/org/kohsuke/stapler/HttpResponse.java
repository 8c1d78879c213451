// Signature stub: jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/HttpResponse.java
// (its abstract generateResponse method is left out: the plugin implements no HttpResponse)
package org.kohsuke.stapler;

public interface HttpResponse {
}
