package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.IncidentEvent;
import io.mlstages.objectstore.ObjectStore;
import io.mlstages.objectstore.S3Url;
import io.mlstages.profile.Profile;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The incidents of a registry, kept beside it. For a folder registry, {@code REGISTRY_ROOT/incidents/<model>/<id>.json},
 * one JSON file per incident, written atomically under the model's incident lock ({@code incidents/<model>/.lock}, the
 * registry's kind of lock). For an S3 registry, {@code PREFIX/incidents/<model>/<id>/<revision>.json}: every change of
 * an incident is a new revision object, created only if absent, so that of two racing checks one lands and the other
 * decides again on the incident as it now stands ({@link S3Incidents}). Either way concurrent checks of one model never
 * open two incidents, and no change is lost.
 */
public final class IncidentStore {
    static final String FOLDER = "incidents";
    static final String LOCK = ".lock";
    static final String PROFILE_SUFFIX = ".profile.json";
    /** An incident's id: its model, a dash and its number. */
    static final Pattern ID = Pattern.compile("(.+)-([0-9]{4,9})");

    private final Backend backend;

    private IncidentStore(final Backend backend) {
        this.backend = backend;
    }

    /** The store of the folder registry in {@code registryRoot} (created on the first write). */
    public static IncidentStore open(final Path registryRoot) {
        Objects.requireNonNull(registryRoot, "registryRoot");
        return new IncidentStore(new FolderIncidents(registryRoot.toAbsolutePath().normalize().resolve(FOLDER)));
    }

    /** The store of {@code registry}: beside its folder, or under its S3 prefix. */
    public static IncidentStore of(final Registry registry) {
        Objects.requireNonNull(registry, "registry");
        if (Registry.isObjectStore(registry.location())) {
            S3Url base = S3Url.parse(registry.location() + "/" + FOLDER + "/");
            return new IncidentStore(new S3Incidents(ObjectStore.get(), base));
        }
        return open(registry.root());
    }

    /**
     * The store's folder.
     *
     * @throws IncidentException for an S3 registry's store, which has none (see {@link #location()})
     */
    public Path root() {
        if (backend instanceof FolderIncidents folder) {
            return folder.root();
        }
        throw new IncidentException("The incidents of " + backend.location() + " are in an object store, not a"
                + " folder");
    }

    /** Where the incidents are: a folder, or an {@code s3://} prefix. */
    public String location() {
        return backend.location();
    }

    /** The one open (not resolved) incident of {@code model}, if any. */
    public Optional<Incident> open(final String model) {
        return list(model).stream().filter(Incident::isOpen).reduce((a, b) -> b);
    }

    /** The incidents of {@code model} (null: of every model), oldest first. */
    public List<Incident> list(@CheckForNull final String model) {
        List<Incident> all = new java.util.ArrayList<>();
        for (String name : model == null ? backend.models() : List.of(Registry.checkModelName(model))) {
            all.addAll(backend.list(name));
        }
        return all;
    }

    /**
     * The incident {@code id}.
     *
     * @throws IncidentException when there is no such incident
     */
    public Incident get(final String id) {
        return backend.read(modelOf(id), id).orElseThrow(() -> new IncidentException("No incident " + id + " in "
                + backend.registry() + " (mlstages incident list shows them)"));
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
            if (open == null || !open.id().equals(id)) {
                // only the newest incident of a model can be open, and a resolved one never opens again
                throw new IncidentException("Incident " + id + " is already resolved");
            }
            Incident resolved = open.withStep(new Step(Stage.RESOLVED, Monitor.now(), actor.buildUrl(),
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
        return Monitor.rearm(this, id, actor, note);
    }

    /**
     * Runs {@code work} on the model's open incident (or null) so that no other change of the model's incidents lands
     * in between: under the model's incident lock (a folder), or by creating the change only if no other landed first
     * and otherwise running {@code work} again on the newer state (S3). {@code work} may therefore run more than once:
     * it must only read, and write through {@link #save} and {@link #saveProfile} (at most one incident).
     */
    <T> T update(final String model, final Function<Incident, T> work) {
        return backend.update(Registry.checkModelName(model), work);
    }

    /** The next id of {@code model}; call within {@link #update}. */
    String nextId(final String model) {
        return backend.nextId(model);
    }

    /** Writes an incident; call within {@link #update}. */
    void save(final Incident incident) {
        backend.save(incident);
    }

    /**
     * Keeps the profile of an incident's drifted data beside it; call within {@link #update}.
     *
     * @return its name, for {@link Incident#currentProfile()}
     */
    String saveProfile(final Incident incident, final Profile profile) {
        return backend.saveProfile(incident, profile);
    }

    /**
     * The profile of the data that drifted in the incident (its latest finding), if the check that found it kept one.
     * The file is found by the incident's id (and, on S3, a name of a fixed form), never by a path read from its JSON.
     */
    public Optional<Profile> currentProfile(final Incident incident) {
        if (incident.currentProfile() == null) {
            return Optional.empty();
        }
        return backend.profile(incident);
    }

    /** The model of an incident id. */
    static String modelOf(final String id) {
        Objects.requireNonNull(id, "id");
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new IncidentException("Invalid incident id '" + id + "': expected <model>-<number>, such as"
                    + " cancer-0003");
        }
        return Registry.checkModelName(m.group(1));
    }

    /** The number of an incident id (0 when it is not one). */
    static int number(final String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }

    /** Where and how the incidents are kept. */
    interface Backend {
        /** The incidents' location, for messages. */
        String location();

        /** The registry they belong to, for messages. */
        String registry();

        /** The models with an incident folder or prefix, sorted. */
        List<String> models();

        /** A model's incidents, oldest first. */
        List<Incident> list(String model);

        /** An incident as it now stands, or empty when there is none of that id. */
        Optional<Incident> read(String model, String id);

        /** See {@link IncidentStore#update}. */
        <T> T update(String model, Function<Incident, T> work);

        /** See {@link IncidentStore#nextId}. */
        String nextId(String model);

        /** See {@link IncidentStore#save}. */
        void save(Incident incident);

        /** See {@link IncidentStore#saveProfile}. */
        String saveProfile(Incident incident, Profile profile);

        /** See {@link IncidentStore#currentProfile}; the incident names a profile. */
        Optional<Profile> profile(Incident incident);
    }
}
