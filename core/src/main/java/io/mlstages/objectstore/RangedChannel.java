package io.mlstages.objectstore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel} over one object version, served by ranged GETs. A read outside the buffered
 * window fetches {@code max(requested, bufferBytes)} bytes from the position, so a reader that seeks to a footer and
 * then walks column chunks makes one request per chunk, not one per small read. Not safe for concurrent use (as
 * {@link SeekableByteChannel} implementations generally are not).
 */
final class RangedChannel implements SeekableByteChannel {
    private final ObjectStore store;
    private final S3Url url;
    private final long size;
    private final String etag;
    private final int bufferBytes;
    private long position;
    private boolean open = true;
    private byte[] window = new byte[0];
    private long windowStart;
    private int requests;

    RangedChannel(final ObjectStore store, final S3Url url, final long size, final String etag,
            final int bufferBytes) {
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("bufferBytes must be positive, not " + bufferBytes);
        }
        this.store = store;
        this.url = url;
        this.size = size;
        this.etag = etag;
        this.bufferBytes = bufferBytes;
    }

    @Override
    public int read(final ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position < windowStart || position >= windowStart + window.length) {
            long wanted = Math.min(Math.max((long) dst.remaining(), bufferBytes), size - position);
            window = fetch(position, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
            windowStart = position;
            if (window.length == 0) {
                throw new IOException(url + ": the object ended at " + position + " bytes, not " + size
                        + " as announced");
            }
        }
        int offset = (int) (position - windowStart);
        int count = Math.min(dst.remaining(), window.length - offset);
        dst.put(window, offset, count);
        position += count;
        return count;
    }

    private byte[] fetch(final long from, final int length) throws IOException {
        requests++;
        try {
            return store.range(url, from, length, etag);
        } catch (ObjectStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** How many ranged GETs this channel made (for tests and measurements). */
    int requests() {
        return requests;
    }

    @Override
    public int write(final ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(final long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("A position is not negative: " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(final long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        window = new byte[0];
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
