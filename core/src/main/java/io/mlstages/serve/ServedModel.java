package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ColumnType;
import io.mlstages.metrics.Task;
import io.mlstages.train.Feature;
import io.mlstages.train.ModelPackage;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A loaded, verified model with what a request needs to check its rows; immutable, shared by all requests. */
final class ServedModel {
    final String name;
    /** The registry version, 0 for a fixed package. */
    final int version;
    final ModelPackage model;
    final List<Feature> features;
    final Map<String, Integer> featureIndex;
    /** The columns the model left out in training (no values, identifier-like): a row may hold them; ignored. */
    final Set<String> leftOut;
    final List<String> classes;
    final boolean classification;
    /** The Java scorer of a GBT model, or null to score through the package (native library, linear models). */
    @CheckForNull final TreeScorer trees;
    /** Per feature, its first input; per categorical feature, the input of each category. */
    private final int[] offsets;
    private final List<Map<String, Integer>> slots;

    ServedModel(final String name, final int version, final ModelPackage model) {
        if (!model.canPredict()) {
            throw new ServeException(model.location() + ": the model was trained by an external program; "
                    + "the engine cannot score it, so it cannot be served");
        }
        this.name = name;
        this.version = version;
        this.model = model;
        this.features = model.metadata().features();
        this.featureIndex = new HashMap<>();
        for (int f = 0; f < features.size(); f++) {
            featureIndex.put(features.get(f).name(), f);
        }
        this.leftOut = Set.copyOf(model.metadata().skipped().keySet());
        this.classes = model.metadata().classes();
        this.classification = model.metadata().task() != Task.REGRESSION;
        this.offsets = new int[features.size()];
        this.slots = new java.util.ArrayList<>();
        int at = 0;
        for (int f = 0; f < features.size(); f++) {
            offsets[f] = at;
            Map<String, Integer> slot = null;
            if (features.get(f).type() != ColumnType.NUMERIC) {
                slot = new HashMap<>();
                for (int c = 0; c < features.get(f).categories().size(); c++) {
                    slot.put(features.get(f).categories().get(c), c);
                }
            }
            slots.add(slot);
            at += features.get(f).width();
        }
        smokeTest();
        Optional<TreeScorer> fast = model.metadata().algorithm() == io.mlstages.train.Algorithm.GBT
                ? TreeScorer.of(model) : Optional.empty();
        this.trees = fast.filter(t -> t.width() == model.metadata().encodedWidth()).orElse(null);
    }

    /**
     * Scores one all-missing row, so that a model that cannot predict (a native library failing on this file) is
     * refused before it replaces a working one.
     */
    private void smokeTest() {
        Map<String, Object> row = new HashMap<>();
        for (Feature feature : features) {
            row.put(feature.name(), null);
        }
        double[] out = model.predict(row);
        int expected = classification ? classes.size() : 1;
        if (out.length != expected) {
            throw new ServeException(model.location() + ": the model gives " + out.length + " outputs per row, "
                    + "expected " + expected);
        }
    }

    /**
     * The outputs for a row of values in feature order (a Double, a String, a Boolean, or null for missing): one
     * probability per class, or the regression value.
     */
    double[] predict(final Object[] values) {
        if (trees != null) {
            double[] inputs = encode(values);
            if (inputs != null) {
                return trees.predict(inputs);
            }
        }
        return model.predict(new RowMap(values));
    }

    /**
     * Encodes as the package does: a number as is (an infinity as missing), a category as one 0/1 input per
     * known category (all zeros when unseen, all NaN when missing). Null for a number given to a categorical
     * feature, whose label text only the package knows how to form.
     */
    @CheckForNull
    private double[] encode(final Object[] values) {
        double[] inputs = new double[Objects.requireNonNull(trees, "trees").width()];
        for (int f = 0; f < values.length; f++) {
            Object value = values[f];
            int base = offsets[f];
            Map<String, Integer> slot = slots.get(f);
            if (slot == null) {
                double number = value == null ? Double.NaN : (Double) value;
                inputs[base] = Double.isInfinite(number) ? Double.NaN : number;
            } else if (value == null) {
                Arrays.fill(inputs, base, base + slot.size(), Double.NaN);
            } else if (value instanceof Double) {
                return null;
            } else {
                Integer index = slot.get(String.valueOf(value));
                if (index != null) {
                    inputs[base + index] = 1.0;
                }
            }
        }
        return inputs;
    }

    boolean isNumeric(final int feature) {
        return features.get(feature).type() == ColumnType.NUMERIC;
    }

    /** The row as the map {@link ModelPackage#predict(Map)} reads: every feature present. */
    private final class RowMap extends AbstractMap<String, Object> {
        private final Object[] values;

        RowMap(final Object[] values) {
            this.values = values;
        }

        @Override
        public boolean containsKey(final Object key) {
            return featureIndex.containsKey(key);
        }

        @Override
        public Object get(final Object key) {
            Integer f = featureIndex.get(key);
            return f == null ? null : values[f];
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (int f = 0; f < values.length; f++) {
                copy.put(features.get(f).name(), values[f]);
            }
            return copy.entrySet();
        }
    }
}
