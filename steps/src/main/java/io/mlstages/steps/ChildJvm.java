package io.mlstages.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How the engine runs on an agent: the command line of the child JVM, and the copy of the command-line jar
 * that each agent keeps, named by its SHA-256 so that it is copied once per version and never half-written.
 */
public final class ChildJvm {
    /** The JVM options the child gets by default (the same as cli/jvm.options). */
    public static final List<String> DEFAULT_OPTIONS = List.of("-XX:+UseParallelGC");

    private ChildJvm() {
    }

    /** {@code java [options] -jar jar arguments…}: a list of words, never a shell string. */
    public static List<String> command(final String javaExecutable, final List<String> jvmOptions, final String jar,
            final List<String> arguments) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The cached jar's file name for a checksum: {@code mlstages-<first 16 hex digits>.jar}. */
    public static String jarName(final String sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The SHA-256 of a stream, in hex (lower case). */
    public static String sha256(final InputStream in) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The jar in {@code cacheFolder}, copying it there first when it is missing or its checksum differs: written to
     * a temporary file in the same folder, checked, then moved into place atomically, so that concurrent builds on
     * one agent and a crash half-way never leave a broken jar.
     */
    public static Path ensureJar(final Path cacheFolder, final String sha256, final JarSource source) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Opens the jar's bytes (the plugin's bundled resource, streamed from the controller). */
    @FunctionalInterface
    public interface JarSource {
        InputStream open() throws IOException;
    }
}
