package io.mlstages.cli;

import io.mlstages.registry.Registry;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the registry a command names: a folder, or an {@code s3://bucket/prefix} URL. The folder must exist: a
 * registry on a shared volume that is not mounted on this machine must fail here, naming the folder, rather than become
 * a new, empty registry on the local disk. An S3 registry is created on first use inside its (existing) bucket.
 */
final class Registries {
    private Registries() {
    }

    /**
     * The registry at {@code location}; an existing empty folder becomes a registry.
     *
     * @throws IllegalArgumentException naming the folder when it does not exist or is a file
     */
    static Registry open(final String location) {
        if (Registry.isObjectStore(location)) {
            return Registry.open(location);
        }
        return Registry.open(existing(Path.of(location)));
    }

    /** The same for a folder given as a path. */
    static Registry open(final Path folder) {
        return Registry.open(existing(folder));
    }

    /** The folder itself, once it is known to exist. */
    static Path existing(final Path folder) {
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException("--registry " + folder + ": no such folder (create it first: an empty "
                    + "folder becomes a registry; a shared registry must be mounted on this machine)");
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--registry " + folder + ": not a folder; a registry is a folder");
        }
        return folder;
    }
}
