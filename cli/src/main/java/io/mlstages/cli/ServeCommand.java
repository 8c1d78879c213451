package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.serve.ServeOptions;
import io.mlstages.serve.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mlstages serve}: an HTTP server that scores rows with the version an alias points at. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a model over HTTP: POST /predict, GET /health, GET /metrics (Prometheus). In registry "
                + "mode it follows an alias and swaps to the new version when the alias moves, without a failed "
                + "request. Every prediction is logged as JSON Lines: the live data that drift checks read.",
            "Binds to 127.0.0.1 by default: the server has no authentication. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--registry", paramLabel = "DIR", description = "The registry folder (with --model).")
    @CheckForNull Path registry;

    @Option(names = "--model", paramLabel = "NAME", description = "The registered model to serve.")
    @CheckForNull String model;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = ServeOptions.DEFAULT_ALIAS,
            description = "The alias to follow (default: ${DEFAULT-VALUE}).")
    String alias;

    @Option(names = "--package", paramLabel = "PACKAGE", description = "Instead: serve this package, fixed.")
    @CheckForNull Path packagePath;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServeOptions.DEFAULT_HOST,
            description = "The interface to bind (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The TCP port; 0 for any free one (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "65535")
    int port;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Where predictions are logged as JSON Lines (default: no prediction log).")
    @CheckForNull Path logDir;

    @Option(names = "--log-max-mb", paramLabel = "MB", defaultValue = "64",
            description = "Rotate the prediction log at this size (default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "1048576")
    long logMaxMb;

    @Option(names = "--log-keep", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_LOG_KEEP,
            description = "Rotated prediction logs kept (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "10000")
    int logKeep;

    @Option(names = "--max-body-kb", paramLabel = "KB", defaultValue = "1024",
            description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    @Range(min = "1", max = "1048576")
    int maxBodyKb;

    @Option(names = "--threads", paramLabel = "N", description = "Request threads (default: twice the processors).")
    @Range(min = "1", max = "1024")
    @CheckForNull Integer threads;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "500ms",
            description = "How often the registry is checked for an alias move (default: ${DEFAULT-VALUE}).")
    @Range(min = "10ms", max = "1d")
    Duration poll;

    @Mixin
    OutputMixin quiet;

    @Override
    public Integer call() throws InterruptedException {
        if ((packagePath == null) == (registry == null || model == null)) {
            throw new IllegalArgumentException("Give either --registry DIR --model NAME, or --package PACKAGE");
        }
        ServeOptions options = packagePath != null ? ServeOptions.ofPackage(packagePath)
                : ServeOptions.ofRegistry(registry, model, alias);
        options = options.withHost(host).withPort(port).withMaxBodyBytes(Math.multiplyExact(maxBodyKb, 1024))
                .withPollInterval(poll)
                .withLogRotation(Math.multiplyExact(logMaxMb, 1024L * 1024L), logKeep);
        if (logDir != null) {
            options = options.withLogDir(logDir);
        }
        if (threads != null) {
            options = options.withThreads(threads);
        }
        PrintWriter err = spec.commandLine().getErr();
        Server server = Server.start(options, event -> {
            if (!quiet.quiet) {
                synchronized (err) {
                    err.println(event);
                    err.flush();
                }
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mlstages-serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Serving on http://" + host + ":" + server.port() + "/ (POST /predict, GET /health, GET /metrics)");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
