package io.mlstages.train;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;
import io.mlstages.data.DataReader;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained model with everything needed to use and audit it. On disk it is a folder (or a zip of one) holding
 * {@code model.json} (metadata: features and their encoding, classes, hyperparameters, metrics, lineage, and
 * the SHA-256 of every other file), {@code profile.json} (the training data's profile, the drift reference) and
 * the model file ({@code coefficients.json}, {@code xgboost-model.json}, or for an external trainer the folder
 * {@code model/}).
 *
 * <p>Immutable and safe to share between threads once loaded (predictions allocate their own buffers).</p>
 */
public final class ModelPackage {
    /** The package format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The metadata file. */
    public static final String METADATA = "model.json";
    /** The training data's profile. */
    public static final String PROFILE = "profile.json";

    private final Path location;
    private final ModelMetadata metadata;
    private final Profile profile;
    @CheckForNull private final Predictor predictor;
    private final Encoder encoder;

    ModelPackage(final Path location, final ModelMetadata metadata, final Profile profile,
            @CheckForNull final Predictor predictor) {
        this.location = location;
        this.metadata = metadata;
        this.profile = profile;
        this.predictor = predictor;
        this.encoder = new Encoder(metadata.features());
    }

    /**
     * Loads a package from its folder or zip, checking every file against the SHA-256 that {@code model.json}
     * lists.
     *
     * @throws ModelPackageException naming the package and the file when a file is missing, corrupted or changed,
     *                               when the format version is newer than {@value #FORMAT_VERSION}, or when a zip
     *                               entry would escape its folder
     */
    public static ModelPackage load(final Path dirOrZip) {
        Objects.requireNonNull(dirOrZip, "dirOrZip");
        if (!Files.exists(dirOrZip)) {
            throw new ModelPackageException(dirOrZip + ": no such model package");
        }
        if (Files.isDirectory(dirOrZip)) {
            return loadFolder(dirOrZip, dirOrZip);
        }
        if (!PackageFiles.isZip(dirOrZip)) {
            throw new ModelPackageException(dirOrZip + ": a model package is a folder or a .zip file");
        }
        Path temp;
        try {
            temp = Files.createTempDirectory("mlstages-package");
        } catch (IOException e) {
            throw new ModelPackageException("Cannot create a temporary folder to open " + dirOrZip + ": "
                    + e.getMessage(), e);
        }
        try {
            PackageFiles.unzip(dirOrZip, temp);
            return loadFolder(temp, dirOrZip);
        } finally {
            PackageFiles.deleteTree(temp);
        }
    }

    /**
     * Extracts a zipped package into an empty folder, refusing entries that would land outside it (absolute
     * names, {@code ..}, drive letters) and archives beyond 10,000 entries or 8 GiB
     * extracted. The files are not verified: {@link #load(Path)} the folder for that.
     *
     * @throws ModelPackageException naming the zip and the entry
     */
    public static void extract(final Path zip, final Path folder) {
        Objects.requireNonNull(zip, "zip");
        Objects.requireNonNull(folder, "folder");
        PackageFiles.unzip(zip, folder);
    }

    private static ModelPackage loadFolder(final Path folder, final Path shownAs) {
        String metadataName = shownAs + "/" + METADATA;
        byte[] metadataBytes = PackageFiles.read(folder.resolve(METADATA), metadataName);
        ModelMetadata metadata = PackageJson.fromJson(Json.parse(metadataBytes, metadataName), metadataName);
        if (metadata.algorithm() == Algorithm.GBT) {
            GbtModel.loadLibraryInBackground();
        }
        Path root = folder.toAbsolutePath().normalize();
        for (Map.Entry<String, String> file : metadata.files().entrySet()) {
            Path path = root.resolve(file.getKey()).normalize();
            String shown = shownAs + "/" + file.getKey();
            if (!path.startsWith(root) || path.equals(root)) {
                throw new ModelPackageException(metadataName + ": the listed file '" + file.getKey()
                        + "' lies outside the package");
            }
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelPackageException(shown + ": the file is missing from the package");
            }
            String actual = DataReader.sha256(path);
            if (!actual.equals(file.getValue())) {
                throw new ModelPackageException(shown + ": the file is corrupted or was changed: its SHA-256 is "
                        + actual + " but " + METADATA + " lists " + file.getValue());
            }
        }
        Profile profile;
        String profileName = shownAs + "/" + PROFILE;
        try {
            profile = ProfileJson.fromJson(new String(PackageFiles.read(folder.resolve(PROFILE), profileName),
                    StandardCharsets.UTF_8), profileName);
        } catch (ModelPackageException e) {
            throw e;
        } catch (MlStagesException e) {
            throw new ModelPackageException(e.getMessage(), e);
        }
        String modelName = shownAs + "/" + metadata.modelFile();
        Predictor predictor = switch (metadata.algorithm()) {
            case LOGISTIC, LINEAR -> LinearModel.fromJson(Json.parse(PackageFiles.read(
                    folder.resolve(metadata.modelFile()), modelName), modelName), modelName, metadata);
            case GBT -> GbtModel.load(PackageFiles.read(folder.resolve(metadata.modelFile()), modelName), modelName,
                    metadata);
            case EXTERNAL -> null;
        };
        return new ModelPackage(shownAs, metadata, profile, predictor);
    }

    /** Where the package was loaded from or written to. */
    public Path location() {
        return location;
    }

    /** The metadata ({@code model.json}). */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The training data's profile: the reference for drift checks. */
    public Profile profile() {
        return profile;
    }

    /** Whether the engine can score this model (false for external trainers' models). */
    public boolean canPredict() {
        return predictor != null;
    }

    /** The name of each model input after encoding: the feature, or {@code feature=category}. */
    public List<String> inputNames() {
        return encoder.inputNames();
    }

    /**
     * Predicts one row given by column name: a Number, Boolean or text per feature, null for missing (columns
     * that are not features are ignored).
     *
     * @return for classification one probability per class in {@link ModelMetadata#classes()} order; for
     *         regression one value
     * @throws ModelPackageException when a feature is absent from the row, a numeric feature holds text, or the
     *                               model is external
     */
    public double[] predict(final Map<String, ?> row) {
        Predictor scoring = requirePredictor();
        double[] inputs = new double[encoder.width()];
        encoder.encode(row, inputs);
        return scoring.predict(inputs, 1);
    }

    /**
     * Predicts one row already encoded as the model's inputs (see {@link #inputNames()}; NaN for missing).
     *
     * @return as {@link #predict(Map)}
     */
    public double[] predictEncoded(final double[] inputs) {
        Predictor scoring = requirePredictor();
        if (inputs.length != encoder.width()) {
            throw new IllegalArgumentException("The model takes " + encoder.width() + " inputs, not "
                    + inputs.length);
        }
        return scoring.predict(inputs.clone(), 1);
    }

    Predictor predictor() {
        return requirePredictor();
    }

    Encoder encoder() {
        return encoder;
    }

    private Predictor requirePredictor() {
        if (predictor == null) {
            throw new ModelPackageException(location + ": the model was trained by an external program ("
                    + metadata.modelFile() + "); the engine cannot score it; give its predictions as a file instead");
        }
        return predictor;
    }
}
