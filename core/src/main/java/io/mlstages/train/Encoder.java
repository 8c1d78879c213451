package io.mlstages.train;

import io.mlstages.data.ColumnType;
import io.mlstages.data.RowSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a row into the model's inputs: a number stays one input (NaN when missing), a category becomes one 0/1
 * input per known category. A missing category is NaN in all of its inputs (XGBoost learns where missing values
 * go; linear models read NaN as the training mean, which is 0 for a 0/1 input's centre). A category the model
 * never saw is 0 in all of its inputs and counted as unseen.
 */
final class Encoder {
    private final List<Feature> features;
    private final int[] offsets;
    private final List<Map<String, Integer>> slots;
    private final int width;

    Encoder(final List<Feature> features) {
        this.features = List.copyOf(features);
        offsets = new int[features.size()];
        slots = new java.util.ArrayList<>();
        int at = 0;
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            offsets[f] = at;
            Map<String, Integer> map = null;
            if (feature.type() != ColumnType.NUMERIC) {
                map = new HashMap<>();
                for (int c = 0; c < feature.categories().size(); c++) {
                    map.put(feature.categories().get(c), c);
                }
            }
            slots.add(map);
            at += feature.width();
        }
        width = at;
    }

    int width() {
        return width;
    }

    List<Feature> features() {
        return features;
    }

    /** The input slot of a category of a feature, or -1 when unseen. */
    int slot(final int feature, final String category) {
        Integer slot = slots.get(feature).get(category);
        return slot == null ? -1 : offsets[feature] + slot;
    }

    int offset(final int feature) {
        return offsets[feature];
    }

    /** The positions in {@code source} of each feature, failing with the file and columns when one is absent. */
    int[] locate(final RowSource source) {
        int[] at = new int[features.size()];
        for (int f = 0; f < at.length; f++) {
            at[f] = source.schema().indexOf(features.get(f).name());
            if (at[f] < 0) {
                throw new ModelPackageException(source.file() + ": the feature column '" + features.get(f).name()
                        + "' that the model needs is not in the data; its columns are " + source.schema().names());
            }
        }
        return at;
    }

    /**
     * The position in the training data's columns of each feature, found by name as in every other source: the
     * data may hold columns the model left out (no values in the training rows), so positions differ.
     */
    int[] locate(final TrainingData data) {
        int[] at = new int[features.size()];
        for (int f = 0; f < at.length; f++) {
            at[f] = data.featureNames.indexOf(features.get(f).name());
            if (at[f] < 0 || data.featureTypes.get(at[f]) != features.get(f).type()) {
                throw new IllegalStateException("The feature '" + features.get(f).name() + "' of type "
                        + features.get(f).type().label() + " is not among the training columns "
                        + data.featureNames + " " + data.featureTypes);
            }
        }
        return at;
    }

    /**
     * Encodes the source's current row into {@code out} from {@code offset}.
     *
     * @return whether a category was unseen
     */
    boolean encode(final RowSource source, final int[] at, final double[] out, final int offset) {
        boolean unseen = false;
        for (int f = 0; f < at.length; f++) {
            Feature feature = features.get(f);
            int base = offset + offsets[f];
            int column = at[f];
            if (feature.type() == ColumnType.NUMERIC) {
                out[base] = source.isMissing(column) ? Double.NaN : finite(number(source, column));
            } else if (source.isMissing(column)) {
                java.util.Arrays.fill(out, base, base + feature.width(), Double.NaN);
            } else {
                java.util.Arrays.fill(out, base, base + feature.width(), 0.0);
                Integer slot = slots.get(f).get(Labels.of(source, column));
                if (slot == null) {
                    unseen = true;
                } else {
                    out[base + slot] = 1.0;
                }
            }
        }
        return unseen;
    }

    /** Infinities are treated as missing: no model here can use them. */
    private static double finite(final double value) {
        return Double.isInfinite(value) ? Double.NaN : value;
    }

    private static double number(final RowSource source, final int column) {
        return switch (source.schema().column(column).type()) {
            case NUMERIC -> source.number(column);
            case BOOLEAN -> source.bool(column) ? 1.0 : 0.0;
            case CATEGORICAL -> {
                try {
                    yield Double.parseDouble(source.text(column).trim());
                } catch (NumberFormatException e) {
                    throw new io.mlstages.data.DataException(source.file(), source.line(),
                            source.schema().column(column).name(), "'" + source.text(column)
                                    + "' is not a number, and the model was trained on numbers here");
                }
            }
        };
    }

    /**
     * Encodes a row given as a map from column name to value (a Number, a Boolean, text, or null for missing).
     *
     * @return whether a category was unseen
     * @throws ModelPackageException naming a feature that the row lacks or whose value is not a number
     */
    boolean encode(final Map<String, ?> row, final double[] out) {
        boolean unseen = false;
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            int base = offsets[f];
            if (!row.containsKey(feature.name())) {
                throw new ModelPackageException("The row has no value for the feature '" + feature.name()
                        + "' (use null for a missing value); the model needs " + names());
            }
            Object value = row.get(feature.name());
            if (feature.type() == ColumnType.NUMERIC) {
                out[base] = finite(toNumber(feature.name(), value));
            } else if (value == null) {
                java.util.Arrays.fill(out, base, base + feature.width(), Double.NaN);
            } else {
                java.util.Arrays.fill(out, base, base + feature.width(), 0.0);
                Integer slot = slots.get(f).get(Labels.ofObject(value));
                if (slot == null) {
                    unseen = true;
                } else {
                    out[base + slot] = 1.0;
                }
            }
        }
        return unseen;
    }

    private static double toNumber(final String name, final Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof Boolean bool) {
            return bool ? 1.0 : 0.0;
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ModelPackageException("The feature '" + name + "' is numeric, but the row holds '" + value + "'");
        }
    }

    private List<String> names() {
        return features.stream().map(Feature::name).toList();
    }

    /** Encodes rows of the training data (by row index) into a row-major matrix. */
    double[] encode(final TrainingData data, final int[] rows) {
        int[] column = locate(data);
        double[] out = new double[rows.length * width];
        int[][] slotOfCode = new int[features.size()][];
        for (int f = 0; f < features.size(); f++) {
            if (features.get(f).type() != ColumnType.NUMERIC) {
                List<String> labels = data.labels.get(column[f]);
                slotOfCode[f] = new int[labels.size()];
                for (int c = 0; c < labels.size(); c++) {
                    Integer slot = slots.get(f).get(labels.get(c));
                    slotOfCode[f][c] = slot == null ? -1 : slot;
                }
            }
        }
        for (int r = 0; r < rows.length; r++) {
            int row = rows[r];
            int base = r * width;
            for (int f = 0; f < features.size(); f++) {
                int at = base + offsets[f];
                if (slotOfCode[f] == null) {
                    out[at] = data.numbers.get(column[f])[row];
                } else {
                    int code = data.codes.get(column[f])[row];
                    if (code < 0) {
                        java.util.Arrays.fill(out, at, at + features.get(f).width(), Double.NaN);
                    } else if (slotOfCode[f][code] >= 0) {
                        out[at + slotOfCode[f][code]] = 1.0;
                    }
                }
            }
        }
        return out;
    }

    /** The readable name of each input: the feature, or {@code feature=category}. */
    List<String> inputNames() {
        List<String> names = new java.util.ArrayList<>(width);
        for (Feature feature : features) {
            if (feature.type() == ColumnType.NUMERIC) {
                names.add(feature.name());
            } else {
                for (String category : feature.categories()) {
                    names.add(feature.name() + "=" + category);
                }
            }
        }
        return names;
    }

    /** How many of the given training-data rows hold a category that the encoding does not know. */
    long countUnseen(final TrainingData data, final int[] rows) {
        int[] column = locate(data);
        long unseen = 0;
        for (int row : rows) {
            for (int f = 0; f < features.size(); f++) {
                if (features.get(f).type() != ColumnType.NUMERIC) {
                    int code = data.codes.get(column[f])[row];
                    if (code >= 0 && !slots.get(f).containsKey(data.labels.get(column[f]).get(code))) {
                        unseen++;
                        break;
                    }
                }
            }
        }
        return unseen;
    }
}
