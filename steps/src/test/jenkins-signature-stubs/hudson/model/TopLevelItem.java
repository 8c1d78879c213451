// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/TopLevelItem.java
// (extends Describable<TopLevelItem> as well: left out)
package hudson.model;

public interface TopLevelItem extends Item {
}
