// Signature stub: jenkinsci/remoting src/main/java/hudson/remoting/VirtualChannel.java
// (members left out: the plugin only receives a channel)
package hudson.remoting;

public interface VirtualChannel {
}
