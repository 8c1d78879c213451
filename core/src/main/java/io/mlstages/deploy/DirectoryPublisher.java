package io.mlstages.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Publishes package files into numbered version folders of a serving directory (a TF Serving model base path) so
 * that a reader listing the directory never sees a version folder with files missing: the files are written into a
 * hidden temporary folder beside it, forced to disk, and the folder renamed into place in one step. Folders leave
 * the same way: renamed to a hidden name first, deleted after.
 */
final class DirectoryPublisher {
    /** The prefix of folders being written or deleted; TF Serving ignores folders whose name is not a number. */
    static final String TEMP_PREFIX = ".tmp-";
    /** Temporary folders older than this are leftovers of a killed deployment and are removed. */
    static final Duration STALE = Duration.ofHours(1);


    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,9}");

    private DirectoryPublisher() {
    }

    /**
     * Publishes {@code files} (relative path to SHA-256) from {@code source} as {@code dir/<version>}.
     *
     * @return true when the folder was created, false when an identical one was already there
     * @throws DeployException naming the file when a source file does not match its SHA-256, when the version
     *                         folder exists with different content, or when writing fails
     */
    static boolean publish(final Path source, final Map<String, String> files, final Path dir, final int version) {
        Path target = dir.resolve(Integer.toString(version));
        try {
            Files.createDirectories(dir);
            removeStale(dir);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                requireSame(target, files);
                return false;
            }
            Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
            try {
                Files.createDirectory(temp);
                for (Map.Entry<String, String> file : files.entrySet()) {
                    copyVerified(source, file.getKey(), file.getValue(), temp);
                }
                forceTree(temp);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
                catch (AtomicMoveNotSupportedException e) {
                    throw new DeployException("Cannot publish into " + dir + ": its file system cannot rename a"
                            + " folder atomically, so readers could see a half-written version", e);
                }
                catch (FileSystemException e) {
                    // another deployment published the same version between our check and our rename
                    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                        throw e;
                    }
                    requireSame(target, files);
                    return false;
                }
                temp = null;
                force(dir);
                return true;
            }
            finally {
                if (temp != null) {
                    deleteTree(temp);
                }
            }
        }
        catch (IOException e) {
            throw new DeployException("Cannot publish version " + version + " into " + dir + ": " + e, e);
        }
    }

    /**
     * Removes the version folders beyond the newest {@code keep}, sparing {@code spared}; 0 keeps every folder.
     *
     * @return the versions removed, ascending
     */
    static List<Integer> prune(final Path dir, final int keep, final Set<Integer> spared) {
        if (keep == 0) {
            return List.of();
        }
        List<Integer> versions = versions(dir);
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < versions.size() - keep; i++) {
            int version = versions.get(i);
            if (!spared.contains(version)) {
                retire(dir, version);
                removed.add(version);
            }
        }
        return removed;
    }

    /**
     * Removes every version folder newer than {@code version}, so that a server serving the latest version (TF
     * Serving's default policy) serves it again.
     *
     * @return the versions removed, ascending
     */
    static List<Integer> removeNewerThan(final Path dir, final int version) {
        List<Integer> removed = new ArrayList<>();
        for (int existing : versions(dir)) {
            if (existing > version) {
                retire(dir, existing);
                removed.add(existing);
            }
        }
        return removed;
    }

    /**
     * The directory's lock file, held from publication to retention by each deployment and rollback into it (the
     * registry's kind of lock): beside the directory, {@code .<name>.mlstages-lock}, so that a deployment refused
     * before it publishes leaves no directory behind and the directory holds nothing but versions.
     */
    static Path lockFile(final Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        return parent == null || absolute.getFileName() == null ? absolute.resolve(".mlstages-lock")
                : parent.resolve("." + absolute.getFileName() + ".mlstages-lock");
    }

    /** The numbered version folders, ascending. */
    static List<Integer> versions(final Path dir) {
        List<Integer> versions = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return versions;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (VERSION.matcher(name).matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    long value = Long.parseLong(name);
                    if (value <= Integer.MAX_VALUE) {
                        versions.add((int) value);
                    }
                }
            }
        }
        catch (IOException e) {
            throw new DeployException("Cannot list the version folders of " + dir + ": " + e, e);
        }
        versions.sort(Comparator.naturalOrder());
        return versions;
    }

    /** Removes one version folder: renamed out of sight in one step, then deleted. */
    static void retire(final Path dir, final int version) {
        Path folder = dir.resolve(Integer.toString(version));
        Path hidden = dir.resolve(TEMP_PREFIX + "removed-" + version + "-" + UUID.randomUUID());
        try {
            Files.move(folder, hidden, StandardCopyOption.ATOMIC_MOVE);
            force(dir);
        }
        catch (IOException e) {
            throw new DeployException("Cannot remove the version folder " + folder + ": " + e, e);
        }
        deleteTree(hidden);
    }

    private static void requireSame(final Path target, final Map<String, String> files) throws IOException {
        Map<String, String> present = digests(target);
        if (present.equals(new TreeMap<>(files))) {
            return;
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            String actual = present.get(file.getKey());
            if (actual == null) {
                differences.add(file.getKey() + " missing");
            }
            else if (!actual.equals(file.getValue())) {
                differences.add(file.getKey() + " differs");
            }
        }
        for (String name : present.keySet()) {
            if (!files.containsKey(name)) {
                differences.add(name + " not in the package");
            }
        }
        throw new DeployException(target + " already exists with different content (" + String.join(", ",
                differences.subList(0, Math.min(5, differences.size()))) + (differences.size() > 5 ? ", ..." : "")
                + "): a published version folder is never overwritten; remove it if it is wrong");
    }

    private static Map<String, String> digests(final Path folder) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                String relative = folder.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                digests.put(relative, attrs.isRegularFile() ? sha256(file) : "not a regular file");
                return FileVisitResult.CONTINUE;
            }
        });
        return digests;
    }

    private static void copyVerified(final Path source, final String relative, final String sha256, final Path temp)
            throws IOException {
        Path root = source.toAbsolutePath().normalize();
        Path from = root.resolve(relative).normalize();
        Path tempRoot = temp.toAbsolutePath().normalize();
        Path to = tempRoot.resolve(relative).normalize();
        if (relative.isEmpty() || !from.startsWith(root) || from.equals(root) || !to.startsWith(tempRoot)) {
            throw new DeployException("The package file '" + relative + "' lies outside the package " + source);
        }
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new DeployException(from + ": the file is missing from the package");
        }
        Files.createDirectories(to.getParent());
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(from);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            out.force(true);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
            throw new DeployException(from + ": the file changed since it was registered: its SHA-256 is " + actual
                    + " but the registry lists " + sha256);
        }
    }

    /** Forces every folder of the tree to disk, so that the renamed folder's entries survive a crash. */
    private static void forceTree(final Path root) throws IOException {
        try (var folders = Files.walk(root)) {
            for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
                force(folder);
            }
        }
    }

    private static void force(final Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException e) {
            // some platforms cannot open a folder to force it; the files themselves were forced
        }
    }

    private static void removeStale(final Path dir) throws IOException {
        Instant limit = Instant.now().minus(STALE);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(limit)) {
                    deleteTree(entry);
                }
            }
        }
    }

    static void deleteTree(final Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path folder, final IOException e) throws IOException {
                    Files.deleteIfExists(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException e) {
            // a hidden leftover is harmless: the next publication removes it once stale
        }
    }

    static String sha256(final Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
