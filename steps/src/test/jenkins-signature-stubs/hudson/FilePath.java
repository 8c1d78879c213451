// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/FilePath.java
// (implements SerializableOnlyOverRemoting in core: left out)
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Computer;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

public final class FilePath implements Serializable {
    public FilePath(@NonNull File localPath) {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public String getRemote() {
        throw new UnsupportedOperationException("signature stub");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public FilePath[] list(final String includes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public void copyTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public @CheckForNull Computer toComputer() {
        throw new UnsupportedOperationException("signature stub");
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public void copyFrom(FilePath src) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }

    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("signature stub");
    }
}
