package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.incident.Incidents;
import io.mlstages.usecase.Deployment;
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

/** {@code mlstages deploy}: puts a registered (or newly registered) version out and moves the alias to it. */
// not mixinStandardHelpOptions: its -V/--version would take the name of the --version N option below
@Command(name = "deploy", sortOptions = false,
        description = {"Deploy a model version: check its blessing, publish it to the targets (a serving directory, "
                + "an HTTP endpoint), then move the registry alias to it. A failed target leaves the alias where it was.",
            "Exit code 1 means the deployment was refused or a target failed."})
final class DeployCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    HelpMixin help;

    @Mixin
    RegisteredModelMixin registered;

    @Option(names = "--version", paramLabel = "N", description = "Deploy registered version N.")
    @Range(min = "1", max = "2147483647")
    @CheckForNull Integer version;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "Register this package (folder or zip) as the next version, then deploy it.")
    @CheckForNull Path packagePath;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = DeployRequest.DEFAULT_ALIAS,
            description = "The alias to move (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = "--require-blessing", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Refuse a version without a blessing (default: on).")
    boolean requireBlessing;

    @Option(names = "--force", description = "Deploy an unblessed version anyway; recorded as forced in the history.")
    boolean force;

    @Mixin
    DeployOptionsMixin options;

    @Override
    public Integer call() {
        if ((version == null) == (packagePath == null)) {
            throw new IllegalArgumentException("Give either --version N or --package PACKAGE");
        }
        DeployRequest request = (version != null ? DeployRequest.ofVersion(registered.model, version)
                : DeployRequest.ofPackage(registered.model, packagePath))
                .withAlias(alias).withRequireBlessing(requireBlessing).withForce(force).withMessage(options.message);
        // bad targets or tokens are usage errors (exit 2), found before anything is done; exit 1 is for refusals
        List<DeployTarget> chosen = options.toTargets();
        PrintWriter out = spec.commandLine().getOut();
        try {
            Deployment.Result deployed = Deployment.run(new Deployment.Request(registered.open(), request,
                    chosen));
            DeployResult result = deployed.deployed();
            if (options.text()) {
                out.println(result.summary());
                deployed.mitigated().ifPresent(incident -> out.println("Mitigated " + Incidents.line(incident)));
                deployed.notMitigated().ifPresent(why -> out.println("Not mitigated: " + why));
            }
            options.emit(out, () -> DeploymentJson.of(deployed));
            out.flush();
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FINDING;
        }
        catch (DeployException e) {
            // a refusal is a result too: scripts and the pipeline step read why from the same file
            options.emit(out, () -> DeploymentJson.refused(request, e));
            out.flush();
            return DeployCommand.refused(spec, e);
        }
    }

    /** A refused or failed deployment: the reason and each target's outcome, exit code 1. */
    static int refused(final CommandSpec spec, final DeployException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mlstages: " + io.mlstages.Texts.line(e.getMessage()));
        e.result().ifPresent(result -> err.println(result.summary()));
        err.flush();
        return ExitCodes.FINDING;
    }
}
