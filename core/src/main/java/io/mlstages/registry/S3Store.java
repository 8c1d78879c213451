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
 * A registry under an S3 prefix, made safe for racing writers by create-only conditional writes
 * ({@code If-None-Match: *}) alone, with no lock service:
 *
 * <pre>
 * PREFIX/registry.json
 * PREFIX/models/NAME/packages/UUID/FILE...          a version's files, uploaded first, under a name no one else uses
 * PREFIX/models/NAME/versions/N/version.json       the version's record, created last: claims number N
 * PREFIX/models/NAME/history/0000000001.json       alias move 1, 2, ...: each created once, never rewritten
 * PREFIX/models/NAME/retired/N                     after retention: numbers up to N are never handed out again
 * PREFIX/models/NAME/leases/N/UUID                 an alias move to version N in flight (deleted when it is done)
 * PREFIX/models/NAME/retiring/N/UUID               retention deleting version N (deleted when it is done)
 * </pre>
 *
 * <p>A version exists once its record does, and the record names its files, which were all uploaded before it: a
 * writer killed before the record leaves only unreferenced files under {@code packages/}, never a half version. Two
 * writers that pick the same number both try to create the same record; the store lets exactly one succeed (412 for
 * the other), and the loser takes the next number. An alias move is the object numbered one past the history it was
 * computed from: of two racing moves one is created, and the other is computed again on the history that now holds
 * the first. Every object is written once, so no write depends on {@code If-Match}, which S3-compatible stores
 * emulate with a separate read (S3Proxy does; see docs/registry.md).</p>
 *
 * <p>Retention and alias moves fence each other off without a lock: a move to version N first leaves a lease on N,
 * then waits while a retention's fence on N stands, then checks that N still exists, and only then creates its move;
 * retention first leaves its fence on N, then keeps N if any lease on N stands or an alias now points at N, and only
 * then deletes it. Whichever of the two writes its mark second sees the other's, so a move never lands on a version
 * retention deleted. A mark older than {@link #LEASE} (by the store's clock) belongs to a writer that gave up: each
 * writer abandons its attempt once half of that time has passed since it left its mark.</p>
 */
final class S3Store implements RegistryStore {
    private static final int ATTEMPTS = 200;
    static final String PACKAGES = "packages";
    static final String MOVES = "history";
    static final String RETIRED = "retired";
    static final String LEASES = "leases";
    static final String RETIRING = "retiring";
    /** How long a lease or a fence protects; older ones are ignored, and a writer gives up after half of it. */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(10);
    /** Unreferenced uploads older than this are a killed registration's leftovers (see {@link #removeOrphans}). */
    static final java.time.Duration ORPHAN_AGE = java.time.Duration.ofHours(1);
    /** How long a move waits for a retention that fenced its version off (a few requests normally). */
    private static final long FENCE_WAIT_NANOS = 60_000_000_000L;
    private static final java.util.regex.Pattern MOVE = java.util.regex.Pattern.compile("[0-9]{10}\\.json");

    private final ObjectStore store;
    private final S3Url base;
    /** Verified downloads of this process, by model and version: a version never changes. */
    private final Map<String, Path> downloads = new ConcurrentHashMap<>();
    /** The alias moves this process read: each is an immutable object. */
    private final Map<String, AliasMove> readMoves = new ConcurrentHashMap<>();

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
    @edu.umd.cs.findbugs.annotations.CheckForNull
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

    /**
     * The numbers whose record exists, from a listing of the records themselves: a store with folders (S3Proxy) lists a
     * number's folder as soon as a record's PUT starts, and keeps it when the PUT is cut off, so a listing by folders
     * would count a number no record holds and the next writer would skip it.
     */
    @Override
    public List<Integer> versionNumbers(final String model) {
        S3Url versions = model(model).resolve(Registry.VERSIONS + "/");
        List<Integer> numbers = new ArrayList<>();
        for (S3Url url : store.list(versions)) {
            String rest = url.key().substring(versions.key().length());
            int slash = rest.indexOf('/');
            if (slash > 0 && rest.substring(slash + 1).equals(VersionJson.FILE_NAME)
                    && Registry.VERSION_DIR.matcher(rest.substring(0, slash)).matches()) {
                numbers.add(Integer.parseInt(rest.substring(0, slash)));
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
            long lastUpload = System.nanoTime();
            for (String file : prepared.files().keySet()) {
                lastUpload = System.nanoTime();
                store.put(files.resolve(file), pkg.resolve(file));
            }
            // retention removes uploads no record names once they are ORPHAN_AGE old: a registration that stalled
            // (or one huge file's upload that outlasted the age) may have lost files, and must not publish them
            if (store.list(files).size() != prepared.files().size()) {
                deleteUpload(files);
                throw new RegistryException("Cannot register " + source + " as model " + model + ": files of its"
                        + " upload to " + files + " vanished (a retention run took them for a killed writer's leftovers"
                        + " after " + ORPHAN_AGE.toMinutes() + " minutes); register it again");
            }
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (System.nanoTime() - lastUpload > ORPHAN_AGE.toNanos() / 2) {
                    deleteUpload(files);
                    throw new RegistryException("Cannot register " + source + " as model " + model + ": over "
                            + ORPHAN_AGE.toMinutes() / 2 + " minutes passed between its upload and its record; register"
                            + " it again");
                }
                // the listing first, then the retired number: retention writes the number before it deletes
                List<Integer> numbers = versionNumbers(model);
                int last = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
                int number = Math.max(last, highest(model)) + 1;
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
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mlstages-version-");
            for (S3Url object : store.list(files)) {
                String relative = object.key().substring(files.key().length());
                Path target = dir.resolve(relative).normalize();
                if (!target.startsWith(dir) || target.equals(dir)) {
                    throw new RegistryException(object + ": lies outside the package of model " + version.model()
                            + " version " + version.version());
                }
                Files.createDirectories(java.util.Objects.requireNonNull(target.getParent(), "parent"));
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
        } catch (io.mlstages.objectstore.ObjectStoreException e) {
            deleteQuietly(dir);
            if (store.head(record(version.model(), version.version())).isEmpty()) {
                // retention deleted the version (record first, then its files) while it was being downloaded
                throw new RegistryException("Model " + version.model() + " has no version " + version.version()
                        + " any more: it was deleted by retention while it was being read", e);
            }
            throw e;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new RegistryException(files + ": cannot download model " + version.model() + " version "
                    + version.version() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HistoryLog.Parsed history(final String model) {
        S3Url dir = model(model).resolve(MOVES + "/");
        List<AliasMove> moves = new ArrayList<>();
        int expected = 1;
        for (String name : store.children(dir)) {
            if (!MOVE.matcher(name).matches()) {
                continue;
            }
            int number = Integer.parseInt(name.substring(0, name.length() - ".json".length()));
            if (number != expected) {
                throw new RegistryException(dir.resolve(name) + ": alias move " + number + " of model " + model
                        + " follows move " + (expected - 1) + "; the history has a gap");
            }
            expected++;
            S3Url url = dir.resolve(name);
            // a move is never rewritten: read once per process
            AliasMove move = moves(url.toString(), () -> {
                byte[] bytes = store.read(url).orElseThrow(() -> new RegistryException(url + ": vanished")).bytes();
                return HistoryLog.parse(new String(bytes, StandardCharsets.UTF_8).trim(), url.toString(), 1, model);
            });
            moves.add(move);
        }
        return new HistoryLog.Parsed(List.copyOf(moves), moves.size());
    }

    private AliasMove moves(final String key, final java.util.function.Supplier<AliasMove> read) {
        AliasMove cached = readMoves.get(key);
        if (cached != null) {
            return cached;
        }
        AliasMove move = read.get();
        readMoves.put(key, move);
        return move;
    }

    /**
     * Appends a move as the object numbered one past the last: created with {@code If-None-Match: *}, so that of two
     * writers that computed their move from the same history exactly one lands, and the other computes its move again
     * on the history that now holds the winner's.
     */
    @Override
    public AliasMove move(final String model, final Function<HistoryLog.Parsed, AliasMove> change) {
        S3Url dir = model(model).resolve(MOVES + "/");
        Map<Integer, Mark> leases = new java.util.HashMap<>();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                HistoryLog.Parsed parsed = history(model);
                AliasMove move = change.apply(parsed);
                Integer target = move.to();
                if (target != null) {
                    Mark lease = leases.get(target);
                    if (lease == null || lease.expiring()) {
                        if (lease != null) {
                            store.delete(lease.url());
                        }
                        lease = mark(model(model).resolve(LEASES + "/" + target + "/" + UUID.randomUUID()));
                        leases.put(target, lease);
                    }
                    awaitRetention(model, target, lease);
                    // after the lease and the fence check: a retention that deleted the version is over by now
                    if (store.head(record(model, target)).isEmpty()) {
                        throw new RegistryException("Version " + target + " of model " + model + " was deleted by"
                                + " retention while alias " + move.alias() + " was being moved to it; the alias stays"
                                + " where it is");
                    }
                    if (lease.expiring()) {
                        continue;
                    }
                }
                byte[] line = (HistoryLog.format(move) + "\n").getBytes(StandardCharsets.UTF_8);
                if (store.create(dir.resolve(moveName(parsed.moves().size() + 1)), line) != null) {
                    return move;
                }
                backOff(attempt);
            }
        } finally {
            for (Mark lease : leases.values()) {
                store.delete(lease.url());
            }
        }
        throw new RegistryException(dir + ": cannot record an alias move of model " + model + ": another writer"
                + " moved an alias first on every one of " + ATTEMPTS + " attempts");
    }

    /** Waits while a retention that is not stale has fenced version {@code number} off. */
    private void awaitRetention(final String model, final int number, final Mark lease) {
        long deadline = System.nanoTime() + FENCE_WAIT_NANOS;
        S3Url fences = model(model).resolve(RETIRING + "/" + number + "/");
        while (store.listed(fences).stream().anyMatch(fence -> !lease.outlives(fence.lastModified()))) {
            if (System.nanoTime() > deadline) {
                throw new RegistryException("Version " + number + " of model " + model + " has been fenced off by a"
                        + " retention run for over " + FENCE_WAIT_NANOS / 1_000_000_000L + " s (" + fences + ")");
            }
            pause(50);
        }
    }

    /** Leaves a lease or a fence, and learns its time by the store's clock. */
    private Mark mark(final S3Url url) {
        long taken = System.nanoTime();
        // not empty: an empty PUT body failed under load with the JDK's client ("error writing request body")
        store.put(url, ("{\"writtenAt\":\"" + java.time.Instant.now() + "\"}\n").getBytes(StandardCharsets.UTF_8));
        java.time.Instant at = store.head(url).map(ObjectStore.Head::lastModified).orElse(null);
        return new Mark(url, at == null ? java.time.Instant.now() : at, taken);
    }

    /**
     * A lease or a fence this writer left.
     *
     * @param at    its time by the store's clock
     * @param taken when this writer started to leave it ({@link System#nanoTime})
     */
    private record Mark(S3Url url, java.time.Instant at, long taken) {
        /** Whether half the protection has passed: the writer must not act on it any more. */
        boolean expiring() {
            return System.nanoTime() - taken > LEASE.toNanos() / 2;
        }

        /** Whether a mark of the other kind written at {@code other} is stale from this mark's point of view. */
        boolean outlives(final java.time.Instant other) {
            return other.isBefore(at.minus(LEASE));
        }
    }

    static String moveName(final int number) {
        return String.format(java.util.Locale.ROOT, "%010d.json", number);
    }

    @Override
    public List<Integer> retain(final String model, final java.time.Duration orphanAge,
            final Function<Retention, List<Integer>> choose) {
        List<Integer> deleted = retainVersions(model, choose);
        removeOrphans(model, orphanAge);
        return deleted;
    }

    private List<Integer> retainVersions(final String model, final Function<Retention, List<Integer>> choose) {
        List<Integer> numbers = versionNumbers(model);
        List<Integer> doomed = new ArrayList<>(choose.apply(new Retention(numbers, history(model))));
        if (doomed.isEmpty()) {
            return List.of();
        }
        // recorded first, so that a number freed here is never handed out again
        raiseHighest(model, numbers.get(numbers.size() - 1));
        Collections.sort(doomed);
        List<Integer> deleted = new ArrayList<>();
        for (int number : doomed) {
            if (retire(model, number)) {
                deleted.add(number);
            }
        }
        return List.copyOf(deleted);
    }

    /**
     * Removes the uploads of killed registrations: package folders that no record names and whose newest object the
     * store wrote more than {@code age} ago (by the store's clock). A live registration checks, right before it creates
     * its record, that its files are all still there and that it finished uploading less than half that age ago, so
     * it never publishes a version whose files were taken for leftovers.
     *
     * @return how many package folders were removed
     */
    int removeOrphans(final String model, final java.time.Duration age) {
        Mark now = mark(model(model).resolve(RETIRING + "/" + PACKAGES + "/" + UUID.randomUUID()));
        try {
            // uploads first, records second: a record created in between names an upload younger than the age
            S3Url packages = model(model).resolve(PACKAGES + "/");
            Map<String, java.time.Instant> newest = new java.util.HashMap<>();
            for (ObjectStore.Listed object : store.listed(packages)) {
                String rest = object.url().key().substring(packages.key().length());
                int slash = rest.indexOf('/');
                if (slash > 0) {
                    newest.merge(rest.substring(0, slash), object.lastModified(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            java.util.Set<String> named = new java.util.HashSet<>();
            for (int number : versionNumbers(model)) {
                entry(model, number).map(VersionJson.Entry::packageKey).ifPresent(named::add);
            }
            int removed = 0;
            for (Map.Entry<String, java.time.Instant> upload : newest.entrySet()) {
                String key = PACKAGES + "/" + upload.getKey();
                if (named.contains(key) || !upload.getValue().isBefore(now.at().minus(age)) || now.expiring()) {
                    continue;
                }
                for (S3Url file : store.list(model(model).resolve(key + "/"))) {
                    store.delete(file);
                }
                removed++;
            }
            return removed;
        } finally {
            store.delete(now.url());
        }
    }

    /**
     * Deletes one version behind a fence: kept (false) when an alias move to it is in flight or an alias points at it
     * by now.
     */
    private boolean retire(final String model, final int number) {
        Mark fence = mark(model(model).resolve(RETIRING + "/" + number + "/" + UUID.randomUUID()));
        try {
            for (ObjectStore.Listed lease : store.listed(model(model).resolve(LEASES + "/" + number + "/"))) {
                if (!fence.outlives(lease.lastModified())) {
                    return false;
                }
                // a lease its writer gave up long ago (a killed promotion)
                store.delete(lease.url());
            }
            // the history as it is after the fence: a move that landed since the choice was made keeps the version
            if (HistoryLog.current(history(model).stacks()).containsValue(number)) {
                return false;
            }
            Optional<VersionJson.Entry> entry = entry(model, number);
            if (fence.expiring()) {
                return false;
            }
            store.delete(record(model, number));
            String packageKey = entry.map(VersionJson.Entry::packageKey).orElse(null);
            if (packageKey != null && packageKey.matches(PACKAGES + "/[0-9a-f-]{36}")) {
                for (S3Url file : store.list(model(model).resolve(packageKey + "/"))) {
                    store.delete(file);
                }
            }
            return entry.isPresent();
        } finally {
            store.delete(fence.url());
        }
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
            StringBuilder lines = new StringBuilder();
            for (AliasMove move : history(name).moves()) {
                lines.append(HistoryLog.format(move)).append('\n');
            }
            if (lines.length() > 0) {
                write(dir.resolve(Registry.HISTORY), lines.toString().getBytes(StandardCharsets.UTF_8));
            }
            int highest = highest(name);
            if (highest > 0) {
                write(dir.resolve(Registry.HIGHEST), (highest + "\n").getBytes(StandardCharsets.UTF_8));
            }
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
                        Files.createDirectories(java.util.Objects.requireNonNull(target.getParent(), "parent"));
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

    /** The highest number retention ever recorded (0 when none): the largest of the {@code retired/N} markers. */
    private int highest(final String model) {
        int highest = 0;
        for (String name : store.children(model(model).resolve(RETIRED + "/"))) {
            if (Registry.VERSION_DIR.matcher(name).matches()) {
                highest = Math.max(highest, Integer.parseInt(name));
            }
        }
        return highest;
    }

    /**
     * Records that numbers up to {@code number} are taken for good: a {@code retired/N} marker, created only if absent
     * (several retentions add markers; readers take the largest), so the record only ever grows.
     */
    private void raiseHighest(final String model, final int number) {
        if (highest(model) < number) {
            store.create(model(model).resolve(RETIRED + "/" + number), new byte[0]);
        }
    }

    /** A short random pause after a lost race, growing with the attempts, so that racers spread out. */
    private static void backOff(final int attempt) {
        pause(ThreadLocalRandom.current().nextLong(1, 5L + Math.min(attempt, 20) * 5L));
    }

    private static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("Interrupted while retrying a registry write", e);
        }
    }

    private void deleteUpload(final S3Url files) {
        for (S3Url file : store.list(files)) {
            store.delete(file);
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
