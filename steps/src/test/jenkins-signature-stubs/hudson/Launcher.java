// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/Launcher.java
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.IOException;
import java.util.List;
import java.util.Map;

public abstract class Launcher {
    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        throw new UnsupportedOperationException("signature stub");
    }

    @NonNull
    public final ProcStarter launch() {
        throw new UnsupportedOperationException("signature stub");
    }

    public final class ProcStarter {
        private ProcStarter() {
            throw new UnsupportedOperationException("signature stub");
        }

        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("signature stub");
        }

        public ProcStarter pwd(@NonNull FilePath workDir) {
            throw new UnsupportedOperationException("signature stub");
        }

        public ProcStarter envs(Map<String, String> overrides) {
            throw new UnsupportedOperationException("signature stub");
        }

        public ProcStarter stdout(@CheckForNull java.io.OutputStream out) {
            throw new UnsupportedOperationException("signature stub");
        }

        public ProcStarter stdout(@NonNull TaskListener out) {
            throw new UnsupportedOperationException("signature stub");
        }

        public int join() throws IOException, InterruptedException {
            throw new UnsupportedOperationException("signature stub");
        }
    }
}
