package io.mlstages.usecase;

import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.deploy.Deployer;
import io.mlstages.incident.Incident;
import io.mlstages.incident.Monitor;
import io.mlstages.registry.Registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment with incident mitigation: publishes a version to the targets, moves the alias, and, when that
 * succeeded while an incident of the model is open, marks the incident mitigated (the next clean check resolves
 * it). {@code mlstages deploy} and the demo run it.
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
     * @param deployed  the deployer's result (the version, the alias move, each target's outcome)
     * @param mitigated the incident this deployment mitigated, if one was open
     */
    public record Result(DeployResult deployed, Optional<Incident> mitigated) {
        public Result {
            Objects.requireNonNull(deployed, "deployed");
            Objects.requireNonNull(mitigated, "mitigated");
        }

        /** Whether every target took the version and the alias moved. */
        public boolean succeeded() {
            return deployed.succeeded();
        }
    }

    /**
     * Deploys, then mitigates the open incident of the model when the deployment succeeded.
     *
     * @throws io.mlstages.deploy.DeployException when the deployment is refused (no blessing, say) or a target
     *                                            failed; its result, when there is one, says which
     */
    public static Result run(final Request request) {
        DeployResult result = Deployer.deploy(request.registry(), request.deploy(), request.targets());
        // incidents are kept beside a folder registry only (an S3 registry has none yet)
        Optional<Incident> mitigated = result.succeeded()
                && !io.mlstages.registry.Registry.isObjectStore(request.registry().location())
                ? Monitor.mitigated(request.registry().root(), request.deploy().model(), result.version(),
                        request.deploy().actor())
                : Optional.empty();
        return new Result(result, mitigated);
    }
}
