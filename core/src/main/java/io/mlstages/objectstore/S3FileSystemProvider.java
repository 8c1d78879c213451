package io.mlstages.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code s3://} paths for {@link Files}: reads stream the object ({@link #newInputStream}, no download first) or
 * serve random access by ranged GETs ({@link #newByteChannel}, for Parquet); writes go to a local temporary file and
 * are uploaded with one PUT when closed (so readers see the old object or the new one, never a part); a prefix is a
 * folder. Errors name the URL; the settings in force ({@link S3Settings#current()}) say which store.
 */
public final class S3FileSystemProvider extends FileSystemProvider {
    private static final S3FileSystemProvider INSTANCE = new S3FileSystemProvider();
    /** A ranged read fetches at least this much: one request per Parquet column chunk rather than per small read. */
    static final int RANGE_BYTES = 1 << 20;

    private final S3FileSystem fs = new S3FileSystem(this);

    /** The path of an {@code s3://bucket/key} URL. */
    public static Path path(final String url) {
        return INSTANCE.fs.getPath(url);
    }

    /** Whether the path is an object-store path. */
    public static boolean isObjectStore(final Path path) {
        return path instanceof S3Path;
    }

    /**
     * A random-access, read-only channel over an object (ranged GETs, {@code bufferBytes} at least per request), for
     * readers that seek (Parquet).
     */
    public static SeekableByteChannel channel(final Path path, final int bufferBytes) {
        return ObjectStore.get().channel(s3(path).url(), bufferBytes);
    }

    private static S3Path s3(final Path path) {
        if (!(path instanceof S3Path s)) {
            throw new ProviderMismatchException(String.valueOf(path));
        }
        return s;
    }

    @Override
    public String getScheme() {
        return "s3";
    }

    @Override
    public S3FileSystem newFileSystem(final URI uri, final Map<String, ?> env) {
        return fs;
    }

    @Override
    public S3FileSystem getFileSystem(final URI uri) {
        return fs;
    }

    @Override
    public Path getPath(final URI uri) {
        return fs.getPath(uri.toString());
    }

    @Override
    public InputStream newInputStream(final Path path, final OpenOption... options) throws IOException {
        S3Url url = s3(path).url();
        ObjectStore store = ObjectStore.get();
        if (store.head(url).isEmpty()) {
            throw new NoSuchFileException(url.toString());
        }
        return store.open(url);
    }

    @Override
    public OutputStream newOutputStream(final Path path, final OpenOption... options) throws IOException {
        S3Url url = s3(path).url();
        Path temp = Files.createTempFile("mlstages-upload-", ".part");
        OutputStream local = Files.newOutputStream(temp);
        return new java.io.FilterOutputStream(local) {
            private boolean closed;

            @Override
            public void write(final byte[] b, final int off, final int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    super.close();
                    ObjectStore.get().put(url, temp);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        };
    }

    @Override
    public SeekableByteChannel newByteChannel(final Path path, final Set<? extends OpenOption> options,
            final FileAttribute<?>... attrs) throws IOException {
        S3Url url = s3(path).url();
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        if (!write) {
            ObjectStore store = ObjectStore.get();
            Optional<ObjectStore.Head> head = store.head(url);
            if (head.isEmpty()) {
                throw new NoSuchFileException(url.toString());
            }
            return new RangedChannel(store, url, head.get().size(), head.get().etag(), RANGE_BYTES);
        }
        Path temp = Files.createTempFile("mlstages-upload-", ".part");
        FileChannel local = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new UploadOnClose(local, temp, url);
    }

    /** A local channel whose content becomes the object when it is closed. */
    private static final class UploadOnClose implements SeekableByteChannel {
        private final FileChannel local;
        private final Path temp;
        private final S3Url url;

        UploadOnClose(final FileChannel local, final Path temp, final S3Url url) {
            this.local = local;
            this.temp = temp;
            this.url = url;
        }

        @Override
        public int read(final ByteBuffer dst) throws IOException {
            return local.read(dst);
        }

        @Override
        public int write(final ByteBuffer src) throws IOException {
            return local.write(src);
        }

        @Override
        public long position() throws IOException {
            return local.position();
        }

        @Override
        public SeekableByteChannel position(final long newPosition) throws IOException {
            local.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return local.size();
        }

        @Override
        public SeekableByteChannel truncate(final long size) throws IOException {
            local.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return local.isOpen();
        }

        @Override
        public void close() throws IOException {
            if (!local.isOpen()) {
                return;
            }
            try {
                local.close();
                ObjectStore.get().put(url, temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(final Path dir, final DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        S3Path folder = s3(dir);
        List<Path> entries = new ArrayList<>();
        for (String name : ObjectStore.get().children(folder.url())) {
            Path entry = folder.resolve(name);
            if (filter.accept(entry)) {
                entries.add(entry);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
                // nothing is held open
            }
        };
    }

    @Override
    public void createDirectory(final Path dir, final FileAttribute<?>... attrs) {
        // a prefix exists as soon as an object under it does: nothing to create
    }

    @Override
    public void delete(final Path path) throws IOException {
        S3Url url = s3(path).url();
        ObjectStore store = ObjectStore.get();
        if (store.head(url).isEmpty()) {
            throw new NoSuchFileException(url.toString());
        }
        store.delete(url);
    }

    @Override
    public void copy(final Path source, final Path target, final CopyOption... options) throws IOException {
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    @Override
    public void move(final Path source, final Path target, final CopyOption... options) throws IOException {
        copy(source, target, options);
        delete(source);
    }

    @Override
    public boolean isSameFile(final Path path, final Path path2) {
        return path.equals(path2);
    }

    @Override
    public boolean isHidden(final Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(final Path path) {
        throw new UnsupportedOperationException("An object store has no file store: " + path);
    }

    @Override
    public void checkAccess(final Path path, final AccessMode... modes) throws IOException {
        readAttributes(path, BasicFileAttributes.class);
    }

    @Override
    @edu.umd.cs.findbugs.annotations.CheckForNull
    public <V extends FileAttributeView> V getFileAttributeView(final Path path, final Class<V> type,
            final LinkOption... options) {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(final Path path, final Class<A> type,
            final LinkOption... options) throws IOException {
        if (!type.isAssignableFrom(BasicFileAttributes.class)) {
            throw new UnsupportedOperationException("Only basic attributes for " + path);
        }
        S3Url url = s3(path).url();
        ObjectStore store = ObjectStore.get();
        Optional<ObjectStore.Head> head = url.key().isEmpty() ? Optional.empty() : store.head(url);
        if (head.isPresent()) {
            return (A) new Attributes(head.get().size(), false);
        }
        if (url.key().isEmpty() || !store.children(url).isEmpty()) {
            return (A) new Attributes(0, true);
        }
        throw new NoSuchFileException(url.toString());
    }

    @Override
    public Map<String, Object> readAttributes(final Path path, final String attributes, final LinkOption... options)
            throws IOException {
        BasicFileAttributes basic = readAttributes(path, BasicFileAttributes.class, options);
        return Map.of("size", basic.size(), "isDirectory", basic.isDirectory(), "isRegularFile",
                basic.isRegularFile(), "lastModifiedTime", basic.lastModifiedTime());
    }

    @Override
    public void setAttribute(final Path path, final String attribute, final Object value,
            final LinkOption... options) {
        throw new UnsupportedOperationException("Objects have no settable attributes: " + path);
    }

    /** An object (a regular file) or a prefix (a folder). */
    private record Attributes(long size, boolean isDirectory) implements BasicFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            return FileTime.fromMillis(0);
        }

        @Override
        public FileTime lastAccessTime() {
            return FileTime.fromMillis(0);
        }

        @Override
        public FileTime creationTime() {
            return FileTime.fromMillis(0);
        }

        @Override
        public boolean isRegularFile() {
            return !isDirectory;
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        @edu.umd.cs.findbugs.annotations.CheckForNull
        public Object fileKey() {
            return null;
        }
    }
}
