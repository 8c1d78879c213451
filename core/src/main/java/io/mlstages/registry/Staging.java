package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;
import io.mlstages.data.DataReader;
import io.mlstages.train.ModelMetadata;
import io.mlstages.train.ModelPackage;
import io.mlstages.validate.Blessing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A package made ready for publication, the same for every store: copied or safely extracted into a private folder,
 * loaded (which checks the SHA-256 that {@code model.json} lists), its blessing judged, every file hashed.
 */
final class Staging {
    private Staging() {
    }

    /** What a prepared package contributes to its version record. */
    record Prepared(ModelMetadata metadata, boolean blessed, Map<String, String> files) {
        ModelVersion version(final String model, final int number, final Actor actor) {
            return new ModelVersion(model, number, Instant.now().truncatedTo(ChronoUnit.MICROS), actor, blessed, files,
                    metadata.algorithm().label(), metadata.task().label());
        }
    }

    /**
     * Copies the package folder (or extracts the zip) into {@code pkg}, which must not exist yet, and prepares it.
     *
     * @throws RegistryException naming the file as the user gave it when the package is damaged, holds a link, or
     *                           its zip entries would escape
     */
    static Prepared prepare(final String model, final Path source, final boolean zip, final Path pkg)
            throws IOException {
        ModelMetadata metadata;
        try {
            if (zip) {
                Files.createDirectory(pkg);
                ModelPackage.extract(source, pkg);
            } else {
                Disk.copyTree(source, pkg);
            }
            metadata = ModelPackage.load(pkg).metadata();
        } catch (MlStagesException e) {
            if (e instanceof RegistryException r) {
                throw r;
            }
            // name the files as the user knows them, not by the hidden folder they were copied to
            String text = e.getMessage().replace(pkg.toString(), source.toString());
            throw new RegistryException("Cannot register " + source + " as model " + model + ": " + text, e);
        }
        boolean blessed = blessed(pkg, zip ? source : null, source);
        return new Prepared(metadata, blessed, Disk.hashes(pkg));
    }

    /**
     * Whether the package carries a blessing for itself: one whose model digest, when it records one, is the
     * package's {@code model.json} (or the zip it came in). A blessing copied from another package does not count.
     */
    private static boolean blessed(final Path pkg, @CheckForNull final Path zip, final Path source) {
        Optional<Blessing> blessing;
        try {
            blessing = Blessing.read(pkg);
        } catch (MlStagesException e) {
            throw new RegistryException("Cannot register " + source + ": "
                    + e.getMessage().replace(pkg.toString(), source.toString()), e);
        }
        if (blessing.isEmpty()) {
            return false;
        }
        String digest = blessing.get().model().sha256();
        return digest == null || digest.equals(DataReader.sha256(pkg.resolve(ModelPackage.METADATA)))
                || zip != null && digest.equals(DataReader.sha256(zip));
    }
}
