package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;

/**
 * The values of one column chunk, one row at a time, handed to the column's converter. Two ways: the common
 * encodings of flat columns (plain and dictionary values, RLE definition levels, of INT32, INT64, FLOAT, DOUBLE
 * and BINARY) are decoded here a page at a time into arrays, which is several times faster than parquet-column's
 * value-at-a-time readers (measured: dictionary ids decoded through its RLE reader took about half the read time);
 * everything else goes through parquet-column's {@link ColumnReaderImpl}.
 */
abstract class ParquetValues {
    private static final Set<Encoding> FAST = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY,
            Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);
    private static final Set<PrimitiveTypeName> FAST_TYPES = EnumSet.of(PrimitiveTypeName.INT32,
            PrimitiveTypeName.INT64, PrimitiveTypeName.FLOAT, PrimitiveTypeName.DOUBLE, PrimitiveTypeName.BINARY);

    /** Moves to the next row's value and writes it to the converter; false when it is null. */
    abstract boolean next();

    /** The reader for a chunk: the fast one where it applies. */
    static ParquetValues of(final ColumnDescriptor descriptor, final ParquetPages pages, final ColumnChunkMetaData chunk,
            final ParquetColumn column, @CheckForNull final org.apache.parquet.VersionParser.ParsedVersion writer) {
        boolean fast = descriptor.getMaxRepetitionLevel() == 0 && descriptor.getMaxDefinitionLevel() <= 1
                && FAST_TYPES.contains(descriptor.getPrimitiveType().getPrimitiveTypeName())
                && FAST.containsAll(chunk.getEncodings())
                && !Boolean.getBoolean("mlstages.parquet.generic");
        return fast ? new Fast(descriptor, pages, column) : new Generic(descriptor, pages, column, writer);
    }

    /** parquet-column's reader. */
    private static final class Generic extends ParquetValues {
        private final ColumnReaderImpl reader;
        private final int max;
        private final ParquetColumn column;

        Generic(final ColumnDescriptor descriptor, final ParquetPages pages, final ParquetColumn column,
                @CheckForNull final org.apache.parquet.VersionParser.ParsedVersion writer) {
            this.reader = new ColumnReaderImpl(descriptor, pages, column, writer);
            this.max = descriptor.getMaxDefinitionLevel();
            this.column = column;
        }

        @Override
        boolean next() {
            boolean present = reader.getCurrentDefinitionLevel() == max;
            if (present) {
                column.reset();
                reader.writeCurrentValueToConverter();
            }
            reader.consume();
            return present;
        }
    }

    /** Plain and dictionary pages decoded a page at a time. */
    private static final class Fast extends ParquetValues {
        private final ParquetPages pages;
        private final ParquetColumn column;
        private final PrimitiveTypeName type;
        private final boolean optional;
        @CheckForNull private final Dictionary dictionary;
        /** The dictionary decoded, for numbers. */
        @CheckForNull private final double[] doubles;
        @CheckForNull private final long[] longs;

        /** The current page: definition levels (1 present), dictionary ids, or plain values. */
        private byte[] defined = new byte[0];
        private int[] ids = new int[0];
        private boolean dictionaryPage;
        @CheckForNull private ByteBuffer plain;
        private int rows;
        private int row;
        private int value;

        Fast(final ColumnDescriptor descriptor, final ParquetPages pages, final ParquetColumn column) {
            this.pages = pages;
            this.column = column;
            this.type = descriptor.getPrimitiveType().getPrimitiveTypeName();
            this.optional = descriptor.getMaxDefinitionLevel() == 1;
            DictionaryPage page = pages.readDictionaryPage();
            Dictionary decoded = null;
            double[] asDoubles = null;
            long[] asLongs = null;
            if (page != null) {
                try {
                    decoded = page.getEncoding().initDictionary(descriptor, page);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                int size = decoded.getMaxId() + 1;
                switch (type) {
                    case DOUBLE:
                        asDoubles = new double[size];
                        for (int i = 0; i < size; i++) {
                            asDoubles[i] = decoded.decodeToDouble(i);
                        }
                        break;
                    case FLOAT:
                        asDoubles = new double[size];
                        for (int i = 0; i < size; i++) {
                            asDoubles[i] = decoded.decodeToFloat(i);
                        }
                        break;
                    case INT32:
                        asLongs = new long[size];
                        for (int i = 0; i < size; i++) {
                            asLongs[i] = decoded.decodeToInt(i);
                        }
                        break;
                    case INT64:
                        asLongs = new long[size];
                        for (int i = 0; i < size; i++) {
                            asLongs[i] = decoded.decodeToLong(i);
                        }
                        break;
                    default:
                        column.setDictionary(decoded);
                }
            }
            this.dictionary = decoded;
            this.doubles = asDoubles;
            this.longs = asLongs;
        }

        @Override
        boolean next() {
            if (row == rows) {
                page();
            }
            if (optional && defined[row] == 0) {
                row++;
                return false;
            }
            row++;
            column.reset();
            if (dictionaryPage) {
                int id = ids[value++];
                switch (type) {
                    case DOUBLE:
                    case FLOAT:
                        column.doubleValue = java.util.Objects.requireNonNull(doubles, "dictionary")[id];
                        break;
                    case INT32:
                    case INT64:
                        column.longValue = java.util.Objects.requireNonNull(longs, "dictionary")[id];
                        break;
                    default:
                        if (column.hasDictionarySupport()) {
                            column.entry = id;
                        } else {
                            column.binaryValue = java.util.Objects.requireNonNull(dictionary, "dictionary")
                                    .decodeToBinary(id);
                        }
                }
                return true;
            }
            ByteBuffer in = java.util.Objects.requireNonNull(plain, "plain values");
            switch (type) {
                case DOUBLE:
                    column.doubleValue = in.getDouble();
                    break;
                case FLOAT:
                    column.doubleValue = in.getFloat();
                    break;
                case INT32:
                    column.longValue = in.getInt();
                    break;
                case INT64:
                    column.longValue = in.getLong();
                    break;
                default:
                    int length = in.getInt();
                    if (length < 0 || length > in.remaining()) {
                        throw new IllegalStateException("a value of " + length + " bytes in a page with "
                                + in.remaining() + " left");
                    }
                    column.binaryValue = Binary.fromConstantByteBuffer(in.slice(in.position(), length));
                    in.position(in.position() + length);
            }
            value++;
            return true;
        }

        /** Reads the next page: its definition levels, then its ids or plain values. */
        private void page() {
            DataPage page = pages.readPage();
            if (page == null) {
                throw new IllegalStateException("the column chunk has fewer values than its row group has rows");
            }
            rows = page.getValueCount();
            row = 0;
            value = 0;
            if (defined.length < rows) {
                defined = new byte[rows];
            }
            ByteBuffer values;
            Encoding encoding;
            try {
                if (page instanceof DataPageV1) {
                    DataPageV1 v1 = (DataPageV1) page;
                    ByteBuffer bytes = v1.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    if (optional) {
                        if (v1.getDlEncoding() != Encoding.RLE) {
                            throw new IllegalStateException("definition levels encoded " + v1.getDlEncoding());
                        }
                        int length = bytes.getInt();
                        ByteBuffer levels = bytes.slice(bytes.position(), length);
                        Rle.decode(levels, 1, defined, rows);
                        bytes.position(bytes.position() + length);
                    }
                    values = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
                    encoding = v1.getValueEncoding();
                } else {
                    DataPageV2 v2 = (DataPageV2) page;
                    if (optional) {
                        Rle.decode(v2.getDefinitionLevels().toByteBuffer(), 1, defined, rows);
                    }
                    values = v2.getData().toByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
                    encoding = v2.getDataEncoding();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            int present = rows;
            if (optional) {
                present = 0;
                for (int i = 0; i < rows; i++) {
                    present += defined[i];
                }
            }
            dictionaryPage = encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY;
            if (dictionaryPage) {
                if (dictionary == null) {
                    throw new IllegalStateException("a dictionary-encoded page without a dictionary page");
                }
                if (ids.length < present) {
                    ids = new int[present];
                }
                int width = values.get() & 0xFF;
                Rle.decode(values, width, ids, present);
                plain = null;
            } else if (encoding == Encoding.PLAIN) {
                plain = values;
            } else {
                throw new IllegalStateException("values encoded " + encoding + " among plain and dictionary pages");
            }
        }
    }

    /** The RLE / bit-packing hybrid encoding of the Parquet format, decoded into arrays. */
    static final class Rle {
        private Rle() {
        }

        static void decode(final ByteBuffer in, final int width, final byte[] out, final int count) {
            int[] values = new int[count];
            decode(in, width, values, count);
            for (int i = 0; i < count; i++) {
                out[i] = (byte) values[i];
            }
        }

        static void decode(final ByteBuffer in, final int width, final int[] out, final int count) {
            int n = 0;
            int bytesPerValue = (width + 7) / 8;
            long mask = width == 32 ? 0xFFFFFFFFL : (1L << width) - 1;
            while (n < count) {
                int header = varInt(in);
                if ((header & 1) == 0) {
                    int run = header >>> 1;
                    int value = 0;
                    for (int b = 0; b < bytesPerValue; b++) {
                        value |= (in.get() & 0xFF) << (8 * b);
                    }
                    int end = Math.min(count, n + run);
                    java.util.Arrays.fill(out, n, end, value);
                    n = end;
                } else {
                    int values = (header >>> 1) * 8;
                    int bytes = (header >>> 1) * width;
                    int start = in.position();
                    if (bytes > in.remaining()) {
                        throw new IllegalStateException("a bit-packed run of " + bytes + " bytes in a buffer with "
                                + in.remaining() + " left");
                    }
                    long buffer = 0;
                    int bits = 0;
                    int at = start;
                    int end = Math.min(count, n + values);
                    for (int i = n; i < end; i++) {
                        while (bits < width) {
                            buffer |= (long) (in.get(at++) & 0xFF) << bits;
                            bits += 8;
                        }
                        out[i] = (int) (buffer & mask);
                        buffer >>>= width;
                        bits -= width;
                    }
                    n = end;
                    in.position(start + bytes);
                }
            }
        }

        private static int varInt(final ByteBuffer in) {
            int value = 0;
            int shift = 0;
            while (true) {
                int b = in.get() & 0xFF;
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
                shift += 7;
                if (shift > 28) {
                    throw new IllegalStateException("a run header longer than 5 bytes");
                }
            }
        }
    }
}
