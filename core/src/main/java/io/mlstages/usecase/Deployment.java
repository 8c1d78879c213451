package io.mlstages.usecase;

import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.deploy.Deployer;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;
import io.mlstages.incident.Incident;
import io.mlstages.model.IncidentEvent;
import io.mlstages.incident.IncidentStore;
import io.mlstages.incident.Monitor;
import io.mlstages.registry.Registry;
import io.mlstages.validate.Blessing;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment with incident mitigation: publishes a version to the targets, moves the alias, and, when that
 * succeeded while an incident of the model is open, marks the incident mitigated when the version's blessing
 * verified it (the next clean check resolves it), or leaves it open and says why. {@code mlstages deploy} and the
 * demo run it.
 */
public final class Deployment {
    private Deployment() {
    }

    /**
     * What to deploy where.
     *
     * @param registry the registry
     * @param deploy   the version (or package), alias, blessing rule and actor
     * @param targets  where to publish, in order
     */
    public record Request(Registry registry, DeployRequest deploy, List<DeployTarget> targets) {
        public Request {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(deploy, "deploy");
            targets = List.copyOf(targets == null ? List.of() : targets);
        }
    }

    /**
     * What the deployment did.
     *
     * @param deployed     the deployer's result (the version, the alias move, each target's outcome)
     * @param mitigated    the incident this deployment mitigated: only a version whose blessing verified it
     *                     ({@code validate --incident})
     * @param notMitigated why an open incident stays open after this deployment, or empty
     * @param incidentEvents what the deployment did to the incident (mitigated, not mitigated), as its JSON says
     */
    public record Result(DeployResult deployed, Optional<Incident> mitigated, Optional<String> notMitigated,
            List<IncidentEvent> incidentEvents) {
        public Result {
            Objects.requireNonNull(deployed, "deployed");
            Objects.requireNonNull(mitigated, "mitigated");
            Objects.requireNonNull(notMitigated, "notMitigated");
            incidentEvents = incidentEvents == null ? List.of() : List.copyOf(incidentEvents);
        }

        /** A result whose events are the mitigated incident's last one, if any. */
        public Result(final DeployResult deployed, final Optional<Incident> mitigated,
                final Optional<String> notMitigated) {
            this(deployed, mitigated, notMitigated, mitigated.map(Incident::lastEvent).stream().toList());
        }

        /** Whether every target took the version and the alias moved. */
        public boolean succeeded() {
            return deployed.succeeded();
        }
    }

    /**
     * Deploys, then, when the deployment succeeded while an incident of the model is open, marks it mitigated if the
     * version's blessing verified it ({@code validate --incident}), or records why it stays open. The alias history's
     * message carries the verification's gates and figures, or the reason.
     *
     * @throws io.mlstages.deploy.DeployException when the deployment is refused (no blessing, say) or a target
     *                                            failed; its result, when there is one, says which
     */
    public static Result run(final Request request) {
        Registry registry = request.registry();
        DeployRequest deploy = request.deploy();
        IncidentStore incidents = IncidentStore.of(registry);
        Optional<Incident> open = registry.models().contains(deploy.model())
                ? incidents.open(deploy.model()) : Optional.empty();
        if (open.isPresent()) {
            // the alias history is written by the deployment itself: its message says what the incident will make of it
            Optional<Blessing> before = blessingBefore(registry, deploy);
            String note = verdict(open.get(), deploy.version(), before, before.isPresent())
                    .map(why -> "incident " + open.get().id() + " stays open: " + why)
                    .orElseGet(() -> "mitigates incident " + open.get().id() + ", verified: "
                            + String.join("; ", before.map(Blessing::evidence).orElse(List.of())));
            String what = deploy.version() != null ? "version " + deploy.version()
                    : "package " + String.valueOf(Objects.requireNonNull(deploy.packagePath()).getFileName());
            deploy = deploy.withMessage((deploy.message() == null ? "deploy " + what : deploy.message()) + "; " + note);
        }
        DeployResult result = Deployer.deploy(registry, deploy, request.targets());
        if (!result.succeeded() || open.isEmpty()) {
            return new Result(result, Optional.empty(), Optional.empty());
        }
        int version = result.version();
        Optional<Blessing> blessing = Blessing.read(registry.packagePath(deploy.model(), version));
        Optional<String> why = verdict(open.get(), version, blessing, registry.version(deploy.model(), version)
                .blessed());
        if (why.isPresent()) {
            Optional<Incident> noted = Monitor.notMitigated(incidents, deploy.model(), deploy.actor(), "version "
                    + version + " deployed, but the incident stays " + open.get().stage() + ": " + why.get());
            return new Result(result, Optional.empty(), why, noted.map(Incident::lastEvent).stream().toList());
        }
        Optional<Incident> mitigated = Monitor.mitigated(incidents, deploy.model(), version, deploy.actor(),
                blessing.map(Blessing::evidence).orElse(List.of()));
        return new Result(result, mitigated, mitigated.isPresent() ? Optional.empty()
                : Optional.of("the incident was resolved meanwhile"));
    }

    /**
     * Why deploying {@code version} with {@code blessing} does not mitigate {@code incident}, or empty when it does.
     *
     * @param version the version, or null when a package is registered first (not known yet)
     * @param blessed whether the registry counts the version as blessed (its blessing is its own)
     */
    static Optional<String> verdict(final Incident incident, @CheckForNull final Integer version,
            final Optional<Blessing> blessing, final boolean blessed) {
        if (version != null && version == incident.modelVersion()) {
            return Optional.of("version " + version + " is the one that drifted");
        }
        if (blessing.isEmpty() || !blessed) {
            return Optional.of("the version is not blessed (a forced deployment verifies nothing)");
        }
        String verified = blessing.get().incident();
        if (verified == null) {
            return Optional.of("its blessing verifies no incident: validate the retrained package with --incident "
                    + incident.id() + " so that its coverage of the drifted data and its performance against"
                    + " production are checked");
        }
        if (!blessing.get().verifies(incident.id())) {
            return Optional.of("its blessing verified incident " + verified + ", not " + incident.id());
        }
        return Optional.empty();
    }

    private static Optional<Blessing> blessingBefore(final Registry registry, final DeployRequest deploy) {
        try {
            Integer version = deploy.version();
            if (version != null) {
                return registry.versions(deploy.model()).stream().anyMatch(v -> v.version() == version)
                        ? Blessing.read(registry.packagePath(deploy.model(), version)) : Optional.empty();
            }
            Path pkg = deploy.packagePath();
            return pkg != null && Files.isDirectory(pkg) ? Blessing.read(pkg) : Optional.empty();
        }
        catch (MlStagesException e) {
            // the deployment itself reports an unreadable blessing or an unknown version, with its context
            return Optional.empty();
        }
    }
}
