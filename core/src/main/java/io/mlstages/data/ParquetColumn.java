package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * One top-level column of a Parquet file: what its Parquet type means here (its {@link Kind}), and the current
 * row's value as parquet-column's decoder hands it over. Dictionary-encoded text is decoded once per dictionary
 * entry, not once per row.
 */
final class ParquetColumn extends PrimitiveConverter {
    /** How a Parquet type is read. */
    enum Kind {
        BOOLEAN(ColumnType.BOOLEAN, "boolean"),
        INT(ColumnType.NUMERIC, "integer"),
        UINT32(ColumnType.NUMERIC, "unsigned integer"),
        UINT64(ColumnType.NUMERIC, "unsigned integer"),
        FLOAT(ColumnType.NUMERIC, "float"),
        DOUBLE(ColumnType.NUMERIC, "double"),
        DECIMAL(ColumnType.NUMERIC, "decimal"),
        FLOAT16(ColumnType.NUMERIC, "float16"),
        STRING(ColumnType.CATEGORICAL, "string"),
        UUID(ColumnType.CATEGORICAL, "uuid"),
        DATE(ColumnType.CATEGORICAL, "date"),
        TIME(ColumnType.CATEGORICAL, "time"),
        TIMESTAMP(ColumnType.CATEGORICAL, "timestamp"),
        INT96(ColumnType.CATEGORICAL, "timestamp (int96)");

        /** The type a column of this kind gets unless the user declares another. */
        final ColumnType natural;
        final String label;

        Kind(final ColumnType natural, final String label) {
            this.natural = natural;
            this.label = label;
        }
    }

    final String name;
    final Kind kind;
    /** For decimals the scale, for times and timestamps the digits of a second (3, 6 or 9). */
    private final int scale;
    private final boolean utc;
    /** Whether a decimal's unscaled value comes as bytes (FIXED_LEN_BYTE_ARRAY or BINARY) rather than a long. */
    private boolean binaryDecimal;
    /** The current value: the long (integers, dates, times, timestamps), double, boolean or bytes. */
    long longValue;
    double doubleValue;
    boolean boolValue;
    @CheckForNull Binary binaryValue;
    /** For dictionary-encoded text: the entry of the current value, else -1. */
    int entry = -1;
    @CheckForNull private Dictionary dictionary;
    @CheckForNull private String[] entries;
    /** Per dictionary entry: 0 not judged yet, 1 a missing token, 2 a value. */
    @CheckForNull private byte[] entryMissing;

    private ParquetColumn(final String name, final Kind kind, final int scale, final boolean utc) {
        this.name = name;
        this.kind = kind;
        this.scale = scale;
        this.utc = utc;
    }

    /**
     * The column for a top-level field, or null when it cannot be read as one column; {@code why} then gets the
     * reason (a nested group, a list, an interval, plain bytes).
     */
    @CheckForNull
    static ParquetColumn of(final Type field, final StringBuilder why) {
        if (!field.isPrimitive()) {
            LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
            why.append(logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation ? "a list"
                    : logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation ? "a map"
                    : "a nested group of " + field.asGroupType().getFieldCount() + " fields");
            return null;
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            why.append("a repeated field (a list)");
            return null;
        }
        PrimitiveType primitive = field.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        String name = field.getName();
        switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN:
                return new ParquetColumn(name, Kind.BOOLEAN, 0, false);
            case FLOAT:
                return new ParquetColumn(name, Kind.FLOAT, 0, false);
            case DOUBLE:
                return new ParquetColumn(name, Kind.DOUBLE, 0, false);
            case INT96:
                return new ParquetColumn(name, Kind.INT96, 9, true);
            case INT32:
            case INT64:
                return integer(name, primitive, logical, why);
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                return bytes(name, primitive, logical, why);
            default:
                why.append("of the unsupported type ").append(primitive.getPrimitiveTypeName());
                return null;
        }
    }

    @CheckForNull
    private static ParquetColumn integer(final String name, final PrimitiveType primitive,
            @CheckForNull final LogicalTypeAnnotation logical, final StringBuilder why) {
        if (logical == null) {
            return new ParquetColumn(name, Kind.INT, 0, false);
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
            LogicalTypeAnnotation.IntLogicalTypeAnnotation integer = (LogicalTypeAnnotation.IntLogicalTypeAnnotation) logical;
            if (!integer.isSigned() && integer.getBitWidth() == 64) {
                return new ParquetColumn(name, Kind.UINT64, 0, false);
            }
            if (!integer.isSigned() && integer.getBitWidth() == 32) {
                return new ParquetColumn(name, Kind.UINT32, 0, false);
            }
            return new ParquetColumn(name, Kind.INT, 0, false);
        }
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return new ParquetColumn(name, Kind.DECIMAL,
                    ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale(), false);
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return new ParquetColumn(name, Kind.DATE, 0, false);
        }
        if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
            LogicalTypeAnnotation.TimeLogicalTypeAnnotation time = (LogicalTypeAnnotation.TimeLogicalTypeAnnotation) logical;
            return new ParquetColumn(name, Kind.TIME, digits(time.getUnit()), time.isAdjustedToUTC());
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
            LogicalTypeAnnotation.TimestampLogicalTypeAnnotation stamp =
                    (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical;
            return new ParquetColumn(name, Kind.TIMESTAMP, digits(stamp.getUnit()), stamp.isAdjustedToUTC());
        }
        why.append("of the unsupported type ").append(primitive.getPrimitiveTypeName()).append(' ').append(logical);
        return null;
    }

    @CheckForNull
    private static ParquetColumn bytes(final String name, final PrimitiveType primitive,
            @CheckForNull final LogicalTypeAnnotation logical, final StringBuilder why) {
        boolean fixed = primitive.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            ParquetColumn decimal = new ParquetColumn(name, Kind.DECIMAL,
                    ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale(), false);
            decimal.binaryDecimal = true;
            return decimal;
        }
        if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            return new ParquetColumn(name, Kind.UUID, 0, false);
        }
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
            return new ParquetColumn(name, Kind.FLOAT16, 0, false);
        }
        if (!fixed && (logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation)) {
            // plain binary is text too: older writers (Hive, Impala) store strings without the annotation
            return new ParquetColumn(name, Kind.STRING, 0, false);
        }
        why.append("of the unsupported type ").append(primitive.getPrimitiveTypeName())
                .append(logical == null ? " (raw bytes)" : " " + logical);
        return null;
    }

    private static int digits(final LogicalTypeAnnotation.TimeUnit unit) {
        switch (unit) {
            case MILLIS:
                return 3;
            case MICROS:
                return 6;
            default:
                return 9;
        }
    }

    /** Clears the current value before the decoder writes the next. */
    void reset() {
        entry = -1;
    }

    @Override
    public boolean hasDictionarySupport() {
        return kind == Kind.STRING;
    }

    @Override
    public void setDictionary(final Dictionary value) {
        dictionary = value;
        entries = new String[value.getMaxId() + 1];
        entryMissing = new byte[value.getMaxId() + 1];
    }

    @Override
    public void addValueFromDictionary(final int id) {
        entry = id;
    }

    @Override
    public void addBinary(final Binary value) {
        binaryValue = value;
    }

    @Override
    public void addBoolean(final boolean value) {
        boolValue = value;
    }

    @Override
    public void addDouble(final double value) {
        doubleValue = value;
    }

    @Override
    public void addFloat(final float value) {
        doubleValue = value;
    }

    @Override
    public void addInt(final int value) {
        longValue = value;
    }

    @Override
    public void addLong(final long value) {
        longValue = value;
    }

    /** The current value as a number: integers and decimals exactly rounded, dates in days and times in seconds. */
    double number() {
        switch (kind) {
            case BOOLEAN:
                return boolValue ? 1 : 0;
            case INT:
                return longValue;
            case UINT32:
                return longValue & 0xFFFFFFFFL;
            case UINT64:
                return longValue >= 0 ? longValue : unsigned(longValue).doubleValue();
            case FLOAT:
            case DOUBLE:
                return doubleValue;
            case DECIMAL:
                return decimalNumber();
            case FLOAT16:
                return float16(binary());
            case DATE:
                return longValue;
            case TIME:
            case TIMESTAMP:
                return longValue / Math.pow(10, scale);
            case INT96:
                return int96Nanos(binary()) / 1e9;
            default:
                throw new IllegalStateException(kind + " has no number: " + name);
        }
    }

    /** The current value as text: decimal numbers as written, dates and times in ISO 8601. */
    String text() {
        switch (kind) {
            case BOOLEAN:
                return boolValue ? "true" : "false";
            case INT:
                return Long.toString(longValue);
            case UINT32:
                return Long.toString(longValue & 0xFFFFFFFFL);
            case UINT64:
                return Long.toUnsignedString(longValue);
            case FLOAT:
                return Float.toString((float) doubleValue);
            case DOUBLE:
                return Double.toString(doubleValue);
            case DECIMAL:
                return decimal().toPlainString();
            case FLOAT16:
                return Float.toString(float16(binary()));
            case STRING:
                return string();
            case UUID:
                ByteBuffer uuid = binary().toByteBuffer();
                return new java.util.UUID(uuid.getLong(uuid.position()), uuid.getLong(uuid.position() + 8)).toString();
            case DATE:
                return LocalDate.ofEpochDay(longValue).toString();
            case TIME:
                long ofDay = toNanos(longValue);
                return clock(LocalTime.ofNanoOfDay(ofDay).withNano(0).toString(), ofDay % 1_000_000_000L)
                        + (utc ? "Z" : "");
            case TIMESTAMP:
                return timestamp(Math.floorDiv(longValue, (long) Math.pow(10, scale)),
                        toNanos(Math.floorMod(longValue, (long) Math.pow(10, scale))));
            case INT96:
                long nanos = int96Nanos(binary());
                return timestamp(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
            default:
                throw new IllegalStateException(kind + " has no text: " + name);
        }
    }

    /**
     * A timestamp as pandas and DuckDB write it in CSV ({@code 2020-01-01 13:05:00}), a fraction of a second only
     * when there is one, and {@code Z} for one adjusted to UTC; so a Parquet copy of a CSV file reads the same.
     */
    private String timestamp(final long seconds, final long nanos) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        return time.toLocalDate() + " " + clock(time.toLocalTime().toString(), nanos) + (utc ? "Z" : "");
    }

    /** {@code HH:mm:ss} from {@link LocalTime#toString()} without its fraction, and the fraction if any. */
    private static String clock(final String hoursMinutes, final long nanos) {
        StringBuilder text = new StringBuilder(hoursMinutes);
        if (text.length() == 5) {
            text.append(":00"); // LocalTime leaves out zero seconds
        }
        if (nanos != 0) {
            String fraction = String.format(java.util.Locale.ROOT, "%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.toString();
    }

    private long toNanos(final long units) {
        return units * (long) Math.pow(10, 9 - scale);
    }

    /**
     * Whether the current text value is missing by {@code judge}, decided once per dictionary entry for
     * dictionary-encoded text.
     */
    boolean missingText(final java.util.function.Predicate<String> judge) {
        byte[] judged = entryMissing;
        if (entry >= 0 && judged != null) {
            if (judged[entry] == 0) {
                judged[entry] = judge.test(string()) ? (byte) 1 : (byte) 2;
            }
            return judged[entry] == 1;
        }
        return judge.test(text());
    }

    private String string() {
        if (entry >= 0) {
            String[] cache = java.util.Objects.requireNonNull(entries, "dictionary entries");
            String text = cache[entry];
            if (text == null) {
                text = java.util.Objects.requireNonNull(dictionary, "dictionary").decodeToBinary(entry)
                        .toStringUsingUTF8();
                cache[entry] = text;
            }
            return text;
        }
        return binary().toStringUsingUTF8();
    }

    private Binary binary() {
        return java.util.Objects.requireNonNull(binaryValue, "a value of column " + name);
    }

    private BigDecimal decimal() {
        if (binaryDecimal) {
            return new BigDecimal(new BigInteger(binary().getBytes()), scale);
        }
        return BigDecimal.valueOf(longValue, scale);
    }

    /**
     * The decimal as the double nearest to it, as the CSV reader gives for its text. Unscaled values below 2^53
     * with a scale up to 22 take Clinger's fast path: both operands are exact doubles, so the one division rounds
     * correctly; the rest go through the decimal's text.
     */
    private double decimalNumber() {
        if (!binaryDecimal && Math.abs(longValue) < (1L << 53) && scale >= 0 && scale < NumberParser.POWERS.length) {
            return longValue / NumberParser.POWERS[scale];
        }
        return Double.parseDouble(decimal().toString());
    }

    private static BigInteger unsigned(final long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    private static float float16(final Binary value) {
        ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int bits = bytes.getShort(bytes.position()) & 0xFFFF;
        int sign = bits >>> 15;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 0x1F) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = (1 + mantissa / 1024f) * (float) Math.pow(2, exponent - 15);
        }
        return sign == 0 ? magnitude : -magnitude;
    }

    /** An INT96 timestamp (nanoseconds of the day, then the Julian day, little-endian) in nanoseconds since 1970. */
    private static long int96Nanos(final Binary value) {
        ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = bytes.getLong(bytes.position());
        int julianDay = bytes.getInt(bytes.position() + 8);
        long julianDayOfEpoch = 2_440_588L;
        return (julianDay - julianDayOfEpoch) * 86_400_000_000_000L + nanosOfDay;
    }
}
