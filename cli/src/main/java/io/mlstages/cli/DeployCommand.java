package io.mlstages.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.incident.Incident;
import io.mlstages.incident.Incidents;
import io.mlstages.usecase.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code mlstages deploy}: puts a registered (or newly registered) version out and moves the alias to it. */
// not mixinStandardHelpOptions: its -V/--version would take the name of the --version N option below
@Command(name = "deploy", sortOptions = false,
        description = {"Deploy a model version: check its blessing, publish it to the targets (a serving directory, "
                + "an HTTP endpoint), then move the registry alias to it. A failed target leaves the alias where it was.",
            "Exit code 1 means the deployment was refused or a target failed."})
final class DeployCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--registry", paramLabel = "DIR", required = true, description = "The registry folder.")
    Path registry;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "The model's name.")
    String model;

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
        if ((version == null) == (packagePath == null)) {
            throw new IllegalArgumentException("Give either --version N or --package PACKAGE");
        }
        DeployRequest request = (version != null ? DeployRequest.ofVersion(model, version)
                : DeployRequest.ofPackage(model, packagePath))
                .withAlias(alias).withRequireBlessing(requireBlessing).withForce(force).withMessage(message);
        // bad targets or tokens are usage errors (exit 2), found before anything is done; exit 1 is for refusals
        List<DeployTarget> chosen = targets.toTargets();
        PrintWriter out = spec.commandLine().getOut();
        try {
            Deployment.Result deployed = Deployment.run(new Deployment.Request(Registries.open(registry), request,
                    chosen));
            DeployResult result = deployed.deployed();
            boolean text = !"-".equals(json);
            if (text) {
                out.println(result.summary());
            }
            Optional<Incident> mitigated = deployed.mitigated();
            mitigated.filter(incident -> text)
                    .ifPresent(incident -> out.println("Mitigated " + Incidents.line(incident)));
            if (json != null) {
                ObjectNode node = resultJson(result);
                node.put("mitigatedIncident", mitigated.map(Incident::id).orElse(null));
                Summaries.emit(out, json, Summaries.json(node));
            }
            out.flush();
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FINDING;
        }
        catch (DeployException e) {
            if (json != null) {
                // a refusal is a result too: scripts and the pipeline step read why from the same file
                ObjectNode node = e.result().map(DeployCommand::resultJson).orElseGet(() -> {
                    ObjectNode refused = JSON.createObjectNode();
                    refused.put("model", model);
                    refused.put("version", version);
                    refused.put("alias", alias);
                    refused.putNull("previous");
                    refused.put("action", "deploy");
                    refused.putArray("outcomes");
                    return refused;
                });
                node.put("succeeded", false);
                node.put("refused", e.getMessage());
                node.putNull("mitigatedIncident");
                Summaries.emit(out, json, Summaries.json(node));
                out.flush();
            }
            return DeployCommand.refused(spec, e);
        }
    }

    /** The result as JSON (its record components) with {@code succeeded}, which scripts look for first. */
    private static ObjectNode resultJson(final DeployResult result) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(Summaries.recordJson(result));
            node.put("succeeded", result.succeeded());
            return node;
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A deploy result is always readable JSON", e);
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
