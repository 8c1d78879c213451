// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/ItemGroup.java
// (members left out: the plugin only passes an ItemGroup on)
package hudson.model;

public interface ItemGroup<T extends Item> {
}
