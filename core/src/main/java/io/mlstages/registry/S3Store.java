package io.mlstages.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlstages.objectstore.ObjectStore;
import io.mlstages.objectstore.S3Url;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A registry under an S3 prefix, made safe for racing writers by conditional writes alone (no lock service):
 *
 * <pre>
 * PREFIX/registry.json
 * PREFIX/models/NAME/packages/UUID/FILE...          a version's files, uploaded first, under a name no one else uses
 * PREFIX/models/NAME/versions/N/version.json       the version's record: created last, with If-None-Match: *
 * PREFIX/models/NAME/history.jsonl                 the alias moves: replaced with If-Match: ETAG (created with *)
 * PREFIX/models/NAME/highest-version               after retention: replaced with If-Match as well
 * </pre>
 *
 * <p>A version exists once its record does, and the record names its files, which were all uploaded before it: a
 * writer killed before the record leaves only unreferenced files under {@code packages/}, never a half version. Two
 * writers that pick the same number both try to create the same record; the store lets exactly one succeed (412 for
 * the other), and the loser picks the next number. An alias move rewrites the history only if it is still the one the
 * move was computed from; otherwise the move is computed again on the newer history.</p>
 */
final class S3Store implements RegistryStore {
    private static final int ATTEMPTS = 200;
    static final String PACKAGES = "packages";

    private final ObjectStore store;
    private final S3Url base;
    /** Verified downloads of this process, by model and version: a version never changes. */
    private final Map<String, Path> downloads = new ConcurrentHashMap<>();

    private S3Store(final ObjectStore store, final S3Url base) {
        this.store = store;
        this.base = base;
    }

    /** Opens (creating its marker on first use) the registry under {@code url}. */
    static S3Store open(final ObjectStore store, final S3Url url) {
        S3Url base = new S3Url(url.bucket(), url.prefix());
        S3Url marker = base.resolve(Registry.MARKER);
        Optional<ObjectStore.Stored> existing = store.read(marker);
        if (existing.isEmpty()) {
            // racing openers: one creates it, the others read the same content back
            store.create(marker, Registry.marker().getBytes(StandardCharsets.UTF_8));
            existing = store.read(marker);
        }
        try {
            JsonNode node = HistoryLog.MAPPER.readTree(existing.orElseThrow(
                    () -> new RegistryException(marker + ": cannot be created")).bytes());
            Registry.checkFormat(node, marker.toString());
        } catch (IOException e) {
            throw new RegistryException(marker + ": not readable JSON: " + e.getMessage(), e);
        }
        return new S3Store(store, base);
    }

    @Override
    public String location() {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public Path folder() {
        return null;
    }

    private S3Url model(final String model) {
        return base.resolve(Registry.MODELS + "/" + Names.model(model) + "/");
    }

    private S3Url record(final String model, final int version) {
        return model(model).resolve(Registry.VERSIONS + "/" + version + "/" + VersionJson.FILE_NAME);
    }

    @Override
    public List<String> models() {
        List<String> names = new ArrayList<>();
        for (String name : store.children(base.resolve(Registry.MODELS + "/"))) {
            if (Names.NAME.matcher(name).matches() && !versionNumbers(name).isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public List<Integer> versionNumbers(final String model) {
        List<Integer> numbers = new ArrayList<>();
        for (String name : store.children(model(model).resolve(Registry.VERSIONS + "/"))) {
            if (Registry.VERSION_DIR.matcher(name).matches()) {
                numbers.add(Integer.parseInt(name));
            }
        }
        Collections.sort(numbers);
        return numbers;
    }

    @Override
    public boolean hasModel(final String model) {
        return !store.children(model(model)).isEmpty();
    }

    @Override
    public Optional<VersionJson.Entry> entry(final String model, final int version) {
        S3Url url = record(model, version);
        return store.read(url).map(stored -> VersionJson.read(stored.bytes(), url.toString(), model, version));
    }

    @Override
    public ModelVersion register(final String model, final Path source, final boolean zip, final Actor actor,
            final String message) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("mlstages-register-");
            Path pkg = staging.resolve(Registry.PACKAGE);
            Staging.Prepared prepared = Staging.prepare(model, source, zip, pkg);
            String packageKey = PACKAGES + "/" + UUID.randomUUID();
            S3Url files = model(model).resolve(packageKey + "/");
            for (String file : prepared.files().keySet()) {
                store.put(files.resolve(file), pkg.resolve(file));
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                // the listing first, then the retired number: retention writes the number before it deletes
                List<Integer> numbers = versionNumbers(model);
                int last = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
                int number = Math.max(last, highest(model).value()) + 1;
                ModelVersion version = prepared.version(model, number, actor);
                if (store.create(record(model, number), VersionJson.format(version, message, packageKey)) != null) {
                    return version;
                }
                backOff(attempt);
            }
            throw new RegistryException("Cannot register " + source + " as model " + model + " in " + location()
                    + ": another writer took every number tried, " + ATTEMPTS + " times");
        } catch (IOException e) {
            throw new RegistryException("Cannot register " + source + " as model " + model + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    @Override
    public Path packageFiles(final ModelVersion version) {
        String key = version.model() + "/" + version.version();
        Path cached = downloads.get(key);
        if (cached != null) {
            return cached;
        }
        VersionJson.Entry entry = entry(version.model(), version.version()).orElseThrow(() -> new RegistryException(
                "Model " + version.model() + " has no version " + version.version() + " in " + location()));
        String packageKey = entry.packageKey();
        if (packageKey == null || !packageKey.matches(PACKAGES + "/[0-9a-f-]{36}")) {
            throw new RegistryException(record(version.model(), version.version()) + ": no valid \"package\" field;"
                    + " the record was not written by this registry");
        }
        S3Url files = model(version.model()).resolve(packageKey + "/");
        try {
            Path dir = Files.createTempDirectory("mlstages-" + version.model() + "-v" + version.version() + "-");
            for (S3Url object : store.list(files)) {
                String relative = object.key().substring(files.key().length());
                Path target = dir.resolve(relative).normalize();
                if (!target.startsWith(dir) || target.equals(dir)) {
                    throw new RegistryException(object + ": lies outside the package of model " + version.model()
                            + " version " + version.version());
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = store.open(object)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path previous = downloads.putIfAbsent(key, dir);
            if (previous != null) {
                deleteQuietly(dir);
                return previous;
            }
            return dir;
        } catch (IOException e) {
            throw new RegistryException(files + ": cannot download model " + version.model() + " version "
                    + version.version() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HistoryLog.Parsed history(final String model) {
        S3Url url = model(model).resolve(Registry.HISTORY);
        return store.read(url).map(s -> HistoryLog.parse(s.bytes(), url.toString(), model))
                .orElse(HistoryLog.Parsed.EMPTY);
    }

    @Override
    public AliasMove move(final String model, final Function<HistoryLog.Parsed, AliasMove> change) {
        S3Url url = model(model).resolve(Registry.HISTORY);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ObjectStore.Stored> current = store.read(url);
            byte[] before = current.map(ObjectStore.Stored::bytes).orElse(new byte[0]);
            HistoryLog.Parsed parsed = HistoryLog.parse(before, url.toString(), model);
            AliasMove move = change.apply(parsed);
            byte[] line = (HistoryLog.format(move) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] after = new byte[(int) parsed.committed() + line.length];
            System.arraycopy(before, 0, after, 0, (int) parsed.committed());
            System.arraycopy(line, 0, after, (int) parsed.committed(), line.length);
            String written = current.isEmpty() ? store.create(url, after)
                    : store.replace(url, after, current.get().etag());
            if (written != null) {
                return move;
            }
            backOff(attempt);
        }
        throw new RegistryException(url + ": cannot record an alias move of model " + model + ": the history changed"
                + " under every one of " + ATTEMPTS + " attempts");
    }

    @Override
    public List<Integer> retain(final String model, final Function<Retention, List<Integer>> choose) {
        S3Url url = model(model).resolve(Registry.HISTORY);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ObjectStore.Stored> current = store.read(url);
            byte[] bytes = current.map(ObjectStore.Stored::bytes).orElse(new byte[0]);
            List<Integer> numbers = versionNumbers(model);
            List<Integer> doomed = new ArrayList<>(choose.apply(new Retention(numbers,
                    HistoryLog.parse(bytes, url.toString(), model))));
            if (doomed.isEmpty()) {
                return List.of();
            }
            // recorded first, so that a number freed here is never handed out again
            raiseHighest(model, numbers.get(numbers.size() - 1));
            // a fence: rewriting the history as read fails if an alias moved since it was read, and then we choose
            // again
            String fenced = current.isEmpty() ? store.create(url, bytes) : store.replace(url, bytes,
                    current.get().etag());
            if (fenced == null) {
                backOff(attempt);
                continue;
            }
            Collections.sort(doomed);
            for (int number : doomed) {
                S3Url record = record(model, number);
                Optional<VersionJson.Entry> entry = entry(model, number);
                store.delete(record);
                String packageKey = entry.map(VersionJson.Entry::packageKey).orElse(null);
                if (packageKey != null && packageKey.matches(PACKAGES + "/[0-9a-f-]{36}")) {
                    for (S3Url file : store.list(model(model).resolve(packageKey + "/"))) {
                        store.delete(file);
                    }
                }
            }
            return List.copyOf(doomed);
        }
        throw new RegistryException(url + ": cannot apply retention to model " + model + ": the history changed"
                + " under every one of " + ATTEMPTS + " attempts");
    }

    /**
     * Copies the registry (one model, or all when {@code only} is null) into {@code into} in the folder layout:
     * {@code registry.json}, and per model its history, highest number, and each version's record and package files.
     */
    void mirror(final Path into, @edu.umd.cs.findbugs.annotations.CheckForNull final String only) throws IOException {
        store.read(base.resolve(Registry.MARKER)).ifPresent(m -> write(into.resolve(Registry.MARKER), m.bytes()));
        Files.createDirectories(into.resolve(Registry.MODELS));
        List<String> names = only != null ? List.of(Names.model(only)) : store.children(base.resolve(Registry.MODELS + "/"));
        for (String name : names) {
            if (!Names.NAME.matcher(name).matches()) {
                continue;
            }
            Path dir = into.resolve(Registry.MODELS).resolve(name);
            Files.createDirectories(dir.resolve(Registry.VERSIONS));
            store.read(model(name).resolve(Registry.HISTORY)).ifPresent(h -> write(dir.resolve(Registry.HISTORY),
                    h.bytes()));
            store.read(model(name).resolve(Registry.HIGHEST)).ifPresent(h -> write(dir.resolve(Registry.HIGHEST),
                    h.bytes()));
            for (int number : versionNumbers(name)) {
                Optional<ObjectStore.Stored> record = store.read(record(name, number));
                if (record.isEmpty()) {
                    continue;
                }
                Path versionDir = dir.resolve(Registry.VERSIONS).resolve(Integer.toString(number));
                Path pkg = versionDir.resolve(Registry.PACKAGE);
                Files.createDirectories(pkg);
                write(versionDir.resolve(VersionJson.FILE_NAME), record.get().bytes());
                String packageKey = VersionJson.read(record.get().bytes(), record(name, number).toString(), name,
                        number).packageKey();
                if (packageKey == null || !packageKey.matches(PACKAGES + "/[0-9a-f-]{36}")) {
                    continue;
                }
                S3Url files = model(name).resolve(packageKey + "/");
                for (S3Url object : store.list(files)) {
                    Path target = pkg.resolve(object.key().substring(files.key().length())).normalize();
                    if (target.startsWith(pkg) && !target.equals(pkg)) {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = store.open(object)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
    }

    private static void write(final Path file, final byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The highest number retention ever recorded (0 when none) and the entity tag of its object. */
    private Highest highest(final String model) {
        S3Url url = model(model).resolve(Registry.HIGHEST);
        Optional<ObjectStore.Stored> stored = store.read(url);
        if (stored.isEmpty()) {
            return new Highest(0, null);
        }
        String text = new String(stored.get().bytes(), StandardCharsets.UTF_8).trim();
        try {
            return new Highest(Integer.parseInt(text), stored.get().etag());
        } catch (NumberFormatException e) {
            throw new RegistryException(url + ": not a version number: '" + Names.printable(text) + "'", e);
        }
    }

    /** Raises the recorded highest number to at least {@code number}, never lowering it (a conditional write). */
    private void raiseHighest(final String model, final int number) {
        S3Url url = model(model).resolve(Registry.HIGHEST);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Highest highest = highest(model);
            if (highest.value() >= number) {
                return;
            }
            byte[] bytes = (number + "\n").getBytes(StandardCharsets.UTF_8);
            String etag = highest.etag();
            if ((etag == null ? store.create(url, bytes) : store.replace(url, bytes, etag)) != null) {
                return;
            }
            backOff(attempt);
        }
        throw new RegistryException(url + ": cannot record the highest version number of model " + model);
    }

    private record Highest(int value, @edu.umd.cs.findbugs.annotations.CheckForNull String etag) {
    }

    /** A short random pause after a lost race, growing with the attempts, so that racers spread out. */
    private static void backOff(final int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L + Math.min(attempt, 20) * 5L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("Interrupted while retrying a registry write", e);
        }
    }

    private static void deleteQuietly(@edu.umd.cs.findbugs.annotations.CheckForNull final Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Disk.deleteTree(dir);
        } catch (IOException e) {
            // a temporary folder; the system cleans it eventually
        }
    }
}
