// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/ModelObject.java
package hudson.model;

public interface ModelObject {
    String getDisplayName();
}
