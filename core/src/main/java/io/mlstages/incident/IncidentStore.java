package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.io.AtomicFiles;
import io.mlstages.model.IncidentEvent;
import io.mlstages.registry.Registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mlstages.registry.Actor;

/**
 * The incidents of a registry, kept beside it: {@code REGISTRY_ROOT/incidents/<model>/<id>.json}, one JSON file per
 * incident, written atomically under the model's incident lock ({@code incidents/<model>/.lock}, the registry's kind
 * of lock), so that concurrent checks of one model never open two incidents.
 */
public final class IncidentStore {
    static final String FOLDER = "incidents";
    static final String LOCK = ".lock";
    static final String PROFILE_SUFFIX = ".profile.json";
    private static final Pattern FILE = Pattern.compile("(.+)-([0-9]{4,9})\\.json");

    private final Path root;

    private IncidentStore(final Path root) {
        this.root = root;
    }

    /** The store of the registry in {@code registryRoot} (created on the first write). */
    public static IncidentStore open(final Path registryRoot) {
        Objects.requireNonNull(registryRoot, "registryRoot");
        return new IncidentStore(registryRoot.toAbsolutePath().normalize().resolve(FOLDER));
    }

    /** The store's folder. */
    public Path root() {
        return root;
    }

    /** The one open (not resolved) incident of {@code model}, if any. */
    public Optional<Incident> open(final String model) {
        return list(model).stream().filter(Incident::isOpen).reduce((a, b) -> b);
    }

    /** The incidents of {@code model} (null: of every model), oldest first. */
    public List<Incident> list(@CheckForNull final String model) {
        List<Incident> all = new ArrayList<>();
        for (String name : model == null ? models() : List.of(Registry.checkModelName(model))) {
            Path dir = root.resolve(name);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> FILE.matcher(f.getFileName().toString()).matches())
                        .sorted(Comparator.comparing(f -> number(f.getFileName().toString())))
                        .forEach(f -> all.add(read(f)));
            }
            catch (IOException e) {
                throw new IncidentException(dir + ": cannot list incidents: " + e.getMessage(), e);
            }
        }
        return all;
    }

    /**
     * The incident {@code id}.
     *
     * @throws IncidentException when there is no such incident
     */
    public Incident get(final String id) {
        Path file = file(id);
        if (!Files.exists(file)) {
            throw new IncidentException("No incident " + id + " in " + root.getParent()
                    + " (mlstages incident list shows them)");
        }
        return read(file);
    }

    /**
     * Resolves an incident by hand.
     *
     * @throws IncidentException when there is no such incident or it is already resolved
     */
    public Incident resolve(final String id, final Actor actor, @CheckForNull final String note) {
        Objects.requireNonNull(actor, "actor");
        Incident incident = get(id);
        return update(incident.model(), open -> {
            Incident current = get(id);
            if (!current.isOpen()) {
                throw new IncidentException("Incident " + id + " is already resolved");
            }
            Incident resolved = current.withStep(new Step(Stage.RESOLVED, Monitor.now(), actor.buildUrl(),
                    actor.user(), note == null || note.isBlank() ? "resolved by hand" : note,
                    IncidentEvent.RESOLVED_BY_HAND));
            save(resolved);
            return resolved;
        });
    }

    /**
     * Re-arms an incident whose retrain budget is spent: see {@link Monitor#rearm}.
     */
    public Incident rearm(final String id, final Actor actor, @CheckForNull final String note) {
        return Monitor.rearm(Objects.requireNonNull(root.getParent(), "the registry of " + root), id, actor, note);
    }

    /** Runs {@code work} under the model's incident lock, given the open incident (or null). */
    <T> T update(final String model, final Function<Incident, T> work) {
        Path dir = root.resolve(Registry.checkModelName(model));
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new IncidentException(dir + ": cannot create the incident folder of model " + model + ": "
                    + e.getMessage(), e);
        }
        return Registry.locked(dir.resolve(LOCK), "incidents of " + model,
                () -> work.apply(open(model).orElse(null)));
    }

    /** The next id of {@code model}; call under its lock. */
    String nextId(final String model) {
        int highest = 0;
        Path dir = root.resolve(model);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                highest = files.map(f -> f.getFileName().toString()).filter(n -> FILE.matcher(n).matches())
                        .mapToInt(IncidentStore::number).max().orElse(0);
            }
            catch (IOException e) {
                throw new IncidentException(dir + ": cannot list incidents: " + e.getMessage(), e);
            }
        }
        return String.format("%s-%04d", model, highest + 1);
    }

    /** Writes an incident; call under its model's lock. */
    void save(final Incident incident) {
        AtomicFiles.write(root.resolve(incident.model()).resolve(incident.id() + ".json"),
                IncidentJson.toJson(incident));
    }

    /**
     * Keeps the profile of an incident's drifted data beside it ({@code <id>.profile.json}); call under its model's
     * lock.
     *
     * @return the file's name
     */
    String saveProfile(final Incident incident, final io.mlstages.profile.Profile profile) {
        String name = incident.id() + PROFILE_SUFFIX;
        Path file = root.resolve(incident.model()).resolve(name);
        io.mlstages.profile.ProfileJson.write(profile, file);
        return name;
    }

    /**
     * The profile of the data that drifted in the incident (its latest finding), if the check that found it kept one.
     * The file is found by the incident's id, never by a name read from its JSON.
     */
    public Optional<io.mlstages.profile.Profile> currentProfile(final Incident incident) {
        if (incident.currentProfile() == null) {
            return Optional.empty();
        }
        Path file = file(incident.id()).resolveSibling(incident.id() + PROFILE_SUFFIX);
        return Files.isRegularFile(file) ? Optional.of(io.mlstages.profile.ProfileJson.read(file)) : Optional.empty();
    }

    private Path file(final String id) {
        Objects.requireNonNull(id, "id");
        Matcher m = FILE.matcher(id + ".json");
        if (!m.matches()) {
            throw new IncidentException("Invalid incident id '" + id + "': expected <model>-<number>, such as"
                    + " cancer-0003");
        }
        return root.resolve(Registry.checkModelName(m.group(1))).resolve(id + ".json");
    }

    private List<String> models() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        catch (IOException e) {
            throw new IncidentException(root + ": cannot list incident folders: " + e.getMessage(), e);
        }
    }

    private static Incident read(final Path file) {
        try {
            return IncidentJson.fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        }
        catch (NoSuchFileException e) {
            throw new IncidentException(file + ": no such incident file", e);
        }
        catch (IOException e) {
            throw new IncidentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int number(final String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }
}
