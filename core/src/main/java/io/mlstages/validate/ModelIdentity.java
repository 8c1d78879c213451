package io.mlstages.validate;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.DataReader;
import io.mlstages.train.ModelPackage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which model a report or a blessing is about.
 *
 * @param name     the model's name (for a predictions file, the file name)
 * @param version  its version or run identifier, or null
 * @param sha256   a digest identifying its content (e.g. of the model file), or null
 * @param location where it was read from (a package directory or a predictions file), or null
 */
public record ModelIdentity(String name, @CheckForNull String version, @CheckForNull String sha256,
        @CheckForNull String location) {
    public ModelIdentity {
        Objects.requireNonNull(name, "model name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A model name must not be blank");
        }
    }

    /** A model known by name alone. */
    public static ModelIdentity named(final String name) {
        return new ModelIdentity(name, null, null, null);
    }

    /**
     * A model package's identity: named after its folder (or zip file, without {@code .zip}), identified by the
     * SHA-256 of its {@code model.json}, which lists the SHA-256 of every other file of the package, so that it
     * changes whenever any of them does (for a zip, the SHA-256 of the zip file).
     */
    public static ModelIdentity of(final ModelPackage model) {
        Path location = model.location();
        String name = location.toAbsolutePath().normalize().getFileName() == null ? location.toString()
                : location.toAbsolutePath().normalize().getFileName().toString();
        boolean folder = Files.isDirectory(location);
        if (!folder && name.endsWith(".zip")) {
            name = name.substring(0, name.length() - ".zip".length());
        }
        String sha256 = DataReader.sha256(folder ? location.resolve(ModelPackage.METADATA) : location);
        return new ModelIdentity(name, null, sha256, location.toString());
    }
}
