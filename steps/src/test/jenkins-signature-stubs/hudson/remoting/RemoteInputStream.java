// Signature stub: jenkinsci/remoting src/main/java/hudson/remoting/RemoteInputStream.java
// (implements SerializableOnlyOverRemoting in remoting: left out, Serializable kept)
package hudson.remoting;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

public class RemoteInputStream extends InputStream implements Serializable {
    private static final long serialVersionUID = 1L;

    public RemoteInputStream(InputStream core, Flag f) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public int read() throws IOException {
        throw new UnsupportedOperationException("signature stub");
    }

    public enum Flag {
        GREEDY,
        NOT_GREEDY,
        MANUAL_UNEXPORT
    }
}
