package io.mlstages.serve;

import io.mlstages.data.ColumnType;
import io.mlstages.metrics.Task;
import io.mlstages.train.Feature;
import io.mlstages.train.ModelPackage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A loaded, verified model with what a request needs to check its rows; immutable, shared by all requests. */
final class ServedModel {
    final String name;
    /** The registry version, 0 for a fixed package. */
    final int version;
    final ModelPackage model;
    final List<Feature> features;
    final Map<String, Integer> featureIndex;
    final List<String> classes;
    final boolean classification;

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
        this.classes = model.metadata().classes();
        this.classification = model.metadata().task() != Task.REGRESSION;
        smokeTest();
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

    boolean isNumeric(final int feature) {
        return features.get(feature).type() == ColumnType.NUMERIC;
    }
}
