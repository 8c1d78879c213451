package io.mlstages.objectstore;

import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/** The one file system of {@code s3://} paths: every bucket of the store the current settings reach. */
final class S3FileSystem extends FileSystem {
    private final S3FileSystemProvider provider;

    S3FileSystem(final S3FileSystemProvider provider) {
        this.provider = provider;
    }

    @Override
    public S3FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // shared by the process, like the default file system
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of();
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    /** An absolute path for {@code s3://bucket/key}, checked as {@link S3Url#parse} does; otherwise a relative one. */
    @Override
    public Path getPath(final String first, final String... more) {
        String joined = more.length == 0 ? first : first + "/" + String.join("/", more);
        if (S3Url.is(joined)) {
            S3Url url = S3Url.parse(joined);
            return new S3Path(this, url.bucket(), url.key());
        }
        return new S3Path(this, null, joined);
    }

    @Override
    public PathMatcher getPathMatcher(final String syntaxAndPattern) {
        PathMatcher names = java.nio.file.FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return path -> names.matches(Path.of(path.toString().replace(S3Url.SCHEME, "")));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("An object store has no users");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("An object store cannot be watched");
    }
}
