package io.mlstages.registry;

import io.mlstages.data.DataReader;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File operations the registry's crash safety rests on: fsync of files and folders, copies, deletion. */
final class Disk {
    private Disk() {
    }

    /** Forces a file's content to disk (through a read-only channel: a read-only file can be forced too). */
    static void syncFile(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Forces a folder's entries (names created, renamed, deleted) to disk, so that a rename survives a power
     * loss. Linux allows this on a read-only channel; where the platform refuses, the rename is still atomic
     * for processes, only its durability after a power loss is left to the file system.
     */
    static void syncDir(final Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // see above: not available on every platform (Windows)
        }
    }

    /** Forces every file and folder under {@code root} to disk, deepest first. */
    static void syncTree(final Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(path);
                } else {
                    syncFile(path);
                }
            }
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            syncDir(dirs.get(i));
        }
    }

    /**
     * Copies a package folder. Only regular files and folders are copied; a symbolic link or another kind of
     * file is refused, since it could make the registered version depend on something outside it.
     */
    static void copyTree(final Path from, final Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attrs)
                    throws IOException {
                Files.createDirectories(to.resolve(relative(from, dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    throw new RegistryException(file + ": not a regular file (a symbolic link or a device);"
                            + " a package holds regular files only");
                }
                // contents only: the source's permissions (read-only, say) would get in the way of retention
                Files.copy(file, to.resolve(relative(from, file)));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The SHA-256 of every regular file under {@code folder}, by '/'-separated relative path, sorted. */
    static Map<String, String> hashes(final Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (Path file : files(folder)) {
            hashes.put(relative(folder, file), DataReader.sha256(file));
        }
        return hashes;
    }

    /** Every entry under {@code folder} that is not a folder (regular files, links, anything else). */
    static List<Path> files(final Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
        }
        return files;
    }

    /** A path relative to a folder, with '/' as separator on every platform. */
    static String relative(final Path folder, final Path file) {
        List<String> parts = new ArrayList<>();
        folder.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    /** Deletes a folder and everything in it; a folder already gone is not an error. */
    static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path dir, final IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
