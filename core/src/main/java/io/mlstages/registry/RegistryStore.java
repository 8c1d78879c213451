package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a registry keeps its versions and histories: a folder ({@link FolderStore}, file locks and atomic renames) or
 * an S3 bucket prefix ({@link S3Store}, conditional writes). {@link Registry} holds the semantics (names, blessings,
 * verification, the alias stacks, retention's choice) once; a store only guarantees that a version appears whole or
 * not at all under one number no other writer gets, and that an alias move is appended to the history it was computed
 * from, never over a move it did not see.
 */
interface RegistryStore {
    /** The registry's location for messages: its folder, or its {@code s3://} URL. */
    String location();

    /** The registry's folder, or null when it is not on a file system. */
    @CheckForNull
    Path folder();

    /** The names of the models with at least one version, in any order. */
    List<String> models();

    /** The published version numbers of a model, ascending; empty when it has none. */
    List<Integer> versionNumbers(String model);

    /** Whether the model was ever registered (it may have no version left). */
    boolean hasModel(String model);

    /** A published version's record, or empty when there is no such version. */
    Optional<VersionJson.Entry> entry(String model, int version);

    /**
     * Copies (or extracts) the package, prepares it ({@link Staging#prepare}) and publishes it as the next version.
     */
    ModelVersion register(String model, Path source, boolean zip, Actor actor, String message);

    /**
     * A local folder holding the files of a version as stored (the folder itself for a folder registry, a downloaded
     * copy otherwise), for the registry to verify against the version's record.
     */
    Path packageFiles(ModelVersion version);

    /** The committed history of a model (empty when it has none). */
    HistoryLog.Parsed history(String model);

    /**
     * Appends the move {@code change} computes from the current history, so that no other move lands in between: a
     * folder runs it under the model's lock, an object store replaces the history only if it is still the one read and
     * otherwise runs {@code change} again on the newer history. {@code change} may therefore run more than once and must
     * only read.
     */
    AliasMove move(String model, Function<HistoryLog.Parsed, AliasMove> change);

    /**
     * Deletes the versions {@code choose} picks from the published numbers and the current history, after recording
     * the highest number ever handed out, so that no number is reused; then removes what killed registrations left
     * (an object store: unreferenced uploads last written more than {@code orphanAge} ago).
     *
     * @return the versions deleted
     */
    List<Integer> retain(String model, java.time.Duration orphanAge, Function<Retention, List<Integer>> choose);

    /** What retention chooses from. */
    record Retention(List<Integer> numbers, HistoryLog.Parsed history) {
    }
}
