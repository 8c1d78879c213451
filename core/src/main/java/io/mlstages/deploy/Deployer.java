package io.mlstages.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.MlStagesException;
import io.mlstages.deploy.DeployResult.Outcome;
import io.mlstages.deploy.DeployResult.Status;
import io.mlstages.registry.Actor;
import io.mlstages.registry.AliasMove;
import io.mlstages.registry.ModelVersion;
import io.mlstages.registry.Registry;
import io.mlstages.validate.Blessing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Runs deployments and rollbacks against a registry.
 *
 * <p>A deployment resolves the version (registering a package first when given one), refuses it when it is not
 * blessed (unless forced), publishes it to every target in the order given, and moves the alias last, whatever the
 * position of {@code registry} in the list: the alias is what {@code mlstages serve} and people trust, so it only
 * moves once the model is really out. When a target fails, the version folders this deployment created are removed
 * again, the remaining targets are skipped and the alias stays where it was.</p>
 *
 * <p>A rollback moves the alias back first, then republishes the version it returned to: that version was out
 * before, so restoring the registry's answer at once is the fastest way back, and the targets catch up.</p>
 */
public final class Deployer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Deployer() {
    }

    /**
     * Deploys a version.
     *
     * @param targets the targets, in the order they run; {@code registry} is added when absent and always runs last
     * @return what was deployed where
     * @throws DeployException when the version is unknown or unblessed (nothing deployed), or a target failed (the
     *                         exception's {@link DeployException#result()} holds each target's outcome; the alias
     *                         did not move)
     * @throws io.mlstages.registry.RegistryException when the registry refuses the model, version or package
     */
    public static DeployResult deploy(final Registry registry, final DeployRequest request,
            final List<DeployTarget> targets) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(request, "request");
        List<DeployTarget> publishing = publishing(targets);
        String model = request.model();
        String alias = request.alias();
        boolean registered = request.packagePath() != null;
        if (registered) {
            refuseUnblessedPackage(request);
        }
        Path packagePath = request.packagePath();
        String message = request.message();
        ModelVersion version = packagePath != null
                ? registry.register(model, packagePath, request.actor(), message == null
                        ? "registered to deploy as " + alias : message)
                : registry.version(model, Objects.requireNonNull(request.version(), "version or package"));
        // publication, alias move and retention run under each serving directory's lock: a concurrent deployment
        // into the same directory can neither prune the folder this one makes live nor leave a newer folder beside it
        return lockDirectories(publishing, 0, () -> deployLocked(registry, request, publishing, version, registered));
    }

    private static DeployResult deployLocked(final Registry registry, final DeployRequest request,
            final List<DeployTarget> publishing, final ModelVersion version, final boolean registered) {
        String model = request.model();
        String alias = request.alias();
        int number = version.version();
        Integer previous = registry.alias(model, alias).orElse(null);
        boolean forced = !version.blessed();
        if (forced && request.requireBlessing() && !request.force()) {
            throw new DeployException(model + " version " + number + " is not blessed: validate its package"
                    + " (mlstages validate blesses a package whose gates pass) and register it again, or deploy with"
                    + " --force, which the alias history records."
                    + (registered ? " It was registered as version " + number + ", but nothing was deployed;"
                    : " Nothing was deployed;") + " " + where(alias, previous) + ".");
        }
        String message = Objects.requireNonNullElseGet(request.message(), () -> "deploy version " + number + " to "
                + describe(publishing));
        Path files = registry.packagePath(model, number);
        Payload payload = new Payload(registry, version, files, alias, previous, request.actor(), message, forced);

        List<Outcome> outcomes = new ArrayList<>();
        List<DeployTarget.Directory> created = new ArrayList<>();
        for (int i = 0; i < publishing.size(); i++) {
            DeployTarget target = publishing.get(i);
            Outcome outcome = publish(target, files, version, payload, DeployResult.DEPLOY, created);
            outcomes.add(outcome);
            if (!outcome.status().ok()) {
                String undone = undo(created, number, outcomes);
                for (DeployTarget skipped : publishing.subList(i + 1, publishing.size())) {
                    outcomes.add(new Outcome(skipped.describe(), Status.SKIPPED, "an earlier target failed", 0,
                            Duration.ZERO));
                }
                outcomes.add(new Outcome("registry", Status.SKIPPED, "alias '" + alias + "' not moved", 0,
                        Duration.ZERO));
                DeployResult result = new DeployResult(model, number, alias, previous, DeployResult.DEPLOY,
                        registered, version.blessed(), forced, null, outcomes);
                throw new DeployException("Deployment of " + model + " version " + number + " failed at "
                        + target.describe() + ": " + outcome.detail() + ". The alias '" + alias + "' was not moved: "
                        + (previous == null ? "it still points to no version" : "it still points to version "
                        + previous) + "." + undone, result, null);
            }
        }

        long start = System.nanoTime();
        AliasMove move;
        try {
            move = registry.promote(model, alias, number, request.actor(), message, forced);
        }
        catch (MlStagesException e) {
            outcomes.add(new Outcome("registry", Status.FAILED, e.getMessage(), 1, since(start)));
            DeployResult result = new DeployResult(model, number, alias, previous, DeployResult.DEPLOY, registered,
                    version.blessed(), forced, null, outcomes);
            throw new DeployException("Every target has " + model + " version " + number + " but the alias '" + alias
                    + "' could not be moved: " + e.getMessage() + "; " + where(alias, previous)
                    + ". Run the deployment again: the targets already published are left unchanged.", result, e);
        }
        outcomes.add(new Outcome("registry", Status.DONE, "alias '" + alias + "' moved "
                + (previous == null ? "" : "from version " + previous + " ") + "to version " + number
                + (forced ? " (forced: not blessed)" : ""), 1, since(start)));
        prune(publishing, number, previous, outcomes);
        // the alias's version is the directory's highest, as after a rollback: TF Serving serves the highest
        List<String> failures = new ArrayList<>();
        for (DeployTarget target : publishing) {
            if (target instanceof DeployTarget.Directory directory) {
                int index = indexOf(outcomes, directory.describe());
                Outcome outcome = retireNewer(directory, number, outcomes.get(index));
                outcomes.set(index, outcome);
                if (!outcome.status().ok()) {
                    failures.add(outcome.detail());
                }
            }
        }
        DeployResult result = new DeployResult(model, number, alias, previous, DeployResult.DEPLOY, registered,
                version.blessed(), forced, move, outcomes);
        if (!failures.isEmpty()) {
            throw new DeployException("The alias '" + alias + "' of " + model + " moved to version " + number
                    + ", but " + String.join("; ", failures) + ": a server serving the highest version would not"
                    + " serve it. Remove those folders.", result, null);
        }
        return result;
    }

    /**
     * Runs {@code work} holding the lock of every serving directory among {@code targets} from {@code from} on,
     * taken in the order of their paths so that two deployments into the same directories cannot deadlock.
     */
    private static <T> T lockDirectories(final List<DeployTarget> targets, final int from,
            final java.util.function.Supplier<T> work) {
        List<Path> dirs = targets.stream().filter(t -> t instanceof DeployTarget.Directory)
                .map(t -> ((DeployTarget.Directory) t).dir().toAbsolutePath().normalize()).distinct().sorted()
                .toList();
        return lockEach(dirs, from, work);
    }

    private static <T> T lockEach(final List<Path> dirs, final int index, final java.util.function.Supplier<T> work) {
        if (index == dirs.size()) {
            return work.get();
        }
        Path dir = dirs.get(index);
        Path lock = DirectoryPublisher.lockFile(dir);
        try {
            Files.createDirectories(lock.getParent());
        }
        catch (java.io.IOException e) {
            throw new DeployException("Cannot create the folder of the serving directory " + dir + ": " + e, e);
        }
        return Registry.locked(lock, "serving directory " + dir, () -> lockEach(dirs, index + 1, work));
    }

    /**
     * Rolls an alias back to its previous holder ({@code Registry.rollback}), then republishes that version to the
     * targets: a directory target gets its version folder back if it was pruned and loses the newer ones (so that a
     * server serving the latest version serves it), an http target receives a request with action
     * {@code rollback}. Every target is tried even when one fails.
     *
     * @param message why, for the alias history; may be null
     * @throws DeployException when the alias points nowhere, or a target failed after the alias moved back (the
     *                         exception's {@link DeployException#result()} holds each target's outcome)
     * @throws io.mlstages.registry.RegistryException when the registry refuses the rollback (no previous holder)
     */
    public static DeployResult rollback(final Registry registry, final String model, final String alias,
            final Actor actor, @CheckForNull final String message, final List<DeployTarget> targets) {
        Objects.requireNonNull(registry, "registry");
        DeployRequest.name(model, "model");
        DeployRequest.name(alias, "alias");
        Objects.requireNonNull(actor, "actor");
        List<DeployTarget> publishing = publishing(targets);
        return lockDirectories(publishing, 0, () -> rollbackLocked(registry, model, alias, actor, message,
                publishing));
    }

    private static DeployResult rollbackLocked(final Registry registry, final String model, final String alias,
            final Actor actor, @CheckForNull final String message, final List<DeployTarget> publishing) {
        Integer current = registry.alias(model, alias).orElseThrow(() -> new DeployException("The alias '" + alias
                + "' of " + model + " points to no version: there is nothing to roll back"));
        String why = message != null ? message : "roll back from version " + current;
        long start = System.nanoTime();
        AliasMove move = registry.rollback(model, alias, actor, why);
        List<Outcome> outcomes = new ArrayList<>();
        if (move.to() == null) {
            outcomes.add(new Outcome("registry", Status.DONE, "alias '" + alias + "' removed: version " + current
                    + " had no predecessor", 1, since(start)));
            for (DeployTarget target : publishing) {
                outcomes.add(new Outcome(target.describe(), Status.SKIPPED, "no version to republish", 0,
                        Duration.ZERO));
            }
            return new DeployResult(model, current, alias, current, DeployResult.ROLLBACK, false, false, false, move,
                    outcomes);
        }
        int number = Objects.requireNonNull(move.to(), "a rollback's target");
        outcomes.add(new Outcome("registry", Status.DONE, "alias '" + alias + "' moved back from version " + current
                + " to version " + number, 1, since(start)));
        ModelVersion version = registry.version(model, number);
        Path files = registry.packagePath(model, number);
        Payload payload = new Payload(registry, version, files, alias, current, actor, why, false);
        List<String> failures = new ArrayList<>();
        for (DeployTarget target : publishing) {
            Outcome outcome = publish(target, files, version, payload, DeployResult.ROLLBACK, new ArrayList<>());
            if (outcome.status().ok() && target instanceof DeployTarget.Directory directory) {
                outcome = retireNewer(directory, number, outcome);
            }
            outcomes.add(outcome);
            if (!outcome.status().ok()) {
                failures.add(target.describe() + ": " + outcome.detail());
            }
        }
        DeployResult result = new DeployResult(model, number, alias, current, DeployResult.ROLLBACK, false,
                version.blessed(), false, move, outcomes);
        if (!failures.isEmpty()) {
            throw new DeployException("The alias '" + alias + "' of " + model + " is back on version " + number
                    + ", but " + String.join("; ", failures) + ". Fix the target and republish version " + number
                    + " with mlstages deploy --version " + number + ".", result, null);
        }
        return result;
    }

    /** The targets that publish, in order, each once; the registry target is implied. */
    private static List<DeployTarget> publishing(final List<DeployTarget> targets) {
        Objects.requireNonNull(targets, "targets");
        Set<DeployTarget> seen = new LinkedHashSet<>();
        for (DeployTarget target : targets) {
            Objects.requireNonNull(target, "target");
            if (target.kind() == DeployTarget.Kind.REGISTRY) {
                continue;
            }
            if (!seen.add(target)) {
                throw new DeployException("The target " + target.describe() + " is listed twice");
            }
        }
        return List.copyOf(seen);
    }

    private static Outcome publish(final DeployTarget target, final Path files, final ModelVersion version,
            final Payload payload, final String action, final List<DeployTarget.Directory> created) {
        long start = System.nanoTime();
        return switch (target.kind()) {
            case REGISTRY -> throw new IllegalStateException("the registry target runs last, apart");
            case DIRECTORY -> {
                DeployTarget.Directory directory = (DeployTarget.Directory) target;
                Path folder = directory.dir().resolve(Integer.toString(version.version()));
                try {
                    boolean fresh = DirectoryPublisher.publish(files, version.files(), directory.dir(),
                            version.version());
                    if (fresh) {
                        created.add(directory);
                    }
                    yield new Outcome(target.describe(), fresh ? Status.DONE : Status.UNCHANGED,
                            fresh ? "published " + folder : folder + " already published, identical", 1, since(start));
                }
                catch (MlStagesException e) {
                    yield new Outcome(target.describe(), Status.FAILED, e.getMessage(), 1, since(start));
                }
            }
            case HTTP -> {
                DeployTarget.Http http = (DeployTarget.Http) target;
                HttpPublisher.Sent sent;
                try {
                    sent = HttpPublisher.post(http, payload.json(action), UUID.randomUUID().toString());
                }
                catch (MlStagesException e) {
                    yield new Outcome(target.describe(), Status.FAILED, e.getMessage(), 0, since(start));
                }
                yield new Outcome(target.describe(), sent.ok() ? Status.DONE : Status.FAILED, sent.detail(),
                        sent.attempts(), since(start));
            }
        };
    }

    /** Removes the version folders this deployment created; says what it did, for the error message. */
    private static String undo(final List<DeployTarget.Directory> created, final int version,
            final List<Outcome> outcomes) {
        StringBuilder text = new StringBuilder();
        for (DeployTarget.Directory directory : created) {
            int index = indexOf(outcomes, directory.describe());
            try {
                DirectoryPublisher.retire(directory.dir(), version);
                outcomes.set(index, new Outcome(directory.describe(), Status.UNDONE, "removed "
                        + directory.dir().resolve(Integer.toString(version)) + " again", 1,
                        outcomes.get(index).elapsed()));
                text.append(" Removed the version folder it had published in ").append(directory.dir()).append('.');
            }
            catch (MlStagesException e) {
                text.append(" Could not remove the version folder it had published: ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    /** Applies each directory target's retention once the alias has moved; a failure here fails nothing. */
    private static void prune(final List<DeployTarget> publishing, final int version,
            @CheckForNull final Integer previous,
            final List<Outcome> outcomes) {
        Set<Integer> spared = new HashSet<>();
        spared.add(version);
        if (previous != null) {
            spared.add(previous);
        }
        for (DeployTarget target : publishing) {
            if (target instanceof DeployTarget.Directory directory && directory.keep() > 0) {
                int index = indexOf(outcomes, directory.describe());
                Outcome outcome = outcomes.get(index);
                String note;
                try {
                    List<Integer> removed = DirectoryPublisher.prune(directory.dir(), directory.keep(), spared);
                    note = removed.isEmpty() ? "" : "; removed old versions " + removed + " (keep "
                            + directory.keep() + ")";
                }
                catch (MlStagesException e) {
                    note = "; old versions not removed: " + e.getMessage();
                }
                outcomes.set(index, new Outcome(outcome.target(), outcome.status(), outcome.detail() + note,
                        outcome.attempts(), outcome.elapsed()));
            }
        }
    }

    private static Outcome retireNewer(final DeployTarget.Directory directory, final int version,
            final Outcome outcome) {
        try {
            List<Integer> removed = DirectoryPublisher.removeNewerThan(directory.dir(), version);
            if (removed.isEmpty()) {
                return outcome;
            }
            return new Outcome(outcome.target(), Status.DONE, outcome.detail() + "; removed newer versions "
                    + removed, outcome.attempts(), outcome.elapsed());
        }
        catch (MlStagesException e) {
            return new Outcome(outcome.target(), Status.FAILED, outcome.detail() + ", but the newer version folders"
                    + " could not be removed: " + e.getMessage(), outcome.attempts(), outcome.elapsed());
        }
    }

    private static void refuseUnblessedPackage(final DeployRequest request) {
        Path pkg = Objects.requireNonNull(request.packagePath(), "packagePath");
        if (Files.isDirectory(pkg) && request.requireBlessing() && !request.force()
                && Blessing.read(pkg).isEmpty()) {
            throw new DeployException("The package " + pkg + " is not blessed (no " + Blessing.FILE_NAME + "):"
                    + " validate it with mlstages validate (which blesses it when every gate passes), or deploy with"
                    + " --force, which the alias history records. Nothing was registered or deployed.");
        }
    }

    private static int indexOf(final List<Outcome> outcomes, final String target) {
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).target().equals(target)) {
                return i;
            }
        }
        throw new IllegalStateException("no outcome for " + target);
    }

    private static String where(final String alias, @CheckForNull final Integer previous) {
        return previous == null ? "the alias '" + alias + "' points to no version"
                : "the alias '" + alias + "' still points to version " + previous;
    }

    private static String describe(final List<DeployTarget> publishing) {
        List<String> names = new ArrayList<>();
        publishing.forEach(t -> names.add(t.describe()));
        names.add("registry");
        return String.join(", ", names);
    }

    private static Duration since(final long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The JSON body of an http target's request, built once per deployment. */
    private static final class Payload {
        private final Registry registry;
        private final ModelVersion version;
        private final Path files;
        private final String alias;
        @CheckForNull private final Integer previous;
        private final Actor actor;
        private final String message;
        private final boolean forced;
        @CheckForNull private byte[] json;
        @CheckForNull private String jsonAction;

        Payload(final Registry registry, final ModelVersion version, final Path files, final String alias,
                @CheckForNull final Integer previous, final Actor actor, final String message, final boolean forced) {
            this.registry = registry;
            this.version = version;
            this.files = files;
            this.alias = alias;
            this.previous = previous;
            this.actor = actor;
            this.message = message;
            this.forced = forced;
        }

        /** Built on first use, since only http targets need it (and it loads the package for its metrics). */
        byte[] json(final String action) {
            if (json == null || !action.equals(jsonAction)) {
                json = build(action);
                jsonAction = action;
            }
            return json;
        }

        private byte[] build(final String action) {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("kind", "mlstages-deployment");
            root.put("action", action);
            root.put("model", version.model());
            root.put("version", version.version());
            root.put("alias", alias);
            if (previous == null) {
                root.putNull("previous");
            }
            else {
                root.put("previous", previous.intValue());
            }
            root.put("algorithm", version.algorithm());
            root.put("task", version.task());
            ArrayNode list = root.putArray("files");
            version.files().forEach((path, sha) -> list.addObject().put("path", path).put("sha256", sha));
            ObjectNode metrics = root.putObject("metrics");
            for (Map.Entry<String, Map<String, Double>> split : registry.load(version.model(), version.version())
                    .metadata().metrics().entrySet()) {
                ObjectNode values = metrics.putObject(split.getKey());
                split.getValue().forEach((name, value) -> {
                    // JSON has no NaN or infinity: an undefined metric travels as null
                    if (value == null || !Double.isFinite(value)) {
                        values.putNull(name);
                    }
                    else {
                        values.put(name, value.doubleValue());
                    }
                });
            }
            root.put("blessed", version.blessed());
            Optional<Blessing> blessing = Blessing.read(files);
            if (blessing.isPresent()) {
                try {
                    root.set("blessing", MAPPER.readTree(blessing.get().toJson()));
                }
                catch (JsonProcessingException e) {
                    throw new DeployException("Cannot embed the blessing of " + files + ": " + e.getOriginalMessage(),
                            e);
                }
            }
            else {
                root.putNull("blessing");
            }
            root.put("forced", forced);
            ObjectNode who = root.putObject("actor");
            who.put("user", actor.user());
            who.put("buildUrl", actor.buildUrl());
            root.put("message", message);
            try {
                return MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            }
            catch (JsonProcessingException e) {
                throw new DeployException("Cannot write the deployment request as JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
