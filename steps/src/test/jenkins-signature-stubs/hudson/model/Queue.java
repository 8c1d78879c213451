// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/model/Queue.java
// (only the nested types the plugin names; the real Queue extends ResourceController implements Saveable)
package hudson.model;

public class Queue {
    private Queue() {
        throw new UnsupportedOperationException("signature stub");
    }

    /** In core: extends ModelObject, SubTask; the plugin only tests for it. */
    public interface Task extends ModelObject {
    }

    /** In core: extends Runnable, WithConsoleUrl; the plugin never implements one. */
    public interface Executable extends Runnable {
    }

    /**
     * In core: extends Actionable implements QueueItem. Its real constructors take a task, actions, an id and a
     * future, which the plugin never builds: a private one stands in.
     */
    public abstract static class Item extends Actionable {
        private Item() {
            throw new UnsupportedOperationException("signature stub");
        }
    }
}
