package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.data.DataReader;
import io.mlstages.io.AtomicFiles;
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
    /** The incoming folders this JVM is filling: never probed by cleanUp (closing a probe would drop their lock). */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final ConcurrentHashMap<String, Cached> histories = new ConcurrentHashMap<>();

    private Registry(final Path root) {
        this.root = root;
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
            int format;
            try {
                format = HistoryLog.MAPPER.readTree(marker.toFile()).path("formatVersion").asInt(-1);
            } catch (IOException e) {
                throw new RegistryException(marker + ": not readable JSON: " + e.getMessage(), e);
            }
            if (format < 1 || format > FORMAT_VERSION) {
                throw new RegistryException(marker + ": registry format " + format
                        + " is not supported; this build reads format " + FORMAT_VERSION);
            }
        } else {
            ObjectNode node = HistoryLog.MAPPER.createObjectNode();
            node.put("kind", "mlstages-registry");
            node.put("formatVersion", FORMAT_VERSION);
            // concurrent openers write the same bytes, atomically: whichever rename lands last is identical
            AtomicFiles.write(marker, node.toString() + "\n");
            Disk.syncDir(folder);
        }
        try {
            // the real path, so that every instance in this JVM names the same files the same way (see OWNED)
            return new Registry(folder.toRealPath());
        } catch (IOException e) {
            throw new RegistryException(root + ": cannot open the registry: " + e.getMessage(), e);
        }
    }

    /** The registry's folder, absolute. */
    public Path root() {
        return root;
    }

    /**
     * Registers a package folder or zip as the next version of {@code model} (creating the model on its first
     * version). The package is copied (or safely extracted), verified against the SHA-256 its {@code model.json}
     * lists, hashed whole, forced to disk, and only then numbered and published with one atomic rename.
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
        Path versions = versionsDir(model);
        try {
            if (!Files.isDirectory(versions)) {
                Files.createDirectories(versions);
                Disk.syncDir(modelDir(model));
                Disk.syncDir(root.resolve(MODELS));
            }
            for (int attempt = 0; ; attempt++) {
                Path incoming = versions.resolve(INCOMING + UUID.randomUUID());
                Path ownerLock = versions.resolve(incoming.getFileName() + LOCK);
                OWNED.add(incoming);
                // the owner lock tells cleanUp in other processes that the folder is being filled; the OS drops it
                // if this process dies, and cleanUp then removes the folder
                try (FileChannel ownerChannel = FileChannel.open(ownerLock, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    Object key = fileKey(ownerLock);
                    FileLock owner = ownerChannel.lock();
                    // cleanUp may have taken the unlocked file for an orphan and deleted it: then start again
                    if (key == null || !key.equals(fileKey(ownerLock))) {
                        owner.release();
                        if (attempt < 10) {
                            continue;
                        }
                        throw new RegistryException("Cannot register " + packageDirOrZip + " as model " + model
                                + ": the lock file " + ownerLock + " keeps disappearing");
                    }
                    Files.createDirectory(incoming);
                    try {
                        return fillAndPublish(model, packageDirOrZip, zip, incoming, ownerLock, who, message);
                    } finally {
                        Disk.deleteTree(incoming);
                        Files.deleteIfExists(ownerLock);
                    }
                } finally {
                    OWNED.remove(incoming);
                }
            }
        } catch (IOException e) {
            throw new RegistryException("Cannot register " + packageDirOrZip + " as model " + model + ": "
                    + e.getMessage(), e);
        }
    }

    @CheckForNull
    private static Object fileKey(final Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private ModelVersion fillAndPublish(final String model, final Path source, final boolean zip,
            final Path incoming, final Path ownerLock, final Actor actor, final String message) throws IOException {
        Path pkg = incoming.resolve(PACKAGE);
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
        Map<String, String> files = Disk.hashes(pkg);
        Disk.syncTree(pkg);
        try (ModelLock lock = lock(model)) {
            cleanUp(model);
            int number = nextVersion(model);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ModelVersion version = new ModelVersion(model, number, now, actor, blessed, files,
                    metadata.algorithm().label(), metadata.task().label());
            Path json = incoming.resolve(VersionJson.FILE_NAME);
            Files.write(json, VersionJson.format(version, message == null ? "" : message),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Disk.syncFile(json);
            Disk.syncDir(incoming);
            Files.move(incoming, versionDir(model, number), StandardCopyOption.ATOMIC_MOVE);
            Disk.syncDir(versionsDir(model));
            // removed under the model's lock, so that cleanUp never sees the lock without its folder while we live
            Files.deleteIfExists(ownerLock);
            return version;
        }
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

    /** The registered models' names (those with at least one version), sorted. */
    public List<String> models() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(root.resolve(MODELS))) {
            for (Path dir : (Iterable<Path>) list::iterator) {
                String name = dir.getFileName().toString();
                if (Names.NAME.matcher(name).matches() && !versionNumbers(name).isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new RegistryException(root.resolve(MODELS) + ": cannot list the models: " + e.getMessage(), e);
        }
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
        for (int number : versionNumbers(model)) {
            versions.add(entry(model, number).version());
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
        Path dir = versionDir(model, version);
        if (!Files.isDirectory(dir)) {
            List<Integer> numbers = versionNumbers(model);
            throw new RegistryException("Model " + model + " has no version " + version + (numbers.isEmpty()
                    ? " (it has no versions)" : " (its versions: " + ranges(numbers) + ")"));
        }
        return VersionJson.read(dir.resolve(VersionJson.FILE_NAME), model, version);
    }

    /**
     * The folder of a version's package, after checking that every file in it is the one registered: same
     * SHA-256, none missing, none added.
     *
     * @throws RegistryException naming the model, the version and the file when one is missing, changed or added
     */
    public Path packagePath(final String model, final int version) {
        ModelVersion registered = version(model, version);
        Path pkg = versionDir(model, version).resolve(PACKAGE);
        verify(registered, pkg);
        return pkg;
    }

    private static void verify(final ModelVersion registered, final Path pkg) {
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
        try (ModelLock lock = lock(model)) {
            ModelVersion target = version(model, version);
            if (!target.blessed() && !force) {
                throw new RegistryException("Version " + version + " of model " + model + " is not blessed (its"
                        + " package had no blessing.json of its own when registered); alias " + alias
                        + " stays where it is. Validate the model and register it again, or force the promotion,"
                        + " which the history records");
            }
            verify(target, versionDir(model, version).resolve(PACKAGE));
            HistoryLog.Parsed history = history(model, true);
            Integer from = HistoryLog.current(history.stacks()).get(alias);
            AliasMove move = new AliasMove(model, alias, from, version, now(history), who, message,
                    AliasMove.PROMOTE, force && !target.blessed());
            HistoryLog.append(historyFile(model), history, move);
            return move;
        }
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
        try (ModelLock lock = lock(model)) {
            requireModel(model);
            HistoryLog.Parsed history = history(model, true);
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
            if (!Files.isDirectory(versionDir(model, previous))) {
                throw new RegistryException("Alias " + alias + " of model " + model + " cannot roll back to version "
                        + previous + ": that version was deleted (by retention); promote a version instead");
            }
            verify(version(model, previous), versionDir(model, previous).resolve(PACKAGE));
            AliasMove move = new AliasMove(model, alias, current, previous, now(history), who, message,
                    AliasMove.ROLLBACK, false);
            HistoryLog.append(historyFile(model), history, move);
            return move;
        }
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
        try (ModelLock lock = lock(model)) {
            HistoryLog.Parsed history = history(model, true);
            Integer current = HistoryLog.current(history.stacks()).get(alias);
            if (current == null) {
                throw new RegistryException("Alias " + alias + " of model " + model + " points at no version");
            }
            AliasMove move = new AliasMove(model, alias, current, null, now(history), who, message,
                    AliasMove.REMOVE, false);
            HistoryLog.append(historyFile(model), history, move);
            return move;
        }
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
     * points at is never deleted. Version numbers are never reused.
     *
     * @return the deleted versions, ascending
     */
    public List<Integer> retain(final String model, final int keepUnaliased) {
        Names.model(model);
        if (keepUnaliased < 0) {
            throw new RegistryException("The number of unaliased versions of model " + model
                    + " to keep must not be negative, not " + keepUnaliased);
        }
        try (ModelLock lock = lock(model)) {
            requireModel(model);
            cleanUp(model);
            Set<Integer> aliased = new HashSet<>(HistoryLog.current(history(model, true).stacks()).values());
            List<Integer> numbers = versionNumbers(model);
            List<Integer> unaliased = new ArrayList<>();
            for (int i = numbers.size() - 1; i >= 0; i--) {
                if (!aliased.contains(numbers.get(i))) {
                    unaliased.add(numbers.get(i));
                }
            }
            List<Integer> doomed = unaliased.size() <= keepUnaliased ? List.of()
                    : new ArrayList<>(unaliased.subList(keepUnaliased, unaliased.size()));
            if (doomed.isEmpty()) {
                return List.of();
            }
            // recorded first, so that a number freed here is never handed out again, even after a crash
            int highest = Math.max(numbers.get(numbers.size() - 1), highestDeleted(model));
            AtomicFiles.write(modelDir(model).resolve(HIGHEST), highest + "\n");
            Disk.syncDir(modelDir(model));
            Collections.sort(doomed);
            for (int number : doomed) {
                // a rename makes the version vanish at once; the slow delete happens out of sight
                Path trash = versionsDir(model).resolve(TRASH + number + "-" + UUID.randomUUID());
                Files.move(versionDir(model, number), trash, StandardCopyOption.ATOMIC_MOVE);
                Disk.syncDir(versionsDir(model));
                Disk.deleteTree(trash);
            }
            return List.copyOf(doomed);
        } catch (IOException e) {
            throw new RegistryException("Cannot apply retention to model " + model + ": " + e.getMessage(), e);
        }
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

    // --- the layout ---

    private Path modelDir(final String model) {
        return root.resolve(MODELS).resolve(Names.model(model));
    }

    private Path versionsDir(final String model) {
        return modelDir(model).resolve(VERSIONS);
    }

    private Path versionDir(final String model, final int version) {
        return versionsDir(model).resolve(Integer.toString(version));
    }

    private Path historyFile(final String model) {
        return modelDir(model).resolve(HISTORY);
    }

    private ModelLock lock(final String model) {
        Path dir = modelDir(model);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RegistryException(dir + ": cannot create the folder of model " + model + ": " + e.getMessage(),
                    e);
        }
        return ModelLock.acquire(dir.resolve(LOCK), model);
    }

    private void requireModel(final String model) {
        if (!Files.isDirectory(versionsDir(model))) {
            throw new RegistryException("No model named " + model + " in the registry " + root);
        }
    }

    /** The published version numbers, ascending (hidden incoming and trash folders are not versions). */
    private List<Integer> versionNumbers(final String model) {
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> list = Files.list(versionsDir(model))) {
            for (Path dir : (Iterable<Path>) list::iterator) {
                String name = dir.getFileName().toString();
                if (VERSION_DIR.matcher(name).matches()) {
                    numbers.add(Integer.parseInt(name));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new RegistryException(versionsDir(model) + ": cannot list the versions of model " + model + ": "
                    + e.getMessage(), e);
        }
        Collections.sort(numbers);
        return numbers;
    }

    private int nextVersion(final String model) {
        List<Integer> numbers = versionNumbers(model);
        int last = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
        return Math.max(last, highestDeleted(model)) + 1;
    }

    /** The highest version number retention ever deleted (0 if none): numbers at or below it stay retired. */
    private int highestDeleted(final String model) {
        Path file = modelDir(model).resolve(HIGHEST);
        try {
            return Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            throw new RegistryException(file + ": not a version number: " + e.getMessage(), e);
        }
    }

    /**
     * Removes what killed writers left behind: trash folders (only ever created and emptied under the model's
     * lock, so any seen under it is orphaned), incoming folders whose owner lock is free (a live owner locks it
     * before it creates the folder, so a free lock means a dead owner), and owner locks without a folder that are
     * free (a dead owner, or a live one between creating and locking the file, which notices and starts again).
     * The caller holds the model's lock.
     */
    private void cleanUp(final String model) {
        Path versions = versionsDir(model);
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(versions)) {
            list.forEach(entries::add);
        } catch (IOException e) {
            return;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            try {
                if (name.startsWith(TRASH)) {
                    Disk.deleteTree(entry);
                } else if (name.startsWith(INCOMING) && name.endsWith(LOCK)) {
                    Path dir = versions.resolve(name.substring(0, name.length() - LOCK.length()));
                    if (!Files.exists(dir) && !OWNED.contains(dir)) {
                        removeIfOwnerDead(entry, null);
                    }
                } else if (name.startsWith(INCOMING) && !OWNED.contains(entry)) {
                    removeIfOwnerDead(versions.resolve(name + LOCK), entry);
                }
            } catch (IOException e) {
                // best effort: a leftover is hidden and ignored by readers; the next writer tries again
            }
        }
    }

    private static void removeIfOwnerDead(final Path ownerLock, @CheckForNull final Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(ownerLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return;
            }
            if (probe == null) {
                return;
            }
            try {
                if (dir != null) {
                    Disk.deleteTree(dir);
                }
                Files.deleteIfExists(ownerLock);
            } finally {
                probe.release();
            }
        }
    }

    /** A move's time: now, but never before the last move, so that the history stays in order of time. */
    private static Instant now(final HistoryLog.Parsed history) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return now.isBefore(history.lastAt()) ? history.lastAt() : now;
    }

    /**
     * The parsed history, from a cache while the file's size and modification time are unchanged (a writer
     * holding the lock always reads the file).
     */
    private HistoryLog.Parsed history(final String model, final boolean locked) {
        Names.model(model);
        Path file = historyFile(model);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (!locked) {
                requireModel(model);
            }
            return HistoryLog.Parsed.EMPTY;
        } catch (IOException e) {
            throw new RegistryException(file + ": cannot read the history of model " + model + ": "
                    + e.getMessage(), e);
        }
        Cached cached = locked ? null : histories.get(model);
        if (cached != null && cached.size == attributes.size()
                && cached.modified == modifiedNanos(attributes)
                && Objects.equals(cached.key, attributes.fileKey())) {
            return cached.parsed;
        }
        HistoryLog.Parsed parsed = HistoryLog.read(file, model);
        histories.put(model, new Cached(attributes.size(), modifiedNanos(attributes), attributes.fileKey(), parsed));
        return parsed;
    }

    private static long modifiedNanos(final BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private record Cached(long size, long modified, @CheckForNull Object key, HistoryLog.Parsed parsed) {
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
