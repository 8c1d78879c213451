package io.mlstages.validate;

import io.mlstages.data.Column;
import io.mlstages.data.ColumnType;
import io.mlstages.data.ConstraintChecker;
import io.mlstages.data.ConstraintViolations;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import io.mlstages.data.Schema;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation data as the data gates see it: its columns as read, and its profile.
 *
 * @param file    the file name
 * @param sha256  the SHA-256 of its bytes, lower-case hex
 * @param schema  its columns with the types the reader gave them (inferred or declared), before any adjustment
 *                to the training types
 * @param profile its profile, where a categorical training feature was read as categorical whatever its values
 *                look like, so that it compares with the training profile
 * @param constraints the data checked against the constraints of the schema file it was read with, in the pass
 *                that profiled it (none without them)
 */
public record EvaluationData(String file, String sha256, Schema schema, Profile profile,
        ConstraintViolations constraints) {
    public EvaluationData {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(schema, "schema of " + file);
        Objects.requireNonNull(profile, "profile of " + file);
        Objects.requireNonNull(constraints, "constraints of " + file);
    }

    /** Evaluation data read without constraints. */
    public EvaluationData(final String file, final String sha256, final Schema schema, final Profile profile) {
        this(file, sha256, schema, profile, ConstraintViolations.none());
    }

    /**
     * Reads and profiles the evaluation data. The types are inferred (or declared in {@code options}) as for any
     * dataset; then a column that is a categorical feature in training is read as categorical, because numbers
     * are valid category labels. The profile uses the training profile's settings when there is one.
     *
     * @throws io.mlstages.data.DataException when the file cannot be read or a row is malformed
     */
    public static EvaluationData read(final Path file, final ReadOptions options, final TrainingData training) {
        Schema schema;
        try (RowSource source = DataReader.open(file, options)) {
            schema = source.schema();
        }
        ReadOptions adjusted = options;
        if (options.schema() == null) {
            Map<String, ColumnType> types = new HashMap<>(options.types());
            for (Column feature : training.features()) {
                if (feature.type() == ColumnType.CATEGORICAL && !options.types().containsKey(feature.name())
                        && schema.find(feature.name()).map(c -> c.type() != ColumnType.CATEGORICAL).orElse(false)) {
                    types.put(feature.name(), ColumnType.CATEGORICAL);
                }
            }
            adjusted = options.withTypes(types);
        }
        ProfileSettings settings = training.profile() == null ? ProfileSettings.defaults()
                : training.profile().settings();
        ConstraintChecker checker = new ConstraintChecker(options.schema());
        Profile profile = Profiles.of(file, adjusted, settings, checker::watch);
        return new EvaluationData(file.getFileName().toString(), profile.sources().get(0).sha256(), schema, profile,
                checker.isEmpty() ? ConstraintViolations.none() : checker.result());
    }
}
