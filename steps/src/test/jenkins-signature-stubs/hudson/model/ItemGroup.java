// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/ItemGroup.java
// (members left out but allItems: the plugin passes an ItemGroup on, and lists the jobs for the incident timeline)
package hudson.model;

public interface ItemGroup<T extends Item> {
    default <T extends Item> Iterable<T> allItems(Class<T> type) {
        throw new UnsupportedOperationException("signature stub");
    }
}
