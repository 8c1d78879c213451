package io.mlstages.validate;

import java.util.Objects;

/**
 * Which model a report or a blessing is about.
 *
 * @param name     the model's name (for a predictions file, the file name)
 * @param version  its version or run identifier, or null
 * @param sha256   a digest identifying its content (e.g. of the model file), or null
 * @param location where it was read from (a package directory or a predictions file), or null
 */
public record ModelIdentity(String name, String version, String sha256, String location) {
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
}
