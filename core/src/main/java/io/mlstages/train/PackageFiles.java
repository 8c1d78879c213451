package io.mlstages.train;

import io.mlstages.data.DataReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The file side of model packages: a package is built in a hidden temporary folder beside the target and then
 * renamed into place (or zipped into a temporary file that is renamed), so that a failed training never leaves
 * half a package; zips are read with every entry checked to stay inside the folder they are extracted to.
 */
final class PackageFiles {
    /** Zip limits: more entries or bytes than this is refused rather than filling the disk. */
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_BYTES = 8L << 30;

    private PackageFiles() {
    }

    static boolean isZip(final Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** A hidden temporary folder beside {@code output}, for building a package. */
    static Path stagingFolder(final Path output) {
        Path target = output.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp");
        } catch (IOException e) {
            throw new ModelPackageException("Cannot create a folder beside " + output + ": " + e.getMessage(), e);
        }
    }

    /** Writes bytes to a file of the staging folder, creating its parents. */
    static void write(final Path file, final byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new ModelPackageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of every regular file under {@code folder}, by '/'-separated relative path, sorted. */
    static Map<String, String> hashes(final Path folder, final String except) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    String name = relative(folder, file);
                    if (!name.equals(except)) {
                        hashes.put(name, DataReader.sha256(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new ModelPackageException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
        return hashes;
    }

    static String relative(final Path folder, final Path file) {
        List<String> parts = new ArrayList<>();
        folder.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    /**
     * Moves a finished staging folder to {@code output}: zipped when the name ends with {@code .zip}, else renamed.
     * An existing package at {@code output} is replaced; anything else there is left alone and refused.
     */
    static void publish(final Path staging, final Path output) {
        Path target = output.toAbsolutePath().normalize();
        try {
            if (isZip(target)) {
                if (Files.isDirectory(target)) {
                    throw new ModelPackageException(output + " is a folder; a .zip package needs a file name");
                }
                Path zip = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                try {
                    zip(staging, zip);
                    move(zip, target);
                } finally {
                    Files.deleteIfExists(zip);
                }
                deleteTree(staging);
                return;
            }
            if (Files.isRegularFile(target)) {
                throw new ModelPackageException(output + " is a file; a model package is a folder (or name it .zip)");
            }
            Path old = null;
            if (Files.isDirectory(target)) {
                boolean empty;
                try (Stream<Path> list = Files.list(target)) {
                    empty = list.findAny().isEmpty();
                }
                if (!empty && !Files.isRegularFile(target.resolve(ModelPackage.METADATA))) {
                    throw new ModelPackageException(output + " exists and is not a model package (no "
                            + ModelPackage.METADATA + "); choose another output or remove it");
                }
                old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new ModelPackageException("Cannot write the model package " + output + ": " + e.getMessage(), e);
        }
    }

    private static void move(final Path from, final Path to) throws IOException {
        try (FileChannel channel = FileChannel.open(from, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void zip(final Path folder, final Path zip) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
        }
        files.sort((a, b) -> relative(folder, a).compareTo(relative(folder, b)));
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(relative(folder, file));
                // a fixed time keeps the zip's bytes a function of its content
                entry.setTime(0);
                out.putNextEntry(entry);
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    /**
     * Extracts a zip into {@code folder}. Refuses absolute names, names with {@code ..} or a drive, names that
     * would land outside {@code folder}, and more than {@value #MAX_ENTRIES} entries or {@value #MAX_BYTES} bytes
     * (counted as extracted, not as the zip claims).
     */
    static void unzip(final Path zip, final Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[65536];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new ModelPackageException(zip + ": more than " + MAX_ENTRIES + " entries; refused");
                }
                String name = entry.getName();
                Path target = root.resolve(name).normalize();
                if (name.startsWith("/") || name.startsWith("\\") || name.contains("\\") || name.matches("^[A-Za-z]:.*")
                        || List.of(name.split("/")).contains("..") || !target.startsWith(root) || target.equals(root)) {
                    throw new ModelPackageException(zip + ": the entry '" + name
                            + "' would be extracted outside the package folder; refused");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        total += read;
                        if (total > MAX_BYTES) {
                            throw new ModelPackageException(zip + ": more than " + MAX_BYTES
                                    + " bytes when extracted; refused");
                        }
                        out.write(buffer, 0, read);
                    }
                }
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new ModelPackageException(zip + ": the entry " + e.getFile() + " appears twice; refused", e);
        } catch (IOException e) {
            throw new ModelPackageException(zip + ": not a readable zip: " + e.getMessage(), e);
        }
    }

    static byte[] read(final Path file, final String shown) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ModelPackageException(shown + ": the file is missing");
        } catch (IOException e) {
            throw new ModelPackageException(shown + ": cannot read it: " + e.getMessage(), e);
        }
    }

    static void deleteTree(final Path folder) {
        if (folder == null || !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path dir, final IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a leftover temporary folder is hidden and harmless; the caller's outcome is what matters
        }
    }
}
