package io.mlstages.objectstore;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Path} to an S3 object or prefix ({@code s3://bucket/key}), so that every engine call that takes a path
 * (data, profiles, reports) takes an S3 location as well. Absolute paths have a bucket; relative ones (file names,
 * what {@link #relativize} returns) have none. The separator is {@code /}; "folders" are key prefixes.
 */
final class S3Path implements Path {
    private final S3FileSystem fs;
    @CheckForNull
    private final String bucket;
    private final String key;

    S3Path(final S3FileSystem fs, @CheckForNull final String bucket, final String key) {
        this.fs = fs;
        this.bucket = bucket;
        this.key = strip(key);
    }

    private static String strip(final String key) {
        String k = key;
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        return k;
    }

    /** The object's URL. */
    S3Url url() {
        if (bucket == null) {
            throw new IllegalStateException("A relative S3 path has no object: " + key);
        }
        return new S3Url(bucket, key);
    }

    @Override
    public S3FileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return bucket != null;
    }

    @Override
    @CheckForNull
    public Path getRoot() {
        return bucket == null ? null : new S3Path(fs, bucket, "");
    }

    private List<String> names() {
        return key.isEmpty() ? List.of() : Arrays.asList(key.split("/"));
    }

    @Override
    @CheckForNull
    public Path getFileName() {
        List<String> names = names();
        return names.isEmpty() ? null : new S3Path(fs, null, names.get(names.size() - 1));
    }

    @Override
    @CheckForNull
    public Path getParent() {
        int slash = key.lastIndexOf('/');
        if (slash < 0) {
            return key.isEmpty() || bucket == null ? null : new S3Path(fs, bucket, "");
        }
        return new S3Path(fs, bucket, key.substring(0, slash));
    }

    @Override
    public int getNameCount() {
        return names().size();
    }

    @Override
    public Path getName(final int index) {
        return new S3Path(fs, null, names().get(index));
    }

    @Override
    public Path subpath(final int beginIndex, final int endIndex) {
        return new S3Path(fs, null, String.join("/", names().subList(beginIndex, endIndex)));
    }

    @Override
    public boolean startsWith(final Path other) {
        if (!(other instanceof S3Path o) || !Objects.equals(bucket, o.bucket)) {
            return false;
        }
        return o.key.isEmpty() || key.equals(o.key) || key.startsWith(o.key + "/");
    }

    @Override
    public boolean endsWith(final Path other) {
        if (!(other instanceof S3Path o)) {
            return false;
        }
        if (o.isAbsolute()) {
            return equals(o);
        }
        return key.equals(o.key) || key.endsWith("/" + o.key);
    }

    @Override
    public Path normalize() {
        return this;
    }

    @Override
    public Path resolve(final Path other) {
        if (!(other instanceof S3Path o)) {
            return resolve(other.toString());
        }
        if (o.isAbsolute()) {
            return o;
        }
        if (o.key.isEmpty()) {
            return this;
        }
        return new S3Path(fs, bucket, key.isEmpty() ? o.key : key + "/" + o.key);
    }

    @Override
    public Path resolve(final String other) {
        return resolve(fs.getPath(other));
    }

    @Override
    public Path relativize(final Path other) {
        if (!(other instanceof S3Path o) || !o.startsWith(this)) {
            throw new IllegalArgumentException(other + " does not lie under " + this);
        }
        return new S3Path(fs, null, key.isEmpty() ? o.key : o.key.equals(key) ? "" : o.key.substring(key.length() + 1));
    }

    @Override
    public URI toUri() {
        return URI.create(toString().replace(" ", "%20"));
    }

    @Override
    public Path toAbsolutePath() {
        if (bucket == null) {
            throw new IllegalStateException("A relative S3 path has no absolute form: " + key);
        }
        return this;
    }

    @Override
    public Path toRealPath(final LinkOption... options) {
        return toAbsolutePath();
    }

    @Override
    public WatchKey register(final WatchService watcher, final WatchEvent.Kind<?>[] events,
            final WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("An object store cannot be watched: " + this);
    }

    @Override
    public int compareTo(final Path other) {
        if (!(other instanceof S3Path)) {
            throw new ProviderMismatchException();
        }
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof S3Path o && Objects.equals(bucket, o.bucket) && key.equals(o.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, key);
    }

    @Override
    public String toString() {
        return bucket == null ? key : S3Url.SCHEME + bucket + "/" + key;
    }
}
