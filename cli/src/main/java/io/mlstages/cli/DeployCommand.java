package io.mlstages.cli;

import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.Deployer;
import io.mlstages.incident.Incidents;
import io.mlstages.incident.Monitor;
import io.mlstages.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mlstages deploy}: puts a registered (or newly registered) version out and moves the alias to it. */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deploy a model version: check its blessing, publish it to the targets (a serving directory, "
                + "an HTTP endpoint), then move the registry alias to it. A failed target leaves the alias where it was.",
            "Exit code 1 means the deployment was refused or a target failed."})
final class DeployCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", paramLabel = "DIR", required = true, description = "The registry folder.")
    Path registry;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "The model's name.")
    String model;

    @Option(names = "--version", paramLabel = "N", description = "Deploy registered version N.")
    Integer version;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "Register this package (folder or zip) as the next version, then deploy it.")
    Path packagePath;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = DeployRequest.DEFAULT_ALIAS,
            description = "The alias to move (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = "--require-blessing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Refuse a version without a blessing (default: on).")
    boolean requireBlessing;

    @Option(names = "--force", description = "Deploy an unblessed version anyway; recorded as forced in the history.")
    boolean force;

    @Option(names = "--message", paramLabel = "TEXT", description = "Why: recorded in the alias history.")
    String message;

    @Mixin
    DeployOptionsMixin targets;

    @Mixin
    OutputMixin quiet;

    @Override
    public Integer call() {
        if ((version == null) == (packagePath == null)) {
            throw new IllegalArgumentException("Give either --version N or --package PACKAGE");
        }
        DeployRequest request = (version != null ? DeployRequest.ofVersion(model, version)
                : DeployRequest.ofPackage(model, packagePath))
                .withAlias(alias).withRequireBlessing(requireBlessing).withForce(force).withMessage(message);
        PrintWriter out = spec.commandLine().getOut();
        try {
            DeployResult result = Deployer.deploy(Registry.open(registry), request, targets.toTargets());
            out.println(result.summary());
            if (result.succeeded()) {
                // a new version out while an incident is open mitigates it; the next clean check resolves it
                Monitor.mitigated(registry, model, result.version(), request.actor())
                        .ifPresent(incident -> out.println("Mitigated " + Incidents.line(incident)));
            }
            out.flush();
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FINDING;
        }
        catch (DeployException e) {
            return DeployCommand.refused(spec, e);
        }
    }

    /** A refused or failed deployment: the reason and each target's outcome, exit code 1. */
    static int refused(final CommandSpec spec, final DeployException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mlstages: " + e.getMessage());
        e.result().ifPresent(result -> err.println(result.summary()));
        err.flush();
        return ExitCodes.FINDING;
    }
}
