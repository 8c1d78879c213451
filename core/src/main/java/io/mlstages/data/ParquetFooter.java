package io.mlstages.data;

import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * Reads a Parquet file's footer (its schema, row groups and column chunks) from the end of the file, refusing a
 * file that is not Parquet, is cut short or is encrypted with a message that says which.
 */
final class ParquetFooter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTED = "PARE".getBytes(StandardCharsets.US_ASCII);
    /** Magic at the start, footer length and magic at the end. */
    private static final int FRAME = 12;
    /** A footer larger than this is taken for damage rather than read into memory. */
    private static final int MAX_FOOTER = 256 * 1024 * 1024;

    private ParquetFooter() {
    }

    /** The footer of a part whose channel is open. */
    static ParquetMetadata read(final ParquetPart part, final SeekableByteChannel channel) {
        try {
            long size = channel.size();
            byte[] head = new byte[(int) Math.min(size, 4)];
            readFully(channel, 0, head);
            if (size < FRAME) {
                throw new DataException(part.name(), 0, null, size == 0 ? "is empty (0 bytes): expected a Parquet file"
                        : "is not a Parquet file: " + size + " bytes are too few for one (a Parquet file starts and "
                        + "ends with PAR1)" + textHint(head));
            }
            byte[] tail = new byte[8];
            readFully(channel, size - 8, tail);
            boolean startsRight = java.util.Arrays.equals(head, MAGIC) || java.util.Arrays.equals(head, ENCRYPTED);
            if (java.util.Arrays.equals(java.util.Arrays.copyOfRange(tail, 4, 8), ENCRYPTED)) {
                throw new DataException(part.name(), 0, null, "is an encrypted Parquet file: encryption is not "
                        + "supported; decrypt it first");
            }
            if (!java.util.Arrays.equals(java.util.Arrays.copyOfRange(tail, 4, 8), MAGIC)) {
                throw new DataException(part.name(), 0, null, startsRight
                        ? "is truncated: it starts as a Parquet file but does not end with PAR1 (the footer is "
                                + "missing); the file was cut short or is still being written"
                        : "is not a Parquet file: it neither starts nor ends with PAR1" + textHint(head));
            }
            if (!startsRight) {
                throw new DataException(part.name(), 0, null, "is not a Parquet file: it ends with PAR1 but does "
                        + "not start with it; the file is damaged");
            }
            long length = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (length > size - FRAME || length > MAX_FOOTER) {
                throw new DataException(part.name(), 0, null, "has a damaged footer: it says it is " + length
                        + " bytes long in a file of " + size + " bytes; the file was cut short or damaged");
            }
            byte[] footer = new byte[(int) length];
            readFully(channel, size - 8 - length, footer);
            try {
                return new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(footer),
                        ParquetMetadataConverter.NO_FILTER);
            } catch (IOException | RuntimeException e) {
                throw new DataException(part.name(), 0, null, "has a damaged footer (" + e.getMessage()
                        + "); the file was cut short or damaged", e);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(part.name(), 0, null, "no such file");
        } catch (IOException e) {
            throw new DataException(part.name(), 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Says that a file looks like text, which is nearly always a CSV or JSON Lines file with the wrong name. */
    private static String textHint(final byte[] head) {
        for (byte b : head) {
            if (b < 0x09 || b > 0x7e) {
                return "";
            }
        }
        return head.length == 0 ? "" : "; it looks like text: read a CSV or JSON Lines file with --format csv or "
                + "--format jsonl";
    }

    /** Reads {@code into.length} bytes at {@code position}, failing at the end of the channel. */
    static void readFully(final SeekableByteChannel channel, final long position, final byte[] into)
            throws IOException {
        readFully(channel, position, into, 0, into.length);
    }

    static void readFully(final SeekableByteChannel channel, final long position, final byte[] into,
            final int offset, final int length) throws IOException {
        channel.position(position);
        ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new java.io.EOFException("the file ends at byte " + (position + buffer.position() - offset)
                        + ", before the " + length + " bytes at offset " + position);
            }
        }
    }
}
