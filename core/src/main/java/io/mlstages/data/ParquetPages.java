package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.GZIPInputStream;

/**
 * The pages of one column chunk, read from the channel a page at a time (a buffer of at most
 * {@value #BUFFER_BYTES} bytes and the current page per column, whatever the row group's size) and decompressed
 * for parquet-column's value decoders. Pages are decompressed by pure-Java code (aircompressor, java.util.zip),
 * so no native library and no Hadoop class is needed.
 */
final class ParquetPages implements PageReader {
    /** The most bytes read from the file at once for a column chunk. */
    static final int BUFFER_BYTES = 256 * 1024;
    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final ChunkStream in;
    private final CompressionCodecName codec;
    private final long values;
    @CheckForNull private DictionaryPage dictionary;
    @CheckForNull private PageHeader pending;
    private long served;

    ParquetPages(final SeekableByteChannel channel, final ColumnChunkMetaData chunk, final int bufferBytes)
            throws IOException {
        this.in = new ChunkStream(channel, chunk.getStartingPos(), chunk.getTotalSize(), bufferBytes);
        this.codec = chunk.getCodec();
        this.values = chunk.getValueCount();
        if (values > 0) {
            PageHeader first = Util.readPageHeader(in);
            if (first.getType() == org.apache.parquet.format.PageType.DICTIONARY_PAGE) {
                DictionaryPageHeader header = first.getDictionary_page_header();
                byte[] bytes = body(first);
                dictionary = new DictionaryPage(BytesInput.from(bytes), header.getNum_values(),
                        CONVERTER.getEncoding(header.getEncoding()));
            } else {
                pending = first;
            }
        }
    }

    @Override
    @CheckForNull
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return values;
    }

    @Override
    @CheckForNull
    public DataPage readPage() {
        try {
            while (served < values) {
                PageHeader header = pending != null ? pending : Util.readPageHeader(in);
                pending = null;
                switch (header.getType()) {
                    case DATA_PAGE: {
                        DataPageHeader data = header.getData_page_header();
                        served += data.getNum_values();
                        return new DataPageV1(BytesInput.from(body(header)), data.getNum_values(),
                                header.getUncompressed_page_size(), null,
                                CONVERTER.getEncoding(data.getRepetition_level_encoding()),
                                CONVERTER.getEncoding(data.getDefinition_level_encoding()),
                                CONVERTER.getEncoding(data.getEncoding()));
                    }
                    case DATA_PAGE_V2: {
                        served += header.getData_page_header_v2().getNum_values();
                        return pageV2(header);
                    }
                    default:
                        // index and (misplaced) dictionary pages carry no values of their own
                        in.skipFully(header.getCompressed_page_size());
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A v2 page: its levels are never compressed, its values are unless the header says otherwise. */
    private DataPage pageV2(final PageHeader header) throws IOException {
        DataPageHeaderV2 data = header.getData_page_header_v2();
        int repetition = data.getRepetition_levels_byte_length();
        int definition = data.getDefinition_levels_byte_length();
        byte[] levels = new byte[repetition + definition];
        in.readFully(levels, 0, levels.length);
        int compressed = header.getCompressed_page_size() - levels.length;
        int uncompressed = header.getUncompressed_page_size() - levels.length;
        byte[] raw = new byte[compressed];
        in.readFully(raw, 0, compressed);
        boolean isCompressed = !data.isSetIs_compressed() || data.isIs_compressed();
        byte[] values = isCompressed ? decompress(raw, uncompressed) : raw;
        Encoding encoding = CONVERTER.getEncoding(data.getEncoding());
        return DataPageV2.uncompressed(data.getNum_rows(), data.getNum_nulls(), data.getNum_values(),
                BytesInput.from(levels, 0, repetition), BytesInput.from(levels, repetition, definition), encoding,
                BytesInput.from(values), null);
    }

    /** A page's bytes, decompressed. */
    private byte[] body(final PageHeader header) throws IOException {
        byte[] raw = new byte[header.getCompressed_page_size()];
        in.readFully(raw, 0, raw.length);
        return decompress(raw, header.getUncompressed_page_size());
    }

    private byte[] decompress(final byte[] raw, final int size) throws IOException {
        if (codec == CompressionCodecName.UNCOMPRESSED) {
            return raw;
        }
        byte[] out = new byte[size];
        int produced;
        switch (codec) {
            case SNAPPY:
                produced = new io.airlift.compress.snappy.SnappyDecompressor().decompress(raw, 0, raw.length, out, 0,
                        size);
                break;
            case ZSTD:
                produced = new io.airlift.compress.zstd.ZstdDecompressor().decompress(raw, 0, raw.length, out, 0, size);
                break;
            case LZ4_RAW:
                produced = new io.airlift.compress.lz4.Lz4Decompressor().decompress(raw, 0, raw.length, out, 0, size);
                break;
            case GZIP:
                try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    produced = gzip.readNBytes(out, 0, size);
                }
                break;
            default:
                throw new UnsupportedCodec(codec);
        }
        if (produced != size) {
            throw new IOException("a page decompressed to " + produced + " bytes, its header says " + size);
        }
        return out;
    }

    /** A compression codec this reader does not decompress (LZO, Brotli, the Hadoop-framed LZ4). */
    static final class UnsupportedCodec extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedCodec(final CompressionCodecName codec) {
            super("its pages are compressed with " + codec + ", which is not supported (SNAPPY, ZSTD, GZIP, "
                    + "LZ4_RAW and uncompressed are); rewrite the file with one of those");
        }
    }

    /** The bytes of one column chunk, read forward through a bounded buffer. */
    private static final class ChunkStream extends InputStream {
        private final SeekableByteChannel channel;
        private final long end;
        private long next;
        private final byte[] buffer;
        private int at;
        private int limit;

        ChunkStream(final SeekableByteChannel channel, final long start, final long length, final int bufferBytes) {
            this.channel = channel;
            this.next = start;
            this.end = start + length;
            this.buffer = new byte[(int) Math.max(1, Math.min(bufferBytes, length))];
        }

        @Override
        public int read() throws IOException {
            if (at == limit && !fill()) {
                return -1;
            }
            return buffer[at++] & 0xff;
        }

        @Override
        public int read(final byte[] into, final int offset, final int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (at == limit) {
                if (length >= buffer.length && next < end) {
                    // a large page goes straight into its own array
                    int direct = (int) Math.min(length, end - next);
                    ParquetFooter.readFully(channel, next, into, offset, direct);
                    next += direct;
                    return direct;
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(length, limit - at);
            System.arraycopy(buffer, at, into, offset, n);
            at += n;
            return n;
        }

        void readFully(final byte[] into, final int offset, final int length) throws IOException {
            int done = 0;
            while (done < length) {
                int n = read(into, offset + done, length - done);
                if (n < 0) {
                    throw new java.io.EOFException("the column chunk ends " + (length - done)
                            + " bytes before the page its header announces");
                }
                done += n;
            }
        }

        void skipFully(final long count) throws IOException {
            long left = count;
            int buffered = Math.min(limit - at, (int) Math.min(Integer.MAX_VALUE, left));
            at += buffered;
            left -= buffered;
            next += left;
        }

        private boolean fill() throws IOException {
            if (next >= end) {
                return false;
            }
            int n = (int) Math.min(buffer.length, end - next);
            ParquetFooter.readFully(channel, next, buffer, 0, n);
            next += n;
            at = 0;
            limit = n;
            return true;
        }
    }
}
