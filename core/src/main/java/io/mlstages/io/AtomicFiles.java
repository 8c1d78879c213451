package io.mlstages.io;

import io.mlstages.MlStagesException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writing files so that a crash never leaves half a file where a whole one stood. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * A temporary file is created private (0600); reports, profiles and published models are meant to be read by
     * others (a serving process, a web server, Jenkins), so the file gets the usual rw-r--r-- where POSIX applies.
     */
    private static void readableByAll(final Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Writes UTF-8 text to a file atomically: see {@link #write(Path, byte[])}. */
    public static void write(final Path file, final String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes to a temporary file beside the target, forces them to disk, then renames it over the
     * target, so that readers see the old file or the new one, never a mix.
     *
     * @throws MlStagesException naming the file when it cannot be written
     */
    public static void write(final Path file, final byte[] bytes) {
        if (file.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
            // an object store: one PUT replaces an object whole, and it has no rename to build on
            try {
                Files.write(file, bytes);
            }
            catch (IOException e) {
                throw new MlStagesException("Cannot write " + file + ": " + e.getMessage(), e);
            }
            return;
        }
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            readableByAll(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        }
        catch (IOException e) {
            throw new MlStagesException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                }
                catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the write error above is what matters
                }
            }
        }
    }
}
