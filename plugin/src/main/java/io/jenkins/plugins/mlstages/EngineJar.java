package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.remoting.RemoteInputStream;
import hudson.remoting.VirtualChannel;
import io.mlstages.steps.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * The engine's command-line jar, bundled in the plugin as a resource, and its copy on each agent: kept in a cache
 * folder under the agent's root, named by its SHA-256 (so a new plugin version brings a new copy), sent only when the
 * agent does not have it yet.
 */
final class EngineJar {
    /** The resource name, next to this class (the plugin's POM copies the CLI's shaded jar there). */
    static final String RESOURCE = "mlstages-all.jar";

    private static volatile String checksum;

    private EngineJar() {
    }

    /**
     * Makes sure the jar is in {@code cacheFolder} on the agent, and says how to run it there.
     *
     * @param cacheFolder a folder on the agent (created when missing)
     * @return the jar's absolute path and the agent JVM's java executable
     */
    static AgentJvm install(final FilePath cacheFolder) throws IOException, InterruptedException {
        String sha256 = sha256();
        // First only look: most calls find the jar already there and need not stream 25 MB to the agent.
        AgentJvm cached = cacheFolder.act(new Install(sha256, null));
        if (cached != null) {
            return cached;
        }
        try (InputStream jar = open()) {
            return cacheFolder.act(new Install(sha256, new RemoteInputStream(jar, RemoteInputStream.Flag.GREEDY)));
        }
    }

    /** The bundled jar's SHA-256, computed once. */
    static String sha256() throws IOException {
        String known = checksum;
        if (known == null) {
            try (InputStream jar = open()) {
                known = ChildJvm.sha256(jar);
            }
            checksum = known;
        }
        return known;
    }

    private static InputStream open() throws IOException {
        InputStream jar = EngineJar.class.getResourceAsStream(RESOURCE);
        if (jar == null) {
            throw new AbortException(Messages.EngineJar_Missing(RESOURCE));
        }
        return jar;
    }

    /** Where the engine runs on an agent. Only JDK types: it comes back over remoting. */
    static final class AgentJvm implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String jar;
        private final String java;

        AgentJvm(final String jar, final String java) {
            this.jar = jar;
            this.java = java;
        }

        /** The jar's absolute path on the agent. */
        String jar() {
            return jar;
        }

        /** The java executable of the agent's own JVM. */
        String java() {
            return java;
        }
    }

    /** Runs on the agent: finds the cached jar, or writes it from the stream when one is given. */
    private static final class Install extends MasterToSlaveFileCallable<AgentJvm> {
        private static final long serialVersionUID = 1L;

        private final String sha256;
        @CheckForNull
        private final RemoteInputStream jar;

        Install(final String sha256, @CheckForNull final RemoteInputStream jar) {
            this.sha256 = sha256;
            this.jar = jar;
        }

        @Override
        @CheckForNull
        public AgentJvm invoke(final File folder, final VirtualChannel channel) throws IOException {
            Path cacheFolder = folder.toPath();
            Files.createDirectories(cacheFolder);
            Path installed;
            if (jar == null) {
                if (!Files.isRegularFile(cacheFolder.resolve(ChildJvm.jarName(sha256)))) {
                    return null;
                }
                try {
                    installed = ChildJvm.ensureJar(cacheFolder, sha256, () -> {
                        throw new NotCached();
                    });
                }
                catch (IOException e) {
                    // there but damaged (or unreadable): the second call, which carries the jar, replaces it or
                    // reports the real problem
                    return null;
                }
            }
            else {
                try (InputStream in = jar) {
                    installed = ChildJvm.ensureJar(cacheFolder, sha256, () -> in);
                }
            }
            return new AgentJvm(installed.toAbsolutePath().toString(), javaExecutable());
        }

        private static String javaExecutable() {
            boolean windows = File.separatorChar == '\\';
            return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
        }
    }

    /** The cached jar is missing or damaged, and this call carries no copy. */
    private static final class NotCached extends IOException {
        private static final long serialVersionUID = 1L;

        NotCached() {
            super("not cached");
        }
    }
}
