package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.DeployTarget;
import io.mlstages.deploy.HttpSettings;
import io.mlstages.deploy.Secret;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code deploy} and {@code rollback} share: why (the history's message), where the model goes and how (the
 * targets and their settings), and where the result is written.
 */
final class DeployOptionsMixin {
    @Option(names = "--message", paramLabel = "TEXT", description = "Why: recorded in the alias history.")
    String message;

    @Option(names = "--target", paramLabel = "SPEC",
            description = "registry, directory=DIR or http=URL; repeatable, run in order; registry always runs last.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--keep", paramLabel = "K", defaultValue = "0",
            description = "Directory targets keep the K newest version folders; 0 keeps all (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "10000")
    int keep;

    @Option(names = "--token-env", paramLabel = "NAME",
            description = "The http targets' bearer token is in this environment variable. Never printed.")
    @CheckForNull String tokenEnv;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "... or in the first line of this file. Never printed.")
    @CheckForNull Path tokenFile;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Per attempt (default: ${DEFAULT-VALUE}).")
    @Range(min = "1ms", max = "1d")
    Duration connectTimeout;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Per attempt (default: ${DEFAULT-VALUE}).")
    @Range(min = "1ms", max = "1d")
    Duration requestTimeout;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
            description = "Attempts of an http target, the first included (default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "100")
    int attempts;

    @Option(names = "--backoff", paramLabel = "DURATION", defaultValue = "500ms",
            description = "Wait before the second attempt, doubled each time (default: ${DEFAULT-VALUE}).")
    @Range(min = "1ms", max = "1d")
    Duration backoff;

    @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = "30s",
            description = "The longest wait between attempts (default: ${DEFAULT-VALUE}).")
    @Range(min = "1ms", max = "1d")
    Duration maxBackoff;

    @Option(names = "--max-retry-after", paramLabel = "DURATION", defaultValue = "120s",
            description = "The longest Retry-After a server may ask for (default: ${DEFAULT-VALUE}).")
    @Range(min = "0s", max = "1d")
    Duration maxRetryAfter;

    @Mixin
    OutputMixin quiet;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Write the result as JSON ('-' or no FILE: stdout instead of the text).")
    String json;

    /** Whether the result is printed as text: not when its JSON goes to stdout instead. */
    boolean text() {
        return !"-".equals(json);
    }

    /** Writes the result's JSON where {@code --json} says, when it is given. */
    void emit(final PrintWriter out, final Supplier<String> result) {
        if (json != null) {
            Summaries.emit(out, json, result.get());
        }
    }

    /** The targets; a token is read only when one is named, and only its source ever appears in messages. */
    List<DeployTarget> toTargets() {
        if (tokenEnv != null && tokenFile != null) {
            throw new IllegalArgumentException("Give one token source: --token-env or --token-file");
        }
        Secret token = tokenEnv != null ? Secret.fromEnvironment(tokenEnv)
                : tokenFile != null ? Secret.fromFile(tokenFile) : null;
        HttpSettings http = HttpSettings.defaults()
                .withConnectTimeout(connectTimeout)
                .withRequestTimeout(requestTimeout)
                .withAttempts(attempts)
                .withBackoff(backoff, maxBackoff)
                .withMaxRetryAfter(maxRetryAfter);
        DeployTarget.Options options = DeployTarget.Options.defaults().withKeep(keep).withHttp(http);
        if (token != null) {
            options = options.withToken(token);
        }
        return DeployTarget.parseAll(targets, options);
    }
}
