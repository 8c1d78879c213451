package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.io.AtomicFiles;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A registry in a folder: {@code ROOT/models/NAME/versions/N/} holds version N ({@code package/} and
 * {@code version.json}); {@code ROOT/models/NAME/history.jsonl} the alias moves. A version appears by one atomic
 * rename of a complete, fsynced folder, and an alias moves by one fsynced append, both under the model's lock (a file
 * lock across processes, a lock across threads). See {@code docs/registry.md}.
 */
final class FolderStore implements RegistryStore {
    /** The incoming folders this JVM is filling: never probed by cleanUp (closing a probe would drop their lock). */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final ConcurrentHashMap<String, Cached> histories = new ConcurrentHashMap<>();

    FolderStore(final Path root) {
        this.root = root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public Path folder() {
        return root;
    }

    @Override
    public List<String> models() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(root.resolve(Registry.MODELS))) {
            for (Path dir : (Iterable<Path>) list::iterator) {
                String name = dir.getFileName().toString();
                if (Names.NAME.matcher(name).matches() && !versionNumbers(name).isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new RegistryException(root.resolve(Registry.MODELS) + ": cannot list the models: " + e.getMessage(),
                    e);
        }
        return names;
    }

    @Override
    public boolean hasModel(final String model) {
        return Files.isDirectory(versionsDir(model));
    }

    @Override
    public Optional<VersionJson.Entry> entry(final String model, final int version) {
        Path dir = versionDir(model, version);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.of(VersionJson.read(dir.resolve(VersionJson.FILE_NAME), model, version));
    }

    @Override
    public Path packageFiles(final ModelVersion version) {
        return versionDir(version.model(), version.version()).resolve(Registry.PACKAGE);
    }

    @Override
    public ModelVersion register(final String model, final Path source, final boolean zip, final Actor actor,
            final String message) {
        Path versions = versionsDir(model);
        try {
            if (!Files.isDirectory(versions)) {
                Files.createDirectories(versions);
                Disk.syncDir(modelDir(model));
                Disk.syncDir(root.resolve(Registry.MODELS));
            }
            for (int attempt = 0; ; attempt++) {
                Path incoming = versions.resolve(Registry.INCOMING + UUID.randomUUID());
                Path ownerLock = versions.resolve(incoming.getFileName() + Registry.LOCK);
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
                        throw new RegistryException("Cannot register " + source + " as model " + model
                                + ": the lock file " + ownerLock + " keeps disappearing");
                    }
                    Files.createDirectory(incoming);
                    try {
                        return fillAndPublish(model, source, zip, incoming, ownerLock, actor, message);
                    } finally {
                        Disk.deleteTree(incoming);
                        Files.deleteIfExists(ownerLock);
                    }
                } finally {
                    OWNED.remove(incoming);
                }
            }
        } catch (IOException e) {
            throw new RegistryException("Cannot register " + source + " as model " + model + ": "
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
        Path pkg = incoming.resolve(Registry.PACKAGE);
        Staging.Prepared prepared = Staging.prepare(model, source, zip, pkg);
        Disk.syncTree(pkg);
        try (ModelLock lock = lock(model)) {
            cleanUp(model);
            int number = nextVersion(model);
            ModelVersion version = prepared.version(model, number, actor);
            Path json = incoming.resolve(VersionJson.FILE_NAME);
            Files.write(json, VersionJson.format(version, message, null),
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

    @Override
    public AliasMove move(final String model, final Function<HistoryLog.Parsed, AliasMove> change) {
        try (ModelLock lock = lock(model)) {
            HistoryLog.Parsed history = history(model, true);
            AliasMove move = change.apply(history);
            HistoryLog.append(historyFile(model), history, move);
            return move;
        }
    }

    @Override
    public List<Integer> retain(final String model, final java.time.Duration orphanAge,
            final Function<Retention, List<Integer>> choose) {
        try (ModelLock lock = lock(model)) {
            cleanUp(model);
            List<Integer> numbers = versionNumbers(model);
            List<Integer> doomed = new ArrayList<>(choose.apply(new Retention(numbers, history(model, true))));
            if (doomed.isEmpty()) {
                return List.of();
            }
            // recorded first, so that a number freed here is never handed out again, even after a crash
            int highest = Math.max(numbers.get(numbers.size() - 1), highestDeleted(model));
            AtomicFiles.write(modelDir(model).resolve(Registry.HIGHEST), highest + "\n");
            Disk.syncDir(modelDir(model));
            Collections.sort(doomed);
            for (int number : doomed) {
                // a rename makes the version vanish at once; the slow delete happens out of sight
                Path trash = versionsDir(model).resolve(Registry.TRASH + number + "-" + UUID.randomUUID());
                Files.move(versionDir(model, number), trash, StandardCopyOption.ATOMIC_MOVE);
                Disk.syncDir(versionsDir(model));
                Disk.deleteTree(trash);
            }
            return List.copyOf(doomed);
        } catch (IOException e) {
            throw new RegistryException("Cannot apply retention to model " + model + ": " + e.getMessage(), e);
        }
    }

    // --- the layout ---

    private Path modelDir(final String model) {
        return root.resolve(Registry.MODELS).resolve(Names.model(model));
    }

    private Path versionsDir(final String model) {
        return modelDir(model).resolve(Registry.VERSIONS);
    }

    private Path versionDir(final String model, final int version) {
        return versionsDir(model).resolve(Integer.toString(version));
    }

    private Path historyFile(final String model) {
        return modelDir(model).resolve(Registry.HISTORY);
    }

    private ModelLock lock(final String model) {
        Path dir = modelDir(model);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RegistryException(dir + ": cannot create the folder of model " + model + ": " + e.getMessage(),
                    e);
        }
        return ModelLock.acquire(dir.resolve(Registry.LOCK), model);
    }

    /** The published version numbers, ascending (hidden incoming and trash folders are not versions). */
    @Override
    public List<Integer> versionNumbers(final String model) {
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> list = Files.list(versionsDir(model))) {
            for (Path dir : (Iterable<Path>) list::iterator) {
                String name = dir.getFileName().toString();
                if (Registry.VERSION_DIR.matcher(name).matches()) {
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
        Path file = modelDir(model).resolve(Registry.HIGHEST);
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
                if (name.startsWith(Registry.TRASH)) {
                    Disk.deleteTree(entry);
                } else if (name.startsWith(Registry.INCOMING) && name.endsWith(Registry.LOCK)) {
                    Path dir = versions.resolve(name.substring(0, name.length() - Registry.LOCK.length()));
                    if (!Files.exists(dir) && !OWNED.contains(dir)) {
                        removeIfOwnerDead(entry, null);
                    }
                } else if (name.startsWith(Registry.INCOMING) && !OWNED.contains(entry)) {
                    removeIfOwnerDead(versions.resolve(name + Registry.LOCK), entry);
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

    @Override
    public HistoryLog.Parsed history(final String model) {
        return history(model, false);
    }

    /**
     * The parsed history, from a cache while the file's size and modification time are unchanged (a writer
     * holding the lock always reads the file).
     */
    private HistoryLog.Parsed history(final String model, final boolean locked) {
        Path file = historyFile(model);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
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
}
