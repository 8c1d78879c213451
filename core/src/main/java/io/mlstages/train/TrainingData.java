package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataReader;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.SegmentedProfiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A training file read once into columns (numbers as doubles, text as integer codes), profiled in the same pass.
 * Rows whose target is missing are counted and left out.
 */
final class TrainingData {
    /** A text column is identifier-like (left out of default features) above this many distinct values... */
    static final int IDENTIFIER_MIN_DISTINCT = 50;
    /** ...when they are also more than this share of the rows. */
    static final double IDENTIFIER_SHARE = 0.5;

    final Path file;
    final Schema schema;
    final List<String> featureNames = new ArrayList<>();
    final List<ColumnType> featureTypes = new ArrayList<>();
    /** Per feature: the values, NaN when missing; null for a text or boolean feature. */
    final List<double[]> numbers = new ArrayList<>();
    /** Per feature: the label codes, -1 when missing; null for a numeric feature. */
    final List<int[]> codes = new ArrayList<>();
    /** Per feature: the label of each code; null for a numeric feature. */
    final List<List<String>> labels = new ArrayList<>();
    final Map<String, String> skipped = new LinkedHashMap<>();
    final ColumnType targetType;
    /** The target as a number (numeric targets only). */
    @CheckForNull double[] targetNumbers;
    /** The target as a label code (every target, for classification). */
    int[] targetCodes;
    final List<String> targetLabels = new ArrayList<>();
    int rows;
    long withoutTarget;
    Profile profile;
    String sha256;

    private TrainingData(final Path file, final Schema schema, final ColumnType targetType) {
        this.file = file;
        this.schema = schema;
        this.targetType = targetType;
    }

    /**
     * Reads and profiles a training file.
     *
     * @throws TrainException when the target or a named feature is absent (naming the file and listing the columns)
     */
    static TrainingData read(final Path file, final TrainOptions options) {
        return read(file, options, TrainProgress.NONE);
    }

    static TrainingData read(final Path file, final TrainOptions options, final TrainProgress progress) {
        io.mlstages.data.ReadOptions read = options.read();
        if (!options.features().isEmpty() && read.columns().isEmpty()) {
            // named features: a columnar file reads only them and the target
            List<String> needed = new ArrayList<>(options.features());
            needed.add(options.target());
            read = read.withColumns(needed);
        }
        try (RowSource source = progress.reading().apply(DataReader.open(file, read))) {
            Schema schema = source.schema();
            int target = requireColumn(file, schema, options.target(), "target");
            List<Integer> columns = new ArrayList<>();
            if (options.features().isEmpty()) {
                for (String name : options.exclude()) {
                    requireColumn(file, schema, name, "excluded");
                }
                for (int i = 0; i < schema.size(); i++) {
                    if (i != target && !options.exclude().contains(schema.column(i).name())) {
                        columns.add(i);
                    }
                }
            } else {
                for (String name : options.features()) {
                    columns.add(requireColumn(file, schema, name, "feature"));
                }
            }
            for (String name : options.segments()) {
                requireColumn(file, schema, name, "segment");
            }
            if (columns.isEmpty()) {
                throw new TrainException(file + ": no feature columns are left besides the target '"
                        + options.target() + "'");
            }
            TrainingData data = new TrainingData(file, schema, schema.column(target).type());
            data.load(source, target, columns, options);
            if (options.features().isEmpty()) {
                data.dropIdentifiers();
            }
            return data;
        }
    }

    private static int requireColumn(final Path file, final Schema schema, final String name, final String role) {
        int index = schema.indexOf(name);
        if (index < 0) {
            throw new TrainException(file + ": the " + role + " column '" + name + "' is not in the data; its columns are "
                    + schema.names());
        }
        return index;
    }

    private void load(final RowSource source, final int target, final List<Integer> columns,
            final TrainOptions options) {
        int width = columns.size();
        int[] at = new int[width];
        boolean[] numeric = new boolean[width];
        List<Map<String, Integer>> dictionaries = new ArrayList<>();
        int capacity = 1024;
        for (int f = 0; f < width; f++) {
            at[f] = columns.get(f);
            ColumnType type = schema.column(at[f]).type();
            featureNames.add(schema.column(at[f]).name());
            featureTypes.add(type);
            numeric[f] = type == ColumnType.NUMERIC;
            numbers.add(numeric[f] ? new double[capacity] : null);
            codes.add(numeric[f] ? null : new int[capacity]);
            labels.add(numeric[f] ? null : new ArrayList<>());
            dictionaries.add(numeric[f] ? null : new HashMap<>());
        }
        boolean numericTarget = targetType == ColumnType.NUMERIC;
        targetNumbers = numericTarget ? new double[capacity] : null;
        targetCodes = new int[capacity];
        Map<String, Integer> targetDictionary = new HashMap<>();
        Map<Double, Integer> numericDictionary = new HashMap<>();
        // with no segment columns this profiles exactly as a plain Profiler does
        try (SegmentedProfiler profiler = new SegmentedProfiler(schema, ProfileSettings.defaults(),
                options.segments(), options.segmentCapacity())) {
            while (source.next()) {
                profiler.add(source);
                if (source.isMissing(target)) {
                    withoutTarget++;
                    continue;
                }
                if (rows == capacity) {
                    capacity = grow(capacity, width);
                }
                if (numericTarget) {
                    double value = source.number(target);
                    Objects.requireNonNull(targetNumbers, "numeric target")[rows] = value;
                    Integer code = numericDictionary.get(value);
                    if (code == null && numericDictionary.size() <= 10_000) {
                        code = numericDictionary.size();
                        numericDictionary.put(value, code);
                        targetLabels.add(Labels.ofNumber(value));
                    }
                    targetCodes[rows] = code == null ? -1 : code;
                } else {
                    targetCodes[rows] = code(targetDictionary, targetLabels, Labels.of(source, target));
                }
                for (int f = 0; f < width; f++) {
                    int column = at[f];
                    if (numeric[f]) {
                        double value = source.isMissing(column) ? Double.NaN : source.number(column);
                        // infinities are treated as missing: no model here can use them
                        numbers.get(f)[rows] = Double.isInfinite(value) ? Double.NaN : value;
                    } else {
                        codes.get(f)[rows] = source.isMissing(column) ? -1
                                : code(dictionaries.get(f), labels.get(f), Labels.of(source, column));
                    }
                }
                rows++;
            }
            sha256 = source.sha256();
            Path name = file.getFileName();
            profile = profiler.finish(List.of(new Profile.Source(name == null ? file.toString() : name.toString(),
                    sha256, profiler.rows())));
        }
    }

    private int grow(final int capacity, final int width) {
        int larger = capacity * 2;
        for (int f = 0; f < width; f++) {
            if (numbers.get(f) != null) {
                numbers.set(f, Arrays.copyOf(numbers.get(f), larger));
            } else {
                codes.set(f, Arrays.copyOf(codes.get(f), larger));
            }
        }
        if (targetNumbers != null) {
            targetNumbers = Arrays.copyOf(targetNumbers, larger);
        }
        targetCodes = Arrays.copyOf(targetCodes, larger);
        return larger;
    }

    private static int code(final Map<String, Integer> dictionary, final List<String> labels, final String label) {
        Integer code = dictionary.get(label);
        if (code == null) {
            code = labels.size();
            dictionary.put(label, code);
            labels.add(label);
        }
        return code;
    }

    /** Leaves out text features whose values are nearly all distinct (dates, identifiers): they cannot generalise. */
    private void dropIdentifiers() {
        for (int f = featureNames.size() - 1; f >= 0; f--) {
            List<String> values = labels.get(f);
            if (values != null && values.size() > IDENTIFIER_MIN_DISTINCT && values.size() > IDENTIFIER_SHARE * rows) {
                skipped.put(featureNames.get(f), "identifier-like: " + values.size() + " distinct values in " + rows
                        + " rows");
                featureNames.remove(f);
                featureTypes.remove(f);
                numbers.remove(f);
                codes.remove(f);
                labels.remove(f);
            }
        }
        if (featureNames.isEmpty()) {
            throw new TrainException(file + ": every feature column was left out as identifier-like ("
                    + skipped.keySet() + "); name the features to use them anyway");
        }
    }

    /** Whether the target holds numbers with {@code distinct} distinct values, all whole. */
    boolean targetIsWholeNumbers() {
        if (targetNumbers == null) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            double value = targetNumbers[i];
            if (value != Math.rint(value) || Double.isInfinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** The number of distinct target values (capped a little above 10,000 for numeric targets). */
    int targetDistinct() {
        return targetLabels.size() + (hasUncodedTarget() ? 1 : 0);
    }

    private boolean hasUncodedTarget() {
        for (int i = 0; i < rows; i++) {
            if (targetCodes[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /** The distinct target values present, to show in an error. */
    Set<String> targetValues() {
        return new java.util.LinkedHashSet<>(targetLabels);
    }
}
