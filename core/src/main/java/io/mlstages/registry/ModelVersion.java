package io.mlstages.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One immutable registered version of a model.
 *
 * @param model        the model's name
 * @param version      the version number, from 1, dense
 * @param registeredAt when it was registered
 * @param registeredBy who registered it
 * @param blessed      whether the package carried a blessing when registered
 * @param files        the SHA-256 of every file of the package by '/'-separated relative path, sorted
 * @param algorithm    the training algorithm ({@code logistic}, {@code gbt}, ...)
 * @param task         what the model predicts ({@code binary}, {@code regression}, ...)
 */
public record ModelVersion(String model, int version, Instant registeredAt, Actor registeredBy, boolean blessed,
        Map<String, String> files, String algorithm, String task) {

    public ModelVersion {
        Objects.requireNonNull(model, "model");
        if (version < 1) {
            throw new IllegalArgumentException("The version of " + model + " must be at least 1, not " + version);
        }
        Objects.requireNonNull(registeredAt, "registeredAt of " + model + " version " + version);
        Objects.requireNonNull(registeredBy, "registeredBy of " + model + " version " + version);
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        Objects.requireNonNull(algorithm, "algorithm of " + model + " version " + version);
        Objects.requireNonNull(task, "task of " + model + " version " + version);
    }
}
