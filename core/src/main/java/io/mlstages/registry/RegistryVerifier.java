package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;
import io.mlstages.data.DataReader;
import io.mlstages.train.ModelMetadata;
import io.mlstages.train.ModelPackage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a registry folder against every invariant of {@code docs/registry.md} and reports each broken one: every
 * version's {@code version.json} and files (SHA-256, none missing, none added, the package loads and is what the
 * record says), dense numbering, the history (every line parses, each move starts where the alias's previous move
 * ended, rollbacks return to the previous holder, times in order, forced flags, no unregistered version), and the
 * aliases (each points at an existing version that verifies). It only reads: unlike {@link Registry#open}, it
 * creates nothing and takes no lock, so it may run beside writers (a version published while it runs may or may
 * not be seen).
 */
public final class RegistryVerifier {
    private final Path root;
    private final String prefix;
    private final List<Verification.Finding> findings = new ArrayList<>();
    private final List<Verification.Finding> notes = new ArrayList<>();
    private int models;
    private int versions;
    private int moves;

    private RegistryVerifier(final Path root) {
        this.root = root;
        this.prefix = root.toString() + root.getFileSystem().getSeparator();
    }

    /**
     * Verifies the whole registry ({@code model} null), one model, or one version of one model.
     *
     * @throws RegistryException (bad input) when {@code root} is not a registry folder, the model or version is not
     *                           there, or a version is given without a model
     */
    public static Verification verify(final Path root, @CheckForNull final String model,
            @CheckForNull final Integer version) {
        Objects.requireNonNull(root, "root");
        Path folder = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new RegistryException(root + ": no such registry folder");
        }
        if (!Files.exists(folder.resolve(Registry.MARKER)) && !Files.isDirectory(folder.resolve(Registry.MODELS))) {
            throw new RegistryException(root + ": not a registry (no " + Registry.MARKER + " and no "
                    + Registry.MODELS + " folder)");
        }
        if (version != null && model == null) {
            throw new RegistryException("A version (" + version + ") needs its model");
        }
        RegistryVerifier verifier = new RegistryVerifier(folder);
        verifier.checkMarker();
        if (model == null) {
            for (String name : verifier.modelNames()) {
                verifier.checkModel(name);
            }
        } else {
            Names.model(model);
            if (!Files.isDirectory(verifier.versionsDir(model))) {
                throw new RegistryException("No model named " + model + " in the registry " + root);
            }
            if (version == null) {
                verifier.checkModel(model);
            } else {
                Names.version(model, version);
                if (!Files.isDirectory(verifier.versionsDir(model).resolve(Integer.toString(version)))) {
                    throw new RegistryException("Model " + model + " has no version " + version);
                }
                verifier.models = 1;
                verifier.checkVersion(model, version);
            }
        }
        return new Verification(folder.toString(), verifier.models, verifier.versions, verifier.moves,
                verifier.findings, verifier.notes);
    }

    /**
     * Verifies a registry at a location: a folder as {@link #verify(Path, String, Integer)} does, or an S3 registry
     * through a local mirror of its records, histories and package files laid out as a folder registry (the findings'
     * paths are then those of the folder layout, relative to the registry).
     */
    public static Verification verify(final String location, @CheckForNull final String model,
            @CheckForNull final Integer version) {
        if (!Registry.isObjectStore(location)) {
            return verify(Path.of(location), model, version);
        }
        S3Store store = S3Store.open(io.mlstages.objectstore.ObjectStore.get(),
                io.mlstages.objectstore.S3Url.parse(location));
        Path mirror = null;
        try {
            mirror = Files.createTempDirectory("mlstages-verify-");
            store.mirror(mirror, model);
            Verification result = verify(mirror, model, version);
            return new Verification(store.location(), result.models(), result.versions(), result.moves(),
                    result.findings(), result.notes());
        } catch (IOException e) {
            throw new RegistryException(location + ": cannot verify: " + e.getMessage(), e);
        } finally {
            if (mirror != null) {
                try {
                    Disk.deleteTree(mirror);
                } catch (IOException e) {
                    // a temporary folder
                }
            }
        }
    }

    private void checkMarker() {
        Path marker = root.resolve(Registry.MARKER);
        if (!Files.isRegularFile(marker)) {
            finding(null, null, marker, "missing; every registry has it");
            return;
        }
        try {
            var node = HistoryLog.MAPPER.readTree(marker.toFile());
            int format = node == null ? -1 : node.path("formatVersion").asInt(-1);
            if (node == null || !"mlstages-registry".equals(node.path("kind").asText())
                    || format < 1 || format > Registry.FORMAT_VERSION) {
                finding(null, null, marker, "not a registry marker of a format this build reads (kind "
                        + "mlstages-registry, formatVersion 1 to " + Registry.FORMAT_VERSION + ")");
            }
        } catch (IOException e) {
            finding(null, null, marker, "not readable JSON: " + e.getMessage());
        }
    }

    /** Every folder under models/: invalid names are findings; a folder without versions is a model never registered. */
    private List<String> modelNames() {
        Path dir = root.resolve(Registry.MODELS);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            finding(null, null, dir, "missing; every registry has it");
            return names;
        }
        for (Path entry : list(dir, null, null)) {
            String name = entry.getFileName().toString();
            if (!Names.NAME.matcher(name).matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                finding(null, null, entry, "not a model folder: the registry keeps only folders named like models "
                        + "here");
            } else if (Files.isDirectory(entry.resolve(Registry.VERSIONS))) {
                names.add(name);
            } else if (Files.exists(entry.resolve(Registry.HISTORY))) {
                finding(name, null, entry.resolve(Registry.VERSIONS), "missing, yet the model has a history");
            }
        }
        names.sort(null);
        return names;
    }

    private void checkModel(final String model) {
        models++;
        // the history first, then the folders: a move is written only after its version was published, and
        // retention never deletes an aliased version, so a writer working meanwhile cannot cause a false finding
        Path historyFile = modelDir(model).resolve(Registry.HISTORY);
        byte[] history;
        try {
            history = Files.readAllBytes(historyFile);
        } catch (NoSuchFileException e) {
            history = new byte[0];
        } catch (IOException e) {
            finding(model, null, historyFile, "not readable: " + e.getMessage());
            history = new byte[0];
        }
        Path versionsDir = versionsDir(model);
        TreeSet<Integer> numbers = new TreeSet<>();
        for (Path entry : list(versionsDir, model, null)) {
            String name = entry.getFileName().toString();
            if (Registry.VERSION_DIR.matcher(name).matches()) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    numbers.add(Integer.parseInt(name));
                } else if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                    // retention renamed it away between the listing and this look: gone whole, as retention does
                    note(model, Integer.parseInt(name), entry, "deleted while being verified");
                } else {
                    finding(model, Integer.parseInt(name), entry, "not a folder; a version is a folder");
                }
            } else if (name.startsWith(Registry.INCOMING)) {
                note(model, null, entry, "left by a registration that was interrupted or is running; the next "
                        + "registration of the model removes it once its owner is gone");
            } else if (name.startsWith(Registry.TRASH)) {
                note(model, null, entry, "left by an interrupted retention; the next writer removes it");
            } else {
                finding(model, null, entry, "not part of the registry's layout (versions are folders named 1, 2, "
                        + "3, ...)");
            }
        }
        int highestDeleted = highestDeleted(model);
        int last = numbers.isEmpty() ? 0 : numbers.last();
        int handedOut = Math.max(last, highestDeleted);
        for (int n = 1; n < last; n++) {
            if (numbers.contains(n)) {
                continue;
            }
            Path missing = versionsDir.resolve(Integer.toString(n));
            if (highestDeleted == 0) {
                finding(model, n, missing, "missing: versions are numbered without gaps, and no retention ran ("
                        + "no " + Registry.HIGHEST + ")");
            } else if (n > highestDeleted) {
                finding(model, n, missing, "missing: above " + highestDeleted + ", the highest number retention "
                        + "recorded, versions are numbered without gaps");
            }
        }
        Map<Integer, ModelVersion> good = new HashMap<>();
        Map<Integer, ModelVersion> recorded = new HashMap<>();
        for (int n : numbers) {
            if (!Files.isDirectory(versionsDir.resolve(Integer.toString(n)))) {
                // retention renamed it away after the listing: gone whole, as retention does
                note(model, n, versionsDir.resolve(Integer.toString(n)), "deleted while being verified");
                continue;
            }
            int before = findings.size();
            int noted = notes.size();
            ModelVersion version;
            try {
                version = checkVersion(model, n);
            } catch (RuntimeException e) {
                // a file that vanished or could not be read mid-check (retention, say; told apart below)
                version = null;
                finding(model, n, versionsDir.resolve(Integer.toString(n)), "cannot be read: "
                        + withoutPath(String.valueOf(e.getMessage()), null));
            }
            if (!Files.isDirectory(versionsDir.resolve(Integer.toString(n)))) {
                // retention renamed it away while it was read (a rename is atomic: while the folder is there, its
                // files are the ones it was published with), so what was found is the deletion, not damage
                findings.subList(before, findings.size()).clear();
                notes.subList(noted, notes.size()).clear();
                note(model, n, versionsDir.resolve(Integer.toString(n)), "deleted while being verified");
                continue;
            }
            if (version != null) {
                recorded.put(n, version);
                if (findings.size() == before) {
                    good.put(n, version);
                }
            }
        }
        checkHistory(model, historyFile, history, numbers, handedOut, recorded, good);
    }

    private int highestDeleted(final String model) {
        Path file = modelDir(model).resolve(Registry.HIGHEST);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            finding(model, null, file, "not readable: " + e.getMessage());
            return 0;
        }
        if (!Registry.VERSION_DIR.matcher(text).matches()) {
            finding(model, null, file, "not a version number: '" + Names.printable(text) + "'");
            return 0;
        }
        return Integer.parseInt(text);
    }

    /** Checks one version folder; returns its record when {@code version.json} could be read. */
    @CheckForNull
    private ModelVersion checkVersion(final String model, final int number) {
        versions++;
        Path dir = versionsDir(model).resolve(Integer.toString(number));
        Path json = dir.resolve(VersionJson.FILE_NAME);
        ModelVersion version;
        try {
            version = VersionJson.read(json, model, number).version();
        } catch (RegistryException e) {
            finding(model, number, json, withoutPath(e.getMessage(), json));
            return null;
        }
        Path pkg = dir.resolve(Registry.PACKAGE);
        if (!Files.isDirectory(pkg, LinkOption.NOFOLLOW_LINKS)) {
            finding(model, number, pkg, "missing: the version has no package folder");
            return version;
        }
        int before = findings.size();
        Path base = pkg.normalize();
        for (Map.Entry<String, String> file : version.files().entrySet()) {
            Path path = base.resolve(file.getKey()).normalize();
            if (!path.startsWith(base) || path.equals(base)) {
                finding(model, number, json, "records a file outside the package: '"
                        + Names.printable(file.getKey()) + "'");
                continue;
            }
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                finding(model, number, path, Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                        ? "not a regular file (registered as one with SHA-256 " + file.getValue() + ")"
                        : "missing (registered with SHA-256 " + file.getValue() + ")");
                continue;
            }
            String actual = DataReader.sha256(path);
            if (!actual.equals(file.getValue())) {
                finding(model, number, path, "corrupted or changed: its SHA-256 is " + actual
                        + " but it was registered as " + file.getValue());
            }
        }
        try {
            for (Path file : Disk.files(base)) {
                if (!version.files().containsKey(Disk.relative(base, file))) {
                    finding(model, number, file, "added after registration; a registered version never changes");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            finding(model, number, pkg, "cannot be listed: " + withoutPath(String.valueOf(e.getMessage()), null));
        }
        if (!version.files().containsKey(ModelPackage.METADATA)) {
            finding(model, number, json, "does not record " + ModelPackage.METADATA + "; every package has one");
        }
        if (version.blessed() && !version.files().containsKey("blessing.json")) {
            finding(model, number, json, "records the version as blessed, but its package has no blessing.json");
        }
        if (findings.size() == before) {
            // the files are the registered ones; the package must then load and be what the record says
            try {
                ModelMetadata metadata = ModelPackage.load(pkg).metadata();
                if (!metadata.algorithm().label().equals(version.algorithm())
                        || !metadata.task().label().equals(version.task())) {
                    finding(model, number, json, "records " + version.algorithm() + " " + version.task()
                            + " but the package is " + metadata.algorithm().label() + " "
                            + metadata.task().label());
                }
            } catch (MlStagesException e) {
                finding(model, number, pkg, "does not load: " + withoutPath(e.getMessage(), null));
            }
        }
        return version;
    }

    private void checkHistory(final String model, final Path file, final byte[] bytes, final Set<Integer> numbers,
            final int handedOut, final Map<Integer, ModelVersion> recorded, final Map<Integer, ModelVersion> good) {
        Map<String, Deque<Integer>> stacks = new HashMap<>();
        Instant lastAt = Instant.MIN;
        int start = 0;
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            line++;
            String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (text.isEmpty()) {
                continue;
            }
            AliasMove move;
            try {
                move = HistoryLog.parse(text, file.toString(), line, model);
            } catch (RegistryException e) {
                finding(model, null, file, withoutPath(e.getMessage(), file));
                // the chain cannot be followed past a line that cannot be read
                return;
            }
            moves++;
            String where = "line " + line + " (" + move.action() + " of alias " + Names.printable(move.alias())
                    + "): ";
            checkMove(model, file, where, move, stacks, lastAt, handedOut, recorded);
            if (move.at().isAfter(lastAt)) {
                lastAt = move.at();
            }
            HistoryLog.apply(stacks, move);
        }
        if (start < bytes.length) {
            note(model, null, file, "its last line (" + (bytes.length - start) + " bytes) has no newline: a move "
                    + "whose writer was killed while appending; readers ignore it and the next move cuts it off");
        }
        Map<String, Integer> suspect = new TreeMap<>();
        // a removed alias has an empty stack
        stacks.values().removeIf(Deque::isEmpty);
        for (Map.Entry<String, Integer> alias : HistoryLog.current(stacks).entrySet()) {
            if (!good.containsKey(alias.getValue())) {
                suspect.put(alias.getKey(), alias.getValue());
            }
        }
        if (suspect.isEmpty()) {
            return;
        }
        // the history was read before the folders: an alias may have moved on meanwhile, and its old version been
        // deleted by retention; only an alias that still points at the version is a finding
        Map<String, Integer> now;
        try {
            now = HistoryLog.current(HistoryLog.read(file, model).stacks());
        } catch (RegistryException e) {
            now = suspect;
        }
        for (Map.Entry<String, Integer> alias : suspect.entrySet()) {
            int holder = alias.getValue();
            if (!Objects.equals(now.get(alias.getKey()), holder)) {
                continue;
            }
            Path dir = versionsDir(model).resolve(Integer.toString(holder));
            if (!numbers.contains(holder)) {
                finding(model, holder, dir, "missing, yet alias " + alias.getKey() + " points at it");
            } else {
                finding(model, holder, dir, "alias " + alias.getKey() + " points at this version, which does not "
                        + "verify (see above)");
            }
        }
    }

    private void checkMove(final String model, final Path file, final String where, final AliasMove move,
            final Map<String, Deque<Integer>> stacks, final Instant lastAt, final int handedOut,
            final Map<Integer, ModelVersion> recorded) {
        if (!model.equals(move.model())) {
            finding(model, null, file, where + "records model '" + Names.printable(move.model()) + "'");
        }
        if (!Names.NAME.matcher(move.alias()).matches()) {
            finding(model, null, file, where + "the alias name is not valid");
        }
        boolean known = AliasMove.PROMOTE.equals(move.action()) || AliasMove.ROLLBACK.equals(move.action())
                || AliasMove.REMOVE.equals(move.action());
        if (!known) {
            finding(model, null, file, where + "unknown action; moves are promote, rollback or remove");
        }
        if (AliasMove.REMOVE.equals(move.action()) != (move.to() == null)) {
            finding(model, null, file, where + (move.to() == null ? "moves the alias to no version without being "
                    + "a removal" : "a removal must leave the alias at no version, not " + move.to()));
        }
        if (move.at().isBefore(lastAt)) {
            finding(model, null, file, where + "at " + move.at() + ", before the move above it (" + lastAt
                    + "); the history is in order of time");
        }
        Deque<Integer> stack = stacks.get(move.alias());
        Integer holder = stack == null ? null : stack.peek();
        if (!Objects.equals(holder, move.from())) {
            finding(model, null, file, where + "broken chain: the move starts from "
                    + (move.from() == null ? "no version" : "version " + move.from()) + ", but the alias pointed at "
                    + (holder == null ? "no version" : "version " + holder) + " after the moves before it");
        }
        if (AliasMove.ROLLBACK.equals(move.action()) && move.to() != null) {
            Integer previous = null;
            if (stack != null && stack.size() >= 2) {
                Iterator<Integer> it = stack.iterator();
                it.next();
                previous = it.next();
            }
            if (!Objects.equals(move.to(), previous)) {
                finding(model, null, file, where + "rolls back to version " + move.to() + ", but the previous "
                        + "holder was " + (previous == null ? "none" : "version " + previous));
            }
        }
        for (Integer named : new Integer[] {move.from(), move.to()}) {
            if (named != null && named > handedOut) {
                finding(model, named, file, where + "names version " + named + ", which was never registered "
                        + "(the highest number handed out is " + handedOut + ")");
            }
        }
        ModelVersion target = move.to() == null ? null : recorded.get(move.to());
        if (AliasMove.PROMOTE.equals(move.action()) && target != null && move.forced() == target.blessed()) {
            finding(model, move.to(), file, where + (move.forced()
                    ? "recorded as forced, but the version is blessed (a forced move overrides a missing blessing)"
                    : "promotes an unblessed version without being recorded as forced"));
        }
    }

    // --- helpers ---

    private Path modelDir(final String model) {
        return root.resolve(Registry.MODELS).resolve(model);
    }

    private Path versionsDir(final String model) {
        return modelDir(model).resolve(Registry.VERSIONS);
    }

    private List<Path> list(final Path dir, @CheckForNull final String model, @CheckForNull final Integer version) {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(entries::add);
        } catch (IOException e) {
            finding(model, version, dir, "cannot be listed: " + e.getMessage());
        }
        entries.sort(null);
        return entries;
    }

    private void finding(@CheckForNull final String model, @CheckForNull final Integer version,
            @CheckForNull final Path file, final String problem) {
        findings.add(new Verification.Finding(model, version, relative(file), problem));
    }

    private void note(@CheckForNull final String model, @CheckForNull final Integer version,
            @CheckForNull final Path file, final String problem) {
        notes.add(new Verification.Finding(model, version, relative(file), problem));
    }

    @CheckForNull
    private String relative(@CheckForNull final Path file) {
        return file == null ? null : Disk.relative(root, file.toAbsolutePath().normalize());
    }

    /** An error message without its leading {@code FILE: } and with the registry's folder left out. */
    private String withoutPath(final String message, @CheckForNull final Path file) {
        String text = message;
        if (file != null && text.startsWith(file + ": ")) {
            text = text.substring(file.toString().length() + 2);
        }
        return text.replace(prefix, "");
    }
}
