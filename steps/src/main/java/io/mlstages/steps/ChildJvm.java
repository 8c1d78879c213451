package io.mlstages.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the engine runs on an agent: the command line of the child JVM, and the copy of the command-line jar
 * that each agent keeps, named by its SHA-256 so that it is copied once per version and never half-written.
 */
public final class ChildJvm {
    /** The JVM options the child gets by default (the same as cli/jvm.options). */
    public static final List<String> DEFAULT_OPTIONS = List.of("-XX:+UseParallelGC");

    /**
     * The input size, in bytes, under which the child runs with C1 alone: the same rule and limit as cli/jit.sh,
     * which documents the measurements (C2 costs a short run more than it saves).
     */
    public static final long JIT_LIMIT = 64L * 1024 * 1024;

    /** The option that stops HotSpot at C1. */
    public static final String C1_ALONE = "-XX:TieredStopAtLevel=1";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ChildJvm() {
    }

    /** {@code java [options] -jar jar arguments…}: a list of words, never a shell string. */
    public static List<String> command(final String javaExecutable, final List<String> jvmOptions, final String jar,
            final List<String> arguments) {
        if (javaExecutable == null || javaExecutable.isBlank()) {
            throw new IllegalArgumentException("No java executable to run the child JVM with");
        }
        if (jar == null || jar.isBlank()) {
            throw new IllegalArgumentException("No jar to run in the child JVM");
        }
        List<String> words = new ArrayList<>();
        words.add(javaExecutable);
        for (String option : jvmOptions == null ? DEFAULT_OPTIONS : jvmOptions) {
            // a JVM option that does not start with '-' would be taken for the main class
            if (option == null || !option.startsWith("-")) {
                throw new IllegalArgumentException("Not a JVM option: '" + option + "'");
            }
            words.add(option);
        }
        words.add("-jar");
        words.add(jar);
        for (String argument : arguments) {
            words.add(Objects.requireNonNull(argument, "an argument of the child JVM"));
        }
        return List.copyOf(words);
    }

    /**
     * The JIT options for a run of the engine with these arguments in {@code workFolder}: {@link #C1_ALONE} when the
     * local files and folders the arguments name (an argument, or the value of {@code --option=value}) total under
     * {@code limit} bytes, none (both compilers) when they total more, when an argument names a remote location
     * ({@code s3://}, {@code https://}) whose size is unknown, or for the long-running {@code serve}. Runs on the
     * agent, where the files are.
     */
    public static List<String> jitOptions(final List<String> arguments, final Path workFolder, final long limit) {
        long total = 0;
        for (String argument : arguments) {
            String value = argument.startsWith("-") && argument.indexOf('=') > 0
                    ? argument.substring(argument.indexOf('=') + 1) : argument;
            if (value.equals("serve") || value.contains("://")) {
                return List.of();
            }
            total += size(workFolder, value, limit - total);
            if (total >= limit) {
                return List.of();
            }
        }
        return List.of(C1_ALONE);
    }

    /** The bytes of the file or folder a value names (0 when it names none), counting no further than {@code enough}. */
    private static long size(final Path workFolder, final String value, final long enough) {
        Path path;
        try {
            path = workFolder.resolve(value);
        }
        catch (InvalidPathException e) {
            return 0;
        }
        try {
            if (Files.isRegularFile(path)) {
                return Files.size(path);
            }
            if (!Files.isDirectory(path)) {
                return 0;
            }
            long[] total = {0};
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return total[0] >= enough ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(final Path file, final IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
            return total[0];
        }
        catch (IOException e) {
            // unknown: count it as large, so that the default (both compilers) stays
            return enough;
        }
    }

    /** The cached jar's file name for a checksum: {@code mlstages-<first 16 hex digits>.jar}. */
    public static String jarName(final String sha256) {
        return "mlstages-" + checked(sha256).substring(0, 16) + ".jar";
    }

    /** The SHA-256 of a stream, in hex (lower case). */
    public static String sha256(final InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The jar in {@code cacheFolder}, copying it there first when it is missing or its checksum differs: written to
     * a temporary file in the same folder, checked, then moved into place atomically, so that concurrent builds on
     * one agent and a crash half-way never leave a broken jar.
     *
     * @throws IOException when the copy fails or the bytes copied do not have the checksum (naming both)
     */
    public static Path ensureJar(final Path cacheFolder, final String sha256, final JarSource source) throws IOException {
        String expected = checked(sha256);
        Objects.requireNonNull(source, "source");
        Files.createDirectories(cacheFolder);
        Path jar = cacheFolder.resolve(jarName(expected));
        if (matches(jar, expected)) {
            return jar;
        }
        // every caller writes its own temporary file; the last atomic move wins, and all moves carry the same bytes
        Path part = Files.createTempFile(cacheFolder, "mlstages-", ".jar.part");
        try {
            MessageDigest digest = digest();
            try (InputStream in = source.open(); OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new IOException("The jar copied to " + cacheFolder + " has SHA-256 " + actual + ", not the "
                        + "expected " + expected + ": the copy is broken or the wrong file was sent");
            }
            try {
                Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The jar cache " + cacheFolder + " is on a file system without atomic moves;"
                        + " choose a local folder", e);
            }
            catch (IOException e) {
                // a concurrent caller may hold the target (e.g. on Windows); its bytes are the same when it checks out
                if (!matches(jar, expected)) {
                    throw e;
                }
            }
            return jar;
        }
        finally {
            Files.deleteIfExists(part);
        }
    }

    private static boolean matches(final Path jar, final String sha256) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(jar)) {
            return sha256(in).equals(sha256);
        }
    }

    private static String checked(final String sha256) {
        String value = sha256 == null ? null : sha256.trim().toLowerCase(Locale.ROOT);
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a SHA-256 (64 hex digits): '" + sha256 + "'");
        }
        return value;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Opens the jar's bytes (the plugin's bundled resource, streamed from the controller). */
    @FunctionalInterface
    public interface JarSource {
        InputStream open() throws IOException;
    }
}
