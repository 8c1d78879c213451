package io.mlstages.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of a dataset file, checked and decoded. Opening sniffs the start of the file so that a binary,
 * UTF-16 or empty file is refused before any parsing; {@link #reader()} decodes strict UTF-8 (a malformed byte
 * is an error naming its line, never a silent replacement character) and drops a UTF-8 byte order mark.
 * Gzip-compressed files are decompressed on the fly. The raw bytes are counted (progress) and hashed
 * (SHA-256 of the file as stored) as they pass.
 */
final class TextInput implements AutoCloseable {
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final CountingStream raw;
    private final InputStream decoded;
    private final long size;

    private TextInput(final Path file, final CountingStream raw, final InputStream decoded, final long size) {
        this.file = file;
        this.raw = raw;
        this.decoded = decoded;
        this.size = size;
    }

    /**
     * Opens and sniffs a file.
     *
     * @throws DataException when the file is missing, unreadable, empty, binary or UTF-16
     */
    static TextInput open(final Path file, final String expected) {
        long size;
        CountingStream raw;
        try {
            size = Files.size(file);
            raw = new CountingStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new DataException(file, 0, null, "no such file");
        } catch (IOException e) {
            throw new DataException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
        try {
            InputStream decoded = raw;
            java.io.PushbackInputStream peek = new java.io.PushbackInputStream(raw, 2);
            int first = peek.read();
            int second = first < 0 ? -1 : peek.read();
            if (second >= 0) {
                peek.unread(second);
            }
            if (first >= 0) {
                peek.unread(first);
            }
            decoded = peek;
            if (first == 0x1f && second == 0x8b) {
                try {
                    decoded = new GZIPInputStream(peek, BUFFER_BYTES);
                } catch (IOException e) {
                    throw new DataException(file, 0, null, "looks gzip-compressed but cannot be decompressed: "
                            + e.getMessage(), e);
                }
            }
            java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(decoded, BUFFER_BYTES);
            sniff(file, buffered, expected);
            return new TextInput(file, raw, new NulGuard(file, buffered), size);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new DataException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** Refuses empty, binary and UTF-16 files by their first bytes, leaving the stream where it was. */
    private static void sniff(final Path file, final java.io.BufferedInputStream in, final String expected)
            throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = new byte[SNIFF_BYTES];
        int count = 0;
        int n;
        while (count < head.length && (n = in.read(head, count, head.length - count)) > 0) {
            count += n;
        }
        in.reset();
        if (count == 0) {
            throw new DataException(file, 0, null, "is empty (0 bytes): expected " + expected);
        }
        if (count >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
            throw new DataException(file, 0, null, "is UTF-16 encoded (it starts with a UTF-16 byte order mark): "
                    + "expected UTF-8; convert it, for example with iconv -f UTF-16 -t UTF-8");
        }
        for (int i = 0; i < count; i++) {
            if (head[i] == 0) {
                throw new DataException(file, lineAt(head, i), null, "is not a text file (a NUL byte at offset "
                        + i + "): expected UTF-8 CSV or JSON Lines");
            }
        }
    }

    private static long lineAt(final byte[] head, final int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (head[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Refuses a NUL byte wherever it is, as {@link #sniff} does in the first bytes: text never holds one, and a
     * parser would otherwise take the rest of a binary file (or a corrupted block deep in a text file) as data.
     * Counting lines here costs one more comparison per byte in a loop that is already there.
     */
    private static final class NulGuard extends java.io.FilterInputStream {
        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;
        private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
        private final Path file;
        private long offset;
        private long line = 1;

        NulGuard(final Path file, final InputStream in) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                check(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int start, final int length) throws IOException {
            int n = in.read(buffer, start, length);
            if (n > 0) {
                check(buffer, start, n);
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, BUFFER_BYTES)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void check(final byte[] buffer, final int start, final int count) {
            int end = start + count;
            int i = start;
            // eight bytes at a time (a plain byte loop cost 0.2-0.3 s per 100 MB, this 0.06 s); a word holding a
            // NUL is left to the byte loop below, which finds it and its line
            for (; i + Long.BYTES <= end; i += Long.BYTES) {
                long word = (long) LONGS.get(buffer, i);
                if (zeroBytes(word) != 0) {
                    break;
                }
                line += Long.bitCount(zeroBytes(word ^ NEWLINES));
            }
            for (; i < end; i++) {
                byte b = buffer[i];
                if (b == 0) {
                    throw new DataException(file, line, null, "is not a text file (a NUL byte at offset "
                            + (offset + i - start) + "): expected UTF-8 CSV or JSON Lines");
                }
                if (b == '\n') {
                    line++;
                }
            }
            offset += count;
        }

        /** A word with the high bit set in exactly the bytes of {@code word} that are zero. */
        private static long zeroBytes(final long word) {
            return ~(((word & LOW_SEVEN) + LOW_SEVEN) | word | LOW_SEVEN);
        }
    }

    /** The decoded stream of bytes (after gzip), for parsers that decode UTF-8 themselves. */
    InputStream bytes() {
        return decoded;
    }

    /** A strict UTF-8 reader over the file's text, without the byte order mark. */
    Reader reader() {
        return new Utf8Reader(file, decoded);
    }

    /** The number of bytes of the file read so far. */
    long position() {
        return raw.count;
    }

    /** The size of the file in bytes. */
    long size() {
        return size;
    }

    /** Whether every byte of the file has been read. */
    boolean atEnd() {
        return raw.ended;
    }

    /** The SHA-256 of the file's bytes; valid once {@link #atEnd()}. */
    String sha256() {
        return HexFormat.of().formatHex(raw.digest.digest());
    }

    @Override
    public void close() {
        closeQuietly(decoded);
        closeQuietly(raw);
    }

    private static void closeQuietly(final AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing was written: a failed close loses nothing
        }
    }

    /** The SHA-256 of a file as stored, in lower-case hexadecimal. */
    static String sha256(final Path file) {
        try (CountingStream in = new CountingStream(Files.newInputStream(file))) {
            byte[] buffer = new byte[BUFFER_BYTES];
            while (in.read(buffer) >= 0) {
                // the stream hashes what passes
            }
            return HexFormat.of().formatHex(in.digest.digest());
        } catch (NoSuchFileException e) {
            throw new DataException(file, 0, null, "no such file");
        } catch (IOException e) {
            throw new DataException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The message for a malformed UTF-8 sequence of {@code length} bytes at {@code index} of {@code bytes} (valid
     * up to {@code limit}), which is at offset {@code at} of the decoded stream.
     */
    static String describeMalformed(final byte[] bytes, final int index, final int limit, final long at,
            final int length) {
        StringBuilder text = new StringBuilder("is not valid UTF-8 (byte");
        if (length > 1) {
            text.append('s');
        }
        for (int k = 0; k < length && index + k < limit; k++) {
            text.append(String.format(" 0x%02X", bytes[index + k] & 0xff));
        }
        return text.append(" at offset ").append(at).append("): expected UTF-8 text; convert the file, ")
                .append("for example with iconv -f LATIN1 -t UTF-8").toString();
    }

    /** Counts and hashes the bytes read from the file. */
    private static final class CountingStream extends FilterInputStream {
        private final MessageDigest digest;
        private long count;
        private boolean ended;

        CountingStream(final InputStream in) {
            super(in);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                ended = true;
            } else {
                count++;
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
            } else {
                count += n;
                digest.update(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException {
            // skipping would leave bytes out of the hash: read them instead
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /**
     * Decodes UTF-8 strictly. A malformed sequence throws {@link MalformedText} with its byte offset; the line
     * is counted only then, by re-reading the file, so that the normal path pays nothing for it.
     */
    private static final class Utf8Reader extends Reader {
        private final Path file;
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES);
        /** Offset in the decoded byte stream of {@code bytes}' index 0. */
        private long base;
        private boolean eof;
        private boolean started;
        private boolean flushed;

        Utf8Reader(final Path file, final InputStream in) {
            this.file = file;
            this.in = in;
            bytes.limit(0);
        }

        @Override
        public int read(final char[] target, final int offset, final int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!started) {
                started = true;
                fill();
                if (bytes.remaining() >= 3 && bytes.get(0) == (byte) 0xEF && bytes.get(1) == (byte) 0xBB
                        && bytes.get(2) == (byte) 0xBF) {
                    bytes.position(3);
                }
            }
            CharBuffer out = CharBuffer.wrap(target, offset, length);
            while (true) {
                CoderResult result = decoder.decode(bytes, out, eof);
                if (result.isError()) {
                    long at = base + bytes.position();
                    throw new MalformedText(file, at, describe(at, result.length()));
                }
                int produced = out.position() - offset;
                if (produced > 0) {
                    return produced;
                }
                if (eof) {
                    if (!flushed) {
                        flushed = true;
                        decoder.flush(out);
                        produced = out.position() - offset;
                        if (produced > 0) {
                            return produced;
                        }
                    }
                    return -1;
                }
                fill();
            }
        }

        private String describe(final long at, final int length) {
            return describeMalformed(bytes.array(), bytes.position(), bytes.limit(), at, length);
        }

        private void fill() throws IOException {
            base += bytes.position();
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A malformed UTF-8 sequence, at a byte offset of the decoded stream. */
    static final class MalformedText extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final long offset;

        MalformedText(final Path file, final long offset, final String message) {
            super(message);
            this.file = file;
            this.offset = offset;
        }

        /** The error, with the line counted by re-reading the file up to the bad byte. */
        DataException toDataException() {
            long line = 1;
            try (TextInput again = TextInput.open(file, "text")) {
                InputStream in = again.decoded;
                byte[] buffer = new byte[BUFFER_BYTES];
                long read = 0;
                int n;
                while (read < offset && (n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - read))) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            line++;
                        }
                    }
                    read += n;
                }
            } catch (IOException | RuntimeException e) {
                line = 0;
            }
            return new DataException(file, line, null, getMessage(), this);
        }
    }
}
