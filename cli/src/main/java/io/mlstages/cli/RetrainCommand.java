package io.mlstages.cli;

import io.mlstages.MlStagesException;
import io.mlstages.incident.CheckResult;
import io.mlstages.incident.Incident;
import io.mlstages.incident.RetrainDetails;
import io.mlstages.incident.RetrainRequest;
import io.mlstages.train.ExternalTrainer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The command line's retrain request: runs a configured command, split into words without a shell
 * ({@link ExternalTrainer#split}), with the incident's {@link RetrainDetails} in its environment as
 * {@code MLSTAGES_MODEL_NAME}, {@code MLSTAGES_MODEL_VERSION}, ... (prefixed so that they cannot clash with the
 * variables a training script already reads). The command's output goes to stderr, line by line; a non-zero exit
 * fails the request.
 */
final class RetrainCommand implements RetrainRequest {
    /** The prefix of the environment variables. */
    static final String PREFIX = "MLSTAGES_";

    private final List<String> argv;
    private final PrintWriter log;

    RetrainCommand(final String command, final PrintWriter log) {
        this.argv = ExternalTrainer.split(command);
        this.log = log;
    }

    @Override
    public void send(final Incident incident, final CheckResult result) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
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
                        log.println("retrain: " + line);
                        log.flush();
                    }
                }
            }
            code = process.waitFor();
        }
        catch (IOException e) {
            throw new MlStagesException("Cannot run the retrain command " + argv.get(0) + ": " + e.getMessage(), e);
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
    String program() {
        return argv.get(0);
    }
}
