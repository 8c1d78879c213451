package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.deploy.Deployer;
import io.mlstages.registry.Actor;
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

    @Option(names = "--registry", paramLabel = "DIR", required = true, description = "The registry folder.")
    Path registry;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "The model's name.")
    String model;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = "production",
            description = "The alias to move back (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = "--message", paramLabel = "TEXT", description = "Why: recorded in the alias history.")
    @CheckForNull String message;

    @Mixin
    DeployOptionsMixin targets;

    @Mixin
    OutputMixin quiet;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Write the result as JSON ('-' or no FILE: stdout instead of the text).")
    @CheckForNull String json;

    @Override
    public Integer call() {
        // bad names, targets or tokens are usage errors (exit 2), found before anything is done
        DeployRequest.name(model, "model");
        DeployRequest.name(alias, "alias");
        List<DeployTarget> chosen = targets.toTargets();
        PrintWriter out = spec.commandLine().getOut();
        try {
            DeployResult result = Deployer.rollback(Registries.open(registry), model, alias, Actor.fromEnvironment(),
                    message, chosen);
            if (json != null) {
                Summaries.emit(out, json, Summaries.recordJson(result));
            }
            if (!"-".equals(json)) {
                out.println(result.summary());
            }
            out.flush();
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FINDING;
        }
        catch (DeployException e) {
            return DeployCommand.refused(spec, e);
        }
    }
}
