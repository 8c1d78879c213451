package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.deploy.Deployer;
import io.mlstages.incident.Incident;
import io.mlstages.incident.Incidents;
import io.mlstages.incident.Monitor;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.usecase.DeploymentJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mlstages rollback}: moves an alias back to the version it held before, and brings the targets back. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Move an alias back to its previous version (recorded in the history) and bring the targets "
                + "back to it.")
final class RollbackCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    RegisteredModelMixin registered;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = "production",
            description = "The alias to move back (default: ${DEFAULT-VALUE}).")
    String alias;

    @Mixin
    DeployOptionsMixin options;

    @Override
    public Integer call() {
        // bad names, targets or tokens are usage errors (exit 2), found before anything is done
        DeployRequest.name(registered.model, "model");
        DeployRequest.name(alias, "alias");
        List<DeployTarget> chosen = options.toTargets();
        PrintWriter out = spec.commandLine().getOut();
        try {
            Registry registry = registered.open();
            Actor actor = Actor.fromEnvironment();
            DeployResult result = Deployer.rollback(registry, registered.model, alias, actor, options.message, chosen);
            // a rollback is news for the model's incident: the open one records it, or one opens
            io.mlstages.registry.AliasMove move = result.move();
            Incident incident = Monitor.rolledBack(io.mlstages.incident.IncidentStore.of(registry), registered.model,
                    java.util.Objects.requireNonNullElse(result.previous(), result.version()),
                    move == null ? null : move.to(), actor,
                    java.util.Objects.requireNonNullElse(options.message, "mlstages rollback of alias '" + alias + "'"));
            options.emit(out, () -> DeploymentJson.rollback(result, incident));
            if (options.text()) {
                out.println(result.summary());
                out.println("Incident: " + Incidents.line(incident));
            }
            out.flush();
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FINDING;
        }
        catch (DeployException e) {
            return DeployCommand.refused(spec, e);
        }
    }
}
