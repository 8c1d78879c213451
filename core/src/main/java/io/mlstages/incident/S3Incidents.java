package io.mlstages.incident;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.objectstore.ObjectStore;
import io.mlstages.objectstore.S3Url;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.registry.Registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Incidents under an S3 registry's prefix, safe for racing checks with create-only writes alone, as the registry's
 * versions and alias moves are:
 *
 * <pre>
 * PREFIX/incidents/MODEL/ID/0000000001.json        the incident as opened (revision 1)
 * PREFIX/incidents/MODEL/ID/0000000002.json        the incident after its next change, and so on: each created once
 * PREFIX/incidents/MODEL/ID/profile-UUID.json      the profile of the data that drifted, named by a revision
 * </pre>
 *
 * <p>An incident is its highest revision. A change (a finding, a step) is computed from the model's newest incident
 * at revision k and created as revision k+1 ({@code If-None-Match: *}); opening an incident creates revision 1 of the
 * next id. Of two writers that computed from the same state exactly one lands; the other computes again on the state
 * that now holds the winner's change, so it joins the incident the winner opened rather than opening a second one.
 * Only the newest incident of a model can be open, since an incident is opened only when the newest is resolved and a
 * resolved incident is never changed again. Every revision stays: the objects are the incident's history.</p>
 */
final class S3Incidents implements IncidentStore.Backend {
    private static final int ATTEMPTS = 200;
    private static final Pattern REVISION = Pattern.compile("[0-9]{10}\\.json");
    private static final Pattern PROFILE = Pattern.compile("profile-[0-9a-f-]{36}\\.json");
    private static final String KIND = "mlstages-incident-revision";

    private final ObjectStore store;
    private final S3Url base;
    /** Revisions this process read: each is immutable. */
    private final Map<String, Incident> revisions = new ConcurrentHashMap<>();
    /** The change being computed by this thread's {@link #update}. */
    private final ThreadLocal<Change> change = new ThreadLocal<>();

    S3Incidents(final ObjectStore store, final S3Url base) {
        this.store = store;
        this.base = base;
    }

    @Override
    public String location() {
        return base.toString();
    }

    @Override
    public String registry() {
        String text = base.toString();
        return text.substring(0, text.length() - (IncidentStore.FOLDER + "/").length() - 1);
    }

    @Override
    public List<String> models() {
        List<String> names = new ArrayList<>();
        for (String name : store.children(base)) {
            if (isModelName(name)) {
                names.add(name);
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public List<Incident> list(final String model) {
        List<Incident> all = new ArrayList<>();
        for (String id : ids(model)) {
            latest(model, id).ifPresent(latest -> all.add(latest.incident()));
        }
        return all;
    }

    @Override
    public Optional<Incident> read(final String model, final String id) {
        return latest(model, id).map(Latest::incident);
    }

    @Override
    public <T> T update(final String model, final Function<Incident, T> work) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // only the newest incident can be open; an id listed without a revision is a killed writer's leftover
            List<String> ids = ids(model);
            Latest newest = null;
            for (int i = ids.size() - 1; i >= 0 && newest == null; i--) {
                newest = latest(model, ids.get(i)).orElse(null);
            }
            int highest = newest == null ? 0 : IncidentStore.number(newest.incident().id());
            Change pending = new Change(String.format(Locale.ROOT, "%s-%04d", model, highest + 1));
            change.set(pending);
            T result;
            try {
                result = work.apply(newest != null && newest.incident().isOpen() ? newest.incident() : null);
            }
            catch (RuntimeException e) {
                discard(pending);
                throw e;
            }
            finally {
                change.remove();
            }
            Incident saved = pending.saved;
            if (saved == null) {
                return result;
            }
            int revision;
            if (newest != null && saved.id().equals(newest.incident().id())) {
                revision = newest.revision() + 1;
            }
            else if (saved.id().equals(pending.nextId)) {
                revision = 1;
            }
            else {
                throw new IllegalStateException("Incident " + saved.id() + " is neither the newest of model " + model
                        + " nor the next");
            }
            S3Url url = revision(model, saved.id(), revision);
            if (store.create(url, format(saved, revision)) != null) {
                revisions.put(url.toString(), saved);
                return result;
            }
            // another check changed the model's incidents first: decide again on what it wrote
            discard(pending);
            backOff(attempt);
        }
        throw new IncidentException(base.resolve(model + "/") + ": cannot record a change of the incidents of model "
                + model + ": another writer changed them first on every one of " + ATTEMPTS + " attempts");
    }

    @Override
    public String nextId(final String model) {
        return current().nextId;
    }

    @Override
    public void save(final Incident incident) {
        Change pending = current();
        if (pending.saved != null && !pending.saved.id().equals(incident.id())) {
            throw new IllegalStateException("One change writes one incident, not " + pending.saved.id() + " and "
                    + incident.id());
        }
        pending.saved = incident;
    }

    @Override
    public String saveProfile(final Incident incident, final Profile profile) {
        Change pending = current();
        // a name no other writer uses: a loser's profile never replaces the winner's
        String name = "profile-" + UUID.randomUUID() + ".json";
        S3Url url = base.resolve(incident.model() + "/" + incident.id() + "/" + name);
        store.put(url, ProfileJson.toJson(profile).getBytes(StandardCharsets.UTF_8));
        pending.profiles.add(url);
        return name;
    }

    @Override
    public Optional<Profile> profile(final Incident incident) {
        String name = incident.currentProfile();
        if (name == null || !PROFILE.matcher(name).matches()) {
            return Optional.empty();
        }
        S3Url url = base.resolve(IncidentStore.modelOf(incident.id()) + "/" + incident.id() + "/" + name);
        return store.read(url).map(stored -> ProfileJson.fromJson(new String(stored.bytes(), StandardCharsets.UTF_8),
                url.toString()));
    }

    private Change current() {
        Change pending = change.get();
        if (pending == null) {
            throw new IllegalStateException("An incident is written only within IncidentStore.update");
        }
        return pending;
    }

    /** The ids of a model's incidents, by number. */
    private List<String> ids(final String model) {
        List<String> ids = new ArrayList<>();
        for (String name : store.children(base.resolve(model + "/"))) {
            if (name.startsWith(model + "-") && IncidentStore.ID.matcher(name).matches()
                    && model.equals(IncidentStore.ID.matcher(name).replaceFirst("$1"))) {
                ids.add(name);
            }
        }
        ids.sort(Comparator.comparingInt(IncidentStore::number));
        return ids;
    }

    /** The highest revision of an incident, or empty when it has none. */
    private Optional<Latest> latest(final String model, final String id) {
        int highest = 0;
        for (String name : store.children(base.resolve(model + "/" + id + "/"))) {
            if (REVISION.matcher(name).matches()) {
                highest = Math.max(highest, Integer.parseInt(name.substring(0, name.length() - ".json".length())));
            }
        }
        if (highest == 0) {
            return Optional.empty();
        }
        S3Url url = revision(model, id, highest);
        Incident cached = revisions.get(url.toString());
        if (cached != null) {
            return Optional.of(new Latest(highest, cached));
        }
        byte[] bytes = store.read(url).orElseThrow(() -> new IncidentException(url + ": listed, but cannot be read"))
                .bytes();
        Incident incident = parse(bytes, url.toString(), id);
        revisions.put(url.toString(), incident);
        return Optional.of(new Latest(highest, incident));
    }

    private S3Url revision(final String model, final String id, final int revision) {
        return base.resolve(model + "/" + id + "/" + String.format(Locale.ROOT, "%010d.json", revision));
    }

    /**
     * A revision object: the incident, with its revision number and a writer id of its own, so that a writer reading
     * back a refused create (see {@link ObjectStore#create}) recognises only its own bytes.
     */
    private static byte[] format(final Incident incident, final int revision) {
        String text = "{\"kind\":\"" + KIND + "\",\"revision\":" + revision + ",\"writer\":\"" + UUID.randomUUID()
                + "\",\"incident\":" + IncidentJson.toJson(incident).trim() + "}\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Incident parse(final byte[] bytes, final String where, final String id) {
        try {
            JsonNode node = IncidentJson.MAPPER.readTree(bytes);
            if (node == null || !KIND.equals(node.path("kind").asText()) || !node.path("incident").isObject()) {
                throw new IncidentException(where + ": not an incident revision (no \"kind\": \"" + KIND + "\")");
            }
            Incident incident = IncidentJson.fromJson(node.get("incident").toString(), where);
            if (!incident.id().equals(id)) {
                throw new IncidentException(where + ": holds incident " + incident.id() + ", not " + id);
            }
            return incident;
        }
        catch (IOException e) {
            throw new IncidentException(where + ": not readable JSON: " + e.getMessage(), e);
        }
    }

    private void discard(final Change pending) {
        for (S3Url url : pending.profiles) {
            store.delete(url);
        }
        pending.profiles.clear();
    }

    private static boolean isModelName(final String name) {
        try {
            Registry.checkModelName(name);
            return true;
        }
        catch (RuntimeException e) {
            return false;
        }
    }

    /** A short random pause after a lost race, growing with the attempts, so that racers spread out. */
    private static void backOff(final int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L + Math.min(attempt, 20) * 5L));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncidentException("Interrupted while retrying an incident write", e);
        }
    }

    /** An incident's highest revision and its content. */
    private record Latest(int revision, Incident incident) {
    }

    /** What one run of an update's work wrote. */
    private static final class Change {
        final String nextId;
        final List<S3Url> profiles = new ArrayList<>();
        @CheckForNull Incident saved;

        Change(final String nextId) {
            this.nextId = nextId;
        }
    }
}
