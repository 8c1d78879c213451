package io.mlstages.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The hyperparameters each algorithm accepts, their defaults and ranges; validation of the user's values. */
final class Hyperparameters {
    /**
     * One hyperparameter: a number in [min, max] (whole when {@code integer}), or, when {@code choices} is not
     * empty, one of those words.
     */
    record Spec(String name, String defaultValue, double min, double max, boolean integer, List<String> choices) {
        Spec(final String name, final String defaultValue, final double min, final double max,
                final boolean integer) {
            this(name, defaultValue, min, max, integer, List.of());
        }

        static Spec oneOf(final String name, final String defaultValue, final String... choices) {
            return new Spec(name, defaultValue, 0, 0, false, List.of(choices));
        }
    }

    /** XGBoost's {@code grow_policy} values: level by level, or best split first. */
    static final String DEPTHWISE = "depthwise";
    static final String LOSSGUIDE = "lossguide";

    private Hyperparameters() {
    }

    static List<Spec> of(final Algorithm algorithm) {
        return switch (algorithm) {
            // l2 = 1 is scikit-learn's C = 1: the penalty is l2/2 |w|^2 against the summed log loss
            case LOGISTIC -> List.of(new Spec("l2", "1.0", 0, 1e12, false),
                    new Spec("maxIterations", "100", 1, 100_000, true),
                    new Spec("tolerance", "1e-4", 1e-12, 1, false));
            case LINEAR -> List.of(new Spec("l2", "1.0", 0, 1e12, false));
            case GBT -> List.of(new Spec("rounds", "100", 1, 100_000, true),
                    new Spec("learningRate", "0.1", 1e-6, 1, false),
                    Spec.oneOf("growPolicy", LOSSGUIDE, DEPTHWISE, LOSSGUIDE),
                    new Spec("maxLeaves", "31", 0, 1 << 20, true),
                    // 0: no depth limit (then maxLeaves must bound the tree)
                    new Spec("maxDepth", "0", 0, 30, true),
                    new Spec("minChildWeight", "1", 0, 1e12, false),
                    new Spec("subsample", "1.0", 1e-3, 1, false),
                    new Spec("colsampleByTree", "1.0", 1e-3, 1, false),
                    new Spec("l2", "0.0", 0, 1e12, false),
                    new Spec("l1", "0.0", 0, 1e12, false),
                    new Spec("maxBin", "256", 2, 65_535, true),
                    // 0: every core. Fewer helps on a shared agent, where OpenMP threads waiting on busy cores stall
                    new Spec("threads", "0", 0, 1024, true));
            case EXTERNAL -> List.of();
        };
    }

    /**
     * Checks the user's values and adds the defaults, in the documented order (user keys that an external
     * trainer receives come after, as given).
     *
     * @throws TrainException naming the bad key or value and listing the accepted keys
     */
    static Map<String, String> resolve(final Algorithm algorithm, final Map<String, String> given) {
        List<Spec> specs = of(algorithm);
        Map<String, String> resolved = new LinkedHashMap<>();
        if (algorithm == Algorithm.EXTERNAL) {
            // an external program defines its own settings: they are passed on unchecked, sorted for repeatability
            given.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> resolved.put(e.getKey(), e.getValue()));
            return resolved;
        }
        Map<String, Spec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw new TrainException("Unknown hyperparameter '" + key + "' for " + algorithm.label()
                        + ": accepted are " + accepted(specs));
            }
        }
        for (Spec spec : specs) {
            String text = given.getOrDefault(spec.name(), spec.defaultValue()).trim();
            if (!spec.choices().isEmpty()) {
                if (!spec.choices().contains(text)) {
                    throw new TrainException("Hyperparameter " + spec.name() + "='" + text + "' is not one of "
                            + String.join(", ", spec.choices()));
                }
                resolved.put(spec.name(), text);
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new TrainException("Hyperparameter " + spec.name() + "='" + text + "' is not a number");
            }
            if (!(value >= spec.min() && value <= spec.max()) || (spec.integer() && value != Math.rint(value))) {
                throw new TrainException("Hyperparameter " + spec.name() + "=" + text + " is out of range: expected "
                        + (spec.integer() ? "a whole number" : "a number") + " from " + Labels.ofNumber(spec.min())
                        + " to " + Labels.ofNumber(spec.max()));
            }
            resolved.put(spec.name(), text);
        }
        if (algorithm == Algorithm.GBT && integer(resolved, "maxLeaves") == 1) {
            throw new TrainException("Hyperparameter maxLeaves=1 allows no split: expected 0 (no limit) or at least 2");
        }
        if (algorithm == Algorithm.GBT && integer(resolved, "maxDepth") == 0 && integer(resolved, "maxLeaves") == 0) {
            throw new TrainException("Hyperparameters maxDepth=0 and maxLeaves=0 leave the trees unbounded: "
                    + "set maxDepth (1 to 30) or maxLeaves (at least 2)");
        }
        return resolved;
    }

    static String accepted(final List<Spec> specs) {
        return specs.stream().map(s -> s.name() + " (default " + s.defaultValue() + ")")
                .collect(Collectors.joining(", "));
    }

    static double number(final Map<String, String> values, final String name) {
        return Double.parseDouble(values.get(name));
    }

    static int integer(final Map<String, String> values, final String name) {
        return (int) Double.parseDouble(values.get(name));
    }
}
