// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/ExtensionPoint.java
// (a marker interface; its nested LegacyInstancesAreScopedToHudson annotation is left out)
package hudson;

public interface ExtensionPoint {
}
