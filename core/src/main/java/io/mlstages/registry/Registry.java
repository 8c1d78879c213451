package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.data.DataReader;
import io.mlstages.io.AtomicFiles;
import io.mlstages.objectstore.ObjectStore;
import io.mlstages.objectstore.S3Url;
import io.mlstages.train.ModelMetadata;
import io.mlstages.train.ModelPackage;
import io.mlstages.validate.Blessing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A model registry in a folder: immutable numbered versions of named models, and aliases ({@code production},
 * {@code staging}, any name) whose every move is kept in a history.
 *
 * <p>On disk: {@code ROOT/models/NAME/versions/N/} holds version N ({@code package/}, the package's files as
 * registered, and {@code version.json}, what the registry recorded, with the SHA-256 of every file);
 * {@code ROOT/models/NAME/history.jsonl} holds the alias moves, one JSON object a line, from which the aliases are
 * derived. A version appears by one atomic rename of a complete, fsynced folder, and an alias moves by one
 * fsynced append, both under the model's lock (a file lock across processes, a lock across threads), so that
 * concurrent writers never lose or corrupt a version or a move, and a writer killed at any point leaves the registry
 * as it was before or after its change. See {@code docs/registry.md}.</p>
 *
 * <p>Safe to use from many threads; instances are cheap and may be opened on the same folder by many processes.</p>
 */
public final class Registry {
    /** The registry format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    static final String MARKER = "registry.json";
    static final String MODELS = "models";
    static final String VERSIONS = "versions";
    static final String PACKAGE = "package";
    static final String HISTORY = "history.jsonl";
    static final String HIGHEST = "highest-version";
    static final String LOCK = ".lock";
    static final String INCOMING = ".incoming-";
    static final String TRASH = ".trash-";
    static final Pattern VERSION_DIR = Pattern.compile("[1-9][0-9]{0,8}");

    private final RegistryStore store;

    private Registry(final RegistryStore store) {
        this.store = store;
    }

    /**
     * Opens the registry in {@code root}, creating the folder and its layout if absent.
     *
     * @throws RegistryException when {@code root} is a file, cannot be created, or holds a registry of a newer
     *                           format
     */
    public static Registry open(final Path root) {
        Objects.requireNonNull(root, "root");
        Path folder = root.toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new RegistryException(root + ": not a folder; a registry is a folder");
        }
        Path marker = folder.resolve(MARKER);
        try {
            Files.createDirectories(folder.resolve(MODELS));
        } catch (IOException e) {
            throw new RegistryException(root + ": cannot create the registry: " + e.getMessage(), e);
        }
        if (Files.exists(marker)) {
            try {
                checkFormat(HistoryLog.MAPPER.readTree(marker.toFile()), marker.toString());
            } catch (IOException e) {
                throw new RegistryException(marker + ": not readable JSON: " + e.getMessage(), e);
            }
        } else {
            // concurrent openers write the same bytes, atomically: whichever rename lands last is identical
            AtomicFiles.write(marker, marker());
            Disk.syncDir(folder);
        }
        try {
            // the real path, so that every instance in this JVM names the same files the same way (see OWNED)
            return new Registry(new FolderStore(folder.toRealPath()));
        } catch (IOException e) {
            throw new RegistryException(root + ": cannot open the registry: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the registry at {@code location}: an {@code s3://bucket/prefix} URL (an object-store registry, created on
     * first use; the bucket must exist) or a folder (see {@link #open(Path)}).
     *
     * @throws RegistryException (or {@link io.mlstages.objectstore.ObjectStoreException}) naming the location when
     *                           it is malformed, unreachable, denied, or holds a registry of a newer format
     */
    public static Registry open(final String location) {
        Objects.requireNonNull(location, "location");
        if (S3Url.is(location)) {
            return new Registry(S3Store.open(ObjectStore.get(), S3Url.parse(location)));
        }
        return open(Path.of(location));
    }

    /** Whether {@code location} names an object-store registry ({@code s3://}). */
    public static boolean isObjectStore(final String location) {
        return S3Url.is(location);
    }

    static String marker() {
        ObjectNode node = HistoryLog.MAPPER.createObjectNode();
        node.put("kind", "mlstages-registry");
        node.put("formatVersion", FORMAT_VERSION);
        return node.toString() + "\n";
    }

    static void checkFormat(final com.fasterxml.jackson.databind.JsonNode marker, final String where) {
        int format = marker == null ? -1 : marker.path("formatVersion").asInt(-1);
        if (format < 1 || format > FORMAT_VERSION) {
            throw new RegistryException(where + ": registry format " + format
                    + " is not supported; this build reads format " + FORMAT_VERSION);
        }
    }

    /**
     * The registry's folder, absolute.
     *
     * @throws RegistryException for an object-store registry, which has none (see {@link #location()})
     */
    public Path root() {
        Path folder = store.folder();
        if (folder == null) {
            throw new RegistryException("The registry " + store.location() + " is in an object store, not a folder");
        }
        return folder;
    }

    /** Where the registry is: its folder, or its {@code s3://} URL. */
    public String location() {
        return store.location();
    }

    /**
     * Registers a package folder or zip as the next version of {@code model} (creating the model on its first
     * version). The package is copied (or safely extracted), verified against the SHA-256 its {@code model.json}
     * lists, hashed whole, forced to disk (uploaded), and only then numbered and published atomically.
     *
     * @param actor   who registers it; null for {@link Actor#fromEnvironment()}
     * @param message why, or null
     * @return the new version
     * @throws RegistryException naming the model or the file when the name is invalid, the package is missing,
     *                           damaged, holds a link, or its zip entries would escape
     */
    public ModelVersion register(final String model, final Path packageDirOrZip, final Actor actor,
            final String message) {
        Names.model(model);
        Objects.requireNonNull(packageDirOrZip, "packageDirOrZip");
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        boolean folder = Files.isDirectory(packageDirOrZip);
        boolean zip = !folder && Files.isRegularFile(packageDirOrZip) && packageDirOrZip.getFileName().toString()
                .toLowerCase(Locale.ROOT).endsWith(".zip");
        if (!folder && !zip) {
            throw new RegistryException(packageDirOrZip + (Files.exists(packageDirOrZip)
                    ? ": a model package is a folder or a .zip file" : ": no such model package"));
        }
        return store.register(model, packageDirOrZip, zip, who, message == null ? "" : message);
    }

    /** The registered models' names (those with at least one version), sorted. */
    public List<String> models() {
        List<String> names = new ArrayList<>(store.models());
        Collections.sort(names);
        return names;
    }

    /**
     * The versions of a model, ascending.
     *
     * @throws RegistryException when the model has never been registered
     */
    public List<ModelVersion> versions(final String model) {
        requireModel(model);
        List<ModelVersion> versions = new ArrayList<>();
        for (int number : store.versionNumbers(model)) {
            // a version retention removed between the listing and the read is simply gone
            store.entry(model, number).ifPresent(entry -> versions.add(entry.version()));
        }
        return versions;
    }

    /**
     * One version of a model.
     *
     * @throws RegistryException naming the model and the version when there is no such version
     */
    public ModelVersion version(final String model, final int version) {
        return entry(model, version).version();
    }

    /** The message given when a version was registered (empty when none was). */
    public String registrationMessage(final String model, final int version) {
        return entry(model, version).message();
    }

    private VersionJson.Entry entry(final String model, final int version) {
        requireModel(model);
        Names.version(model, version);
        return store.entry(model, version).orElseThrow(() -> {
            List<Integer> numbers = store.versionNumbers(model);
            return new RegistryException("Model " + model + " has no version " + version + (numbers.isEmpty()
                    ? " (it has no versions)" : " (its versions: " + ranges(numbers) + ")"));
        });
    }

    /**
     * The folder of a version's package, after checking that every file in it is the one registered: same
     * SHA-256, none missing, none added. For an object-store registry, a verified local copy.
     *
     * @throws RegistryException naming the model, the version and the file when one is missing, changed or added
     */
    public Path packagePath(final String model, final int version) {
        ModelVersion registered = version(model, version);
        Path pkg = store.packageFiles(registered);
        verify(registered, pkg);
        return pkg;
    }

    static void verify(final ModelVersion registered, final Path pkg) {
        String what = "model " + registered.model() + " version " + registered.version();
        Path base = pkg.toAbsolutePath().normalize();
        for (Map.Entry<String, String> file : registered.files().entrySet()) {
            Path path = base.resolve(file.getKey()).normalize();
            if (!path.startsWith(base) || path.equals(base)) {
                throw new RegistryException(what + ": the recorded file '" + Names.printable(file.getKey())
                        + "' lies outside the package; " + VersionJson.FILE_NAME + " was tampered with");
            }
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new RegistryException(path + ": missing from " + what + " (registered with SHA-256 "
                        + file.getValue() + ")");
            }
            String actual = DataReader.sha256(path);
            if (!actual.equals(file.getValue())) {
                throw new RegistryException(path + ": corrupted or changed in " + what + ": its SHA-256 is "
                        + actual + " but it was registered as " + file.getValue());
            }
        }
        try {
            for (Path file : Disk.files(base)) {
                if (!registered.files().containsKey(Disk.relative(base, file))) {
                    throw new RegistryException(file + ": added to " + what
                            + " after registration; a registered version never changes");
                }
            }
        } catch (IOException e) {
            throw new RegistryException(pkg + ": cannot list " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * A version's package, verified ({@link #packagePath}) and loaded.
     *
     * @throws RegistryException naming the file when the package does not verify or cannot be loaded
     */
    public ModelPackage load(final String model, final int version) {
        Path pkg = packagePath(model, version);
        try {
            return ModelPackage.load(pkg);
        } catch (MlStagesException e) {
            throw new RegistryException("Model " + model + " version " + version + ": " + e.getMessage(), e);
        }
    }

    /** The version an alias points at, or empty when it points at nothing. */
    public Optional<Integer> alias(final String model, final String alias) {
        Names.alias(alias);
        return Optional.ofNullable(aliases(model).get(alias));
    }

    /** Every alias of a model that points at a version, sorted by alias. */
    public Map<String, Integer> aliases(final String model) {
        return HistoryLog.current(history(model, false).stacks());
    }

    /**
     * Moves an alias to a version (creating the alias on its first move). The version's files are verified first.
     *
     * @param force promote even when the version was not blessed when registered; the move is then recorded as
     *              forced
     * @throws RegistryException naming the model, alias and version when the version does not exist, does not
     *                           verify, or is unblessed without {@code force}
     */
    public AliasMove promote(final String model, final String alias, final int version, final Actor actor,
            final String message, final boolean force) {
        Names.model(model);
        Names.alias(alias);
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        ModelVersion target = version(model, version);
        if (!target.blessed() && !force) {
            throw new RegistryException("Version " + version + " of model " + model + " is not blessed (its"
                    + " package had no blessing.json of its own when registered); alias " + alias
                    + " stays where it is. Validate the model and register it again, or force the promotion,"
                    + " which the history records");
        }
        return store.move(model, history -> {
            // under the move (the lock, or before the conditional write): retention cannot have taken it meanwhile
            verify(version(model, version), store.packageFiles(target));
            Integer from = HistoryLog.current(history.stacks()).get(alias);
            return new AliasMove(model, alias, from, version, now(history), who, message,
                    AliasMove.PROMOTE, force && !target.blessed());
        });
    }

    /**
     * Returns an alias to its previous holder: the version it pointed at before the promotion that made the
     * current holder. Repeated rollbacks walk further back.
     *
     * @throws RegistryException naming the model and alias when the alias points at nothing, has no previous
     *                           holder, or the previous holder was deleted
     */
    public AliasMove rollback(final String model, final String alias, final Actor actor, final String message) {
        Names.model(model);
        Names.alias(alias);
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        requireModel(model);
        return store.move(model, history -> {
            Deque<Integer> stack = history.stacks().get(alias);
            if (stack == null) {
                throw new RegistryException("Alias " + alias + " of model " + model + " points at no version;"
                        + " there is nothing to roll back");
            }
            if (stack.size() < 2) {
                throw new RegistryException("Alias " + alias + " of model " + model + " has had no other holder"
                        + " than version " + stack.peek() + "; there is nothing to roll back to");
            }
            Integer current = stack.pop();
            Integer previous = stack.peek();
            Optional<VersionJson.Entry> back = store.entry(model, previous);
            if (back.isEmpty()) {
                throw new RegistryException("Alias " + alias + " of model " + model + " cannot roll back to version "
                        + previous + ": that version was deleted (by retention); promote a version instead");
            }
            verify(back.get().version(), store.packageFiles(back.get().version()));
            return new AliasMove(model, alias, current, previous, now(history), who, message,
                    AliasMove.ROLLBACK, false);
        });
    }

    /**
     * Removes an alias: it points at nothing afterwards (its versions become candidates for retention).
     *
     * @throws RegistryException when the alias points at nothing
     */
    public AliasMove removeAlias(final String model, final String alias, final Actor actor, final String message) {
        Names.model(model);
        Names.alias(alias);
        Actor who = actor == null ? Actor.fromEnvironment() : actor;
        return store.move(model, history -> {
            Integer current = HistoryLog.current(history.stacks()).get(alias);
            if (current == null) {
                throw new RegistryException("Alias " + alias + " of model " + model + " points at no version");
            }
            return new AliasMove(model, alias, current, null, now(history), who, message, AliasMove.REMOVE, false);
        });
    }

    /** Every alias move of a model, oldest first. */
    public List<AliasMove> history(final String model) {
        return history(model, false).moves();
    }

    /**
     * The version an alias pointed at at an instant: the target of its last move at or before {@code when}; empty
     * before its first move or while it was removed.
     */
    public Optional<Integer> aliasAt(final String model, final String alias, final Instant when) {
        Names.alias(alias);
        Objects.requireNonNull(when, "when");
        Integer holder = null;
        for (AliasMove move : history(model)) {
            if (move.at().isAfter(when)) {
                break;
            }
            if (move.alias().equals(alias)) {
                holder = move.to();
            }
        }
        return Optional.ofNullable(holder);
    }

    /**
     * Deletes the versions no alias points at, but the newest {@code keepUnaliased} of them. A version an alias
     * points at is never deleted. Version numbers are never reused. Leftovers of killed registrations go too: hidden
     * folders whose owner died (a folder registry), package uploads no record names that are older than an hour (S3).
     *
     * @return the deleted versions, ascending
     */
    public List<Integer> retain(final String model, final int keepUnaliased) {
        return retain(model, keepUnaliased, S3Store.ORPHAN_AGE);
    }

    /** As {@link #retain(String, int)}, removing unreferenced S3 uploads older than {@code orphanAge} (tests). */
    List<Integer> retain(final String model, final int keepUnaliased, final java.time.Duration orphanAge) {
        Names.model(model);
        if (keepUnaliased < 0) {
            throw new RegistryException("The number of unaliased versions of model " + model
                    + " to keep must not be negative, not " + keepUnaliased);
        }
        requireModel(model);
        return store.retain(model, orphanAge, state -> {
            Set<Integer> aliased = new HashSet<>(HistoryLog.current(state.history().stacks()).values());
            List<Integer> numbers = state.numbers();
            List<Integer> unaliased = new ArrayList<>();
            for (int i = numbers.size() - 1; i >= 0; i--) {
                if (!aliased.contains(numbers.get(i))) {
                    unaliased.add(numbers.get(i));
                }
            }
            return unaliased.size() <= keepUnaliased ? List.of()
                    : new ArrayList<>(unaliased.subList(keepUnaliased, unaliased.size()));
        });
    }

    /**
     * How two versions differ: metrics, schema (features, their types and categories), hyperparameters, lineage
     * and files. Both are verified and loaded first.
     */
    public VersionDiff diff(final String model, final int a, final int b) {
        ModelVersion first = version(model, a);
        ModelVersion second = version(model, b);
        ModelMetadata left = load(model, a).metadata();
        ModelMetadata right = load(model, b).metadata();
        return Diffs.of(first, left, second, right);
    }

    /**
     * A number that increases on every alias move of the model (the number of moves): a poll costs one file
     * status when nothing changed.
     */
    public long changeCount(final String model) {
        return history(model, false).moves().size();
    }

    /**
     * Runs {@code work} holding the exclusive lock on {@code lockFile}: the same in-JVM and operating-system lock the
     * registry takes for a model, for stores kept beside the registry (the incident store) so that they lock alike.
     * Not reentrant: {@code work} must not take the same lock again.
     *
     * @param name what is locked, for error messages
     * @throws RegistryException when the lock file cannot be created or locked
     */
    public static <T> T locked(final Path lockFile, final String name, final java.util.function.Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        try (ModelLock lock = ModelLock.acquire(lockFile, name)) {
            return work.get();
        }
    }

    /**
     * Checks a model name as the registry does (1 to 100 letters, digits, '.', '_' or '-', starting with a letter or
     * digit), so that a name is safe as a folder name.
     *
     * @return the name
     * @throws RegistryException naming the bad name
     */
    public static String checkModelName(final String name) {
        return Names.model(name);
    }

    private void requireModel(final String model) {
        Names.model(model);
        if (!store.hasModel(model)) {
            throw new RegistryException("No model named " + model + " in the registry " + store.location());
        }
    }

    /** A move's time: now, but never before the last move, so that the history stays in order of time. */
    private static Instant now(final HistoryLog.Parsed history) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return now.isBefore(history.lastAt()) ? history.lastAt() : now;
    }

    private HistoryLog.Parsed history(final String model, final boolean unused) {
        Names.model(model);
        HistoryLog.Parsed parsed = store.history(model);
        if (parsed.moves().isEmpty()) {
            requireModel(model);
        }
        return parsed;
    }

    /** Version numbers as compact ranges: {@code 1-3, 5}. */
    private static String ranges(final List<Integer> numbers) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < numbers.size()) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            out.append(out.length() == 0 ? "" : ", ").append(numbers.get(i));
            if (j > i) {
                out.append('-').append(numbers.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
