package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How {@link Server} serves. Build one with {@link #ofRegistry} or {@link #ofPackage}; the {@code with...} methods
 * return changed copies. See {@code docs/serving.md} for every default and why.
 *
 * @param host          the interface to bind (default {@value #DEFAULT_HOST}: loopback only, since there is no
 *                      authentication)
 * @param port          the TCP port, 0 for any free one ({@link Server#port()} reports the bound one)
 * @param registry      the registry root, or null when serving a fixed package
 * @param model         the registered model's name (registry mode), else null
 * @param alias         the alias whose version is served (registry mode, default {@value #DEFAULT_ALIAS}), else null
 * @param packagePath   a fixed model package (folder or zip), or null in registry mode
 * @param logDir        where predictions are logged as JSON Lines, or null for no prediction log
 * @param maxBodyBytes  the largest request body accepted (default 1 MiB); a larger one gets 413
 * @param threads       request threads (default twice the processors, at least 4)
 * @param pollInterval  how often the registry is polled for an alias move (default 500 ms)
 * @param logMaxBytes   the size at which the prediction log is rotated (default 64 MiB)
 * @param logKeep       how many rotated prediction logs are kept (default 10)
 * @param logQueue      how many log lines may wait for the writer before new ones are dropped (default 65536)
 */
public record ServeOptions(String host, int port, @CheckForNull Path registry, @CheckForNull String model,
        @CheckForNull String alias, @CheckForNull Path packagePath, @CheckForNull Path logDir, int maxBodyBytes,
        int threads, Duration pollInterval, long logMaxBytes, int logKeep, int logQueue) {

    /** Loopback: nothing outside this machine can reach an unauthenticated server by default. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The alias served when none is given. */
    public static final String DEFAULT_ALIAS = "production";
    /** 1 MiB: thousands of rows of a wide model, far below what would strain the heap per request. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Registry poll period: a swap within a second, at a cost of one small file read per poll. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    /** Prediction log rotation size. */
    public static final long DEFAULT_LOG_MAX_BYTES = 64L * 1024 * 1024;
    /** Rotated prediction logs kept. */
    public static final int DEFAULT_LOG_KEEP = 10;
    /** Log lines that may wait for the writer: about a second of a busy server, a few tens of MB at most. */
    public static final int DEFAULT_LOG_QUEUE = 65_536;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public ServeOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank, not '" + host + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], not " + port);
        }
        if ((registry == null) == (packagePath == null)) {
            throw new IllegalArgumentException("Serve either a registry alias or a fixed package, not "
                    + (registry == null ? "neither" : "both (registry " + registry + ", package " + packagePath + ")"));
        }
        if (registry != null) {
            requireName("model", model);
            requireName("alias", alias);
        } else if (model != null || alias != null) {
            throw new IllegalArgumentException("A model name (" + model + ") and alias (" + alias
                    + ") need a registry; a fixed package " + packagePath + " takes neither");
        }
        if (maxBodyBytes < 2) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 2, not " + maxBodyBytes);
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in [1, 1024], not " + threads);
        }
        if (pollInterval == null || pollInterval.toMillis() < 10) {
            throw new IllegalArgumentException("pollInterval must be at least 10 ms, not " + pollInterval);
        }
        if (logMaxBytes < 1024) {
            throw new IllegalArgumentException("logMaxBytes must be at least 1024, not " + logMaxBytes);
        }
        if (logKeep < 0) {
            throw new IllegalArgumentException("logKeep must not be negative, not " + logKeep);
        }
        if (logQueue < 1) {
            throw new IllegalArgumentException("logQueue must be positive, not " + logQueue);
        }
    }

    /** Serves the version that {@code alias} of {@code model} points to in the registry at {@code root}. */
    public static ServeOptions ofRegistry(@CheckForNull final Path root, @CheckForNull final String model,
            @CheckForNull final String alias) {
        return new ServeOptions(DEFAULT_HOST, 0, root, model, alias == null ? DEFAULT_ALIAS : alias, null, null,
                DEFAULT_MAX_BODY_BYTES, defaultThreads(), DEFAULT_POLL_INTERVAL, DEFAULT_LOG_MAX_BYTES,
                DEFAULT_LOG_KEEP, DEFAULT_LOG_QUEUE);
    }

    /** Serves one fixed model package (a folder or a zip); nothing is swapped. */
    public static ServeOptions ofPackage(final Path packageDirOrZip) {
        return new ServeOptions(DEFAULT_HOST, 0, null, null, null, packageDirOrZip, null, DEFAULT_MAX_BODY_BYTES,
                defaultThreads(), DEFAULT_POLL_INTERVAL, DEFAULT_LOG_MAX_BYTES, DEFAULT_LOG_KEEP, DEFAULT_LOG_QUEUE);
    }

    /** Twice the processors (a request thread also waits on the network), at least 4. */
    public static int defaultThreads() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    public ServeOptions withHost(final String value) {
        return new ServeOptions(value, port, registry, model, alias, packagePath, logDir, maxBodyBytes, threads,
                pollInterval, logMaxBytes, logKeep, logQueue);
    }

    public ServeOptions withPort(final int value) {
        return new ServeOptions(host, value, registry, model, alias, packagePath, logDir, maxBodyBytes, threads,
                pollInterval, logMaxBytes, logKeep, logQueue);
    }

    public ServeOptions withLogDir(final Path value) {
        return new ServeOptions(host, port, registry, model, alias, packagePath, value, maxBodyBytes, threads,
                pollInterval, logMaxBytes, logKeep, logQueue);
    }

    public ServeOptions withMaxBodyBytes(final int value) {
        return new ServeOptions(host, port, registry, model, alias, packagePath, logDir, value, threads,
                pollInterval, logMaxBytes, logKeep, logQueue);
    }

    public ServeOptions withThreads(final int value) {
        return new ServeOptions(host, port, registry, model, alias, packagePath, logDir, maxBodyBytes, value,
                pollInterval, logMaxBytes, logKeep, logQueue);
    }

    public ServeOptions withPollInterval(final Duration value) {
        return new ServeOptions(host, port, registry, model, alias, packagePath, logDir, maxBodyBytes, threads,
                value, logMaxBytes, logKeep, logQueue);
    }

    /** Rotation: the size at which the log is rotated, and how many rotated files are kept. */
    public ServeOptions withLogRotation(final long maxBytes, final int keep) {
        return new ServeOptions(host, port, registry, model, alias, packagePath, logDir, maxBodyBytes, threads,
                pollInterval, maxBytes, keep, logQueue);
    }

    public ServeOptions withLogQueue(final int value) {
        return new ServeOptions(host, port, registry, model, alias, packagePath, logDir, maxBodyBytes, threads,
                pollInterval, logMaxBytes, logKeep, value);
    }

    private static void requireName(final String what, final String value) {
        if (value == null || !NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("The " + what + " name '" + value + "' is not valid: use letters, "
                    + "digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters");
        }
    }
}
