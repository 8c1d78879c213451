package io.mlstages.registry;

import io.mlstages.train.ModelPackage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model registry in a folder: immutable numbered versions of named models and aliases with their history.
 * Safe to use from many threads and many processes at once; a process killed mid-write leaves it consistent.
 * See {@code docs/registry.md}.
 */
public final class Registry {
    private final Path root;

    private Registry(final Path root) {
        this.root = root;
    }

    /** Opens the registry in {@code root}, creating the layout if absent. */
    public static Registry open(final Path root) {
        return new Registry(root.toAbsolutePath().normalize());
    }

    /** The registry's folder. */
    public Path root() {
        return root;
    }

    /** Registers a package folder or zip as the next version of {@code model}. */
    public ModelVersion register(final String model, final Path packageDirOrZip, final Actor actor,
            final String message) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The registered models' names, sorted. */
    public List<String> models() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The versions of a model, ascending. */
    public List<ModelVersion> versions(final String model) {
        throw new UnsupportedOperationException("not yet");
    }

    /** One version; a RegistryException naming model and version if absent. */
    public ModelVersion version(final String model, final int version) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The verified folder of a version's package. */
    public Path packagePath(final String model, final int version) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A version's package, verified and loaded. */
    public ModelPackage load(final String model, final int version) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The version an alias points at. */
    public Optional<Integer> alias(final String model, final String alias) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every alias of a model and its version. */
    public Map<String, Integer> aliases(final String model) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Moves an alias to a version; refuses an unblessed one unless {@code force}. */
    public AliasMove promote(final String model, final String alias, final int version, final Actor actor,
            final String message, final boolean force) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Returns an alias to its previous holder. */
    public AliasMove rollback(final String model, final String alias, final Actor actor, final String message) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Every alias move of a model, oldest first. */
    public List<AliasMove> history(final String model) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The version an alias pointed at at an instant. */
    public Optional<Integer> aliasAt(final String model, final String alias, final Instant when) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Deletes unaliased versions beyond the newest {@code keepUnaliased}; returns the deleted ones. */
    public List<Integer> retain(final String model, final int keepUnaliased) {
        throw new UnsupportedOperationException("not yet");
    }

    /** How two versions differ. */
    public VersionDiff diff(final String model, final int a, final int b) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A number that increases on every alias move of the model: cheap to poll. */
    public long changeCount(final String model) {
        throw new UnsupportedOperationException("not yet");
    }
}
