package io.mlstages.incident;

import io.mlstages.MlStagesException;
import io.mlstages.deploy.Secret;
import io.mlstages.train.ExternalTrainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A retrain request that runs a command, split into words without a shell ({@link ExternalTrainer#split}), with the
 * incident's {@link RetrainDetails} in its environment as {@code MLSTAGES_MODEL_NAME}, {@code MLSTAGES_MODEL_VERSION},
 * ... (prefixed so that they cannot clash with the variables a training script already reads). The command's output
 * goes to a log, line by line; a non-zero exit fails the request.
 *
 * <p>The command gets none of the token variables ({@link #TOKEN_VARIABLES}, any other {@code MLSTAGES_..._TOKEN}
 * and those named by the caller): a
 * training script has no use for the deployment or webhook token, and a script that prints its environment must not
 * put them in a build log. Should it print them anyway (read from a file, say), the copied lines are masked.</p>
 */
public final class RetrainCommand implements RetrainRequest {
    /** The prefix of the environment variables. */
    public static final String PREFIX = "MLSTAGES_";
    /** The token variables the engine and the plugin use, always removed from the command's environment. */
    public static final List<String> TOKEN_VARIABLES = List.of("MLSTAGES_DEPLOY_TOKEN", "MLSTAGES_WEBHOOK_TOKEN");

    private final List<String> argv;
    private final Consumer<String> log;
    private final Set<String> hidden;
    private final List<Secret> secrets;

    /**
     * A retrain command.
     *
     * @param command         the command line, split into words
     * @param log             receives each output line (masked), or null to drop them
     * @param secretVariables further variables holding secrets (the webhook's token variable), removed and masked
     *                        like {@link #TOKEN_VARIABLES}
     * @param environment     the environment the secrets are read from (to mask them), normally {@link System#getenv()}
     * @throws IllegalArgumentException when the command is empty or badly quoted
     */
    public RetrainCommand(final String command, final Consumer<String> log, final List<String> secretVariables,
            final Map<String, String> environment) {
        this.argv = ExternalTrainer.split(Objects.requireNonNull(command, "command"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("--retrain-command is empty: give the program to run");
        }
        this.log = log;
        this.hidden = new LinkedHashSet<>(TOKEN_VARIABLES);
        if (secretVariables != null) {
            hidden.addAll(secretVariables);
        }
        // any other token named the engine's way (MLSTAGES_..._TOKEN), such as a second deployment's
        environment.keySet().stream().filter(name -> name.startsWith(PREFIX) && name.endsWith("_TOKEN"))
                .forEach(hidden::add);
        this.secrets = new ArrayList<>();
        for (String name : hidden) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                secrets.add(Secret.forMasking(value.strip(), "environment variable " + name));
            }
        }
    }

    @Override
    public void send(final Incident incident, final CheckResult result) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.keySet().removeAll(hidden);
        RetrainDetails.of(incident).toMap().forEach((name, value) -> env.put(PREFIX + name, value));
        int code;
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (log != null) {
                        log.accept(mask(line));
                    }
                }
            }
            code = process.waitFor();
        }
        catch (IOException e) {
            throw new MlStagesException("Cannot run the retrain command " + argv.get(0) + ": " + mask(e.getMessage()),
                    e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlStagesException("Interrupted while the retrain command " + argv.get(0) + " ran", e);
        }
        if (code != 0) {
            throw new MlStagesException("the retrain command " + argv.get(0) + " exited with code " + code);
        }
    }

    /** The program run, for messages. */
    public String program() {
        return argv.get(0);
    }

    private String mask(final String text) {
        String masked = text;
        for (Secret secret : secrets) {
            masked = secret.mask(masked);
        }
        return masked;
    }
}
