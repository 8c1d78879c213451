package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.mlstages.MlStagesException;
import io.mlstages.registry.Registry;
import io.mlstages.train.ModelPackage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * An HTTP server scoring JSON rows: {@code POST /predict}, {@code GET /health}, {@code GET /metrics}. It serves a
 * fixed model package, or the version a registry alias points to, swapping to the new version when the alias
 * moves without failing a request: a request takes the model once when it starts and finishes on it, while a
 * watcher loads and verifies the new version fully before it replaces the old one. See {@code docs/serving.md}.
 *
 * <p>The HTTP layer is {@link HttpLoop}: one thread does all network input and output without blocking, and a
 * bounded pool of worker threads only scores, so that slow or stalled clients cannot take the workers. It needs
 * nothing beyond the JDK.</p>
 */
public final class Server implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    /** Complete requests that may wait for a worker; beyond that a request gets 503 at once. */
    private static final int QUEUED_REQUESTS = 1024;
    /** The longest a client may take from the first byte of a request to the end of its headers. */
    static final int HEADER_SECONDS = Integer.getInteger("mlstages.serve.headerSeconds", 10);
    /** The longest a client may take to send a whole request (headers and body). */
    static final int MAX_REQUEST_SECONDS = Integer.getInteger("mlstages.serve.maxRequestSeconds", 30);
    /** How long a keep-alive connection may sit idle between requests, and a response may take to be read. */
    static final int IDLE_SECONDS = Integer.getInteger("mlstages.serve.idleSeconds", 30);
    /** Open connections; each costs a socket and a buffer (a few KB while idle), no thread. */
    static final int MAX_CONNECTIONS = Integer.getInteger("mlstages.serve.maxConnections", 4096);

    private final ServeOptions options;
    private final Consumer<String> events;
    private final AtomicReference<ServedModel> current = new AtomicReference<>();
    private final AtomicReference<String> unavailable = new AtomicReference<>();
    /** {@link #unavailable} without paths or exception text: what {@code /health} shows to anyone. */
    private final AtomicReference<String> publicProblem = new AtomicReference<>();
    @CheckForNull private final PredictionLog log;
    private final ServeMetrics metrics;
    @CheckForNull private final Registry registry;
    private final ThreadPoolExecutor executor;
    @CheckForNull private final ScheduledExecutorService watcher;
    private final HttpLoop http;
    private long seenChanges = Long.MIN_VALUE;

    private Server(final ServeOptions options, final Consumer<String> events,
            @CheckForNull final HttpLoop.Limits given) {
        this.options = options;
        this.events = events;
        Path root = options.registry();
        this.registry = root == null ? null : Registry.open(root);
        // load first: a server that cannot load its model at start should fail before it binds a port
        if (registry == null) {
            Path packagePath = Objects.requireNonNull(options.packagePath(), "packagePath without a registry");
            ModelPackage model = ModelPackage.load(packagePath);
            current.set(new ServedModel(packageName(packagePath), 0, model));
        } else {
            // unlike a later poll, a version that fails to load here is an error: there is nothing else to serve
            String model = Objects.requireNonNull(options.model(), "model with a registry");
            seenChanges = registry.changeCount(model);
            Optional<Integer> version = registry.alias(model, Objects.requireNonNull(options.alias(), "alias"));
            if (version.isPresent()) {
                current.set(new ServedModel(model, version.get(), registry.load(model, version.get())));
                events.accept("Serving " + model + " version " + version.get() + " (alias "
                        + options.alias() + ")");
            } else {
                problem(noVersion(), publicNoVersion());
                events.accept(unavailable.get() + "; waiting for it");
            }
        }
        PredictionLog opened = null;
        Path logDir = options.logDir();
        if (logDir != null) {
            opened = new PredictionLog(logDir, options.logMaxBytes(), options.logKeep(),
                    options.logQueue());
        }
        this.log = opened;
        this.metrics = new ServeMetrics(opened == null ? () -> 0 : opened::bytesWritten,
                opened == null ? () -> 0 : opened::dropped, opened == null ? () -> 0 : opened::queued);
        // a full queue refuses (503 from the I/O thread) rather than running the request on the I/O thread
        this.executor = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), daemon("mlstages-serve-"),
                new ThreadPoolExecutor.AbortPolicy());
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        HttpLoop.Limits limits = given != null ? given : new HttpLoop.Limits(options.maxBodyBytes(), MAX_CONNECTIONS,
                TimeUnit.SECONDS.toNanos(HEADER_SECONDS), TimeUnit.SECONDS.toNanos(MAX_REQUEST_SECONDS),
                TimeUnit.SECONDS.toNanos(IDLE_SECONDS), TimeUnit.SECONDS.toNanos(IDLE_SECONDS),
                bufferBudget(options.maxBodyBytes()));
        try {
            http = new HttpLoop(address, 256, executor, new HttpLoop.Handler() {
                @Override
                public HttpLoop.Response handle(final HttpLoop.Request request, final long dispatched) {
                    return Server.this.handle(request, dispatched);
                }

                @Override
                public HttpLoop.Response refuse(@CheckForNull final String rawPath, final int status,
                        final String reason) {
                    return Server.this.refuse(rawPath, status, reason);
                }
            }, limits);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            if (log != null) {
                log.close();
            }
            throw new ServeException("Cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        if (registry != null) {
            watcher = Executors.newSingleThreadScheduledExecutor(daemon("mlstages-serve-watcher-"));
            long period = options.pollInterval().toMillis();
            watcher.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
    }

    /**
     * Loads the model and starts serving.
     *
     * @throws ServeException when the package or registry version cannot be loaded or verified, or the address
     *                        cannot be bound. In registry mode an alias that points nowhere yet is not an error:
     *                        the server starts, answers 503 and serves the version as soon as the alias is set
     */
    public static Server start(final ServeOptions options) {
        return start(options, message -> { });
    }

    /**
     * As {@link #start(ServeOptions)}, telling {@code events} what happens to the served model (loaded, swapped, a
     * new version refused) in one-line messages, from the watcher's thread.
     */
    public static Server start(final ServeOptions options, final Consumer<String> events) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(events, "events");
        try {
            return new Server(options, events, null);
        } catch (ServeException e) {
            throw e;
        } catch (MlStagesException e) {
            throw new ServeException(e.getMessage(), e);
        }
    }

    /** As {@link #start(ServeOptions, Consumer)} with other connection limits and timeouts (tests). */
    static Server start(final ServeOptions options, final HttpLoop.Limits limits) {
        return new Server(options, message -> { }, limits);
    }

    /** The bound address (the actual port when 0 was asked). */
    public InetSocketAddress address() {
        return http.address();
    }

    /** The bound port. */
    public int port() {
        return http.address().getPort();
    }

    /** The server's base URI, {@code http://host:port/}. */
    public URI uri() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The version being served (0 for a fixed package), empty while no model is loaded. */
    public OptionalInt modelVersion() {
        ServedModel model = current.get();
        return model == null ? OptionalInt.empty() : OptionalInt.of(model.version);
    }

    /** Why no model is served or why the last new version was refused, if so. */
    public Optional<String> problem() {
        return Optional.ofNullable(unavailable.get());
    }

    /** Lets running requests finish (up to 5 seconds), closes every connection, writes the queued log lines. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
        if (log != null) {
            log.close();
        }
    }

    /**
     * One watcher round: when the registry's change count moved, reads the alias; when it points to another
     * version, loads and verifies that version, smoke-tests it, and only then swaps it in.
     */
    private void poll() {
        String model = options.model();
        String alias = options.alias();
        int attempted = -1;
        try {
            long changes = registry.changeCount(model);
            if (changes == seenChanges) {
                return;
            }
            seenChanges = changes;
            Optional<Integer> version = registry.alias(model, alias);
            ServedModel served = current.get();
            if (version.isEmpty()) {
                String still = served == null ? "" : "; still serving version " + served.version;
                problem(noVersion() + still, publicNoVersion() + still);
                events.accept(unavailable.get());
                return;
            }
            if (served != null && served.version == version.get()) {
                return;
            }
            attempted = version.get();
            ServedModel next = new ServedModel(model, version.get(), registry.load(model, version.get()));
            current.set(next);
            problem(null, null);
            if (served != null) {
                metrics.swaps.increment();
                events.accept("Serving " + model + " version " + next.version + " (alias " + alias + "), "
                        + "replacing version " + served.version);
            } else {
                events.accept("Serving " + model + " version " + next.version + " (alias " + alias + ")");
            }
        } catch (MlStagesException e) {
            metrics.loadFailures.increment();
            ServedModel served = current.get();
            String still = served == null ? "" : "; still serving version " + served.version;
            problem(e.getMessage() + still, publicLoadFailure(attempted) + still);
            events.accept(unavailable.get());
        } catch (RuntimeException e) {
            // the watcher must survive anything, or swaps would silently stop
            metrics.loadFailures.increment();
            problem("Checking the registry failed: " + e, publicLoadFailure(attempted));
            events.accept(unavailable.get());
        }
    }

    private void problem(final String detail, final String shown) {
        unavailable.set(detail);
        publicProblem.set(shown);
    }

    private String publicNoVersion() {
        return "the alias " + options.alias() + " of model " + options.model() + " points to no version";
    }

    private String publicLoadFailure(final int version) {
        String which = version < 0 ? "the registry could not be read for model " + options.model()
                : "version " + version + " of model " + options.model() + " failed to load or verify";
        return which + "; the server's log says why";
    }

    private String noVersion() {
        return "the alias " + options.alias() + " of model " + options.model() + " points to no version in the "
                + "registry " + Objects.requireNonNull(registry, "registry").root();
    }

    /** Answers one complete request on a worker thread. */
    private HttpLoop.Response handle(final HttpLoop.Request request, final long dispatched) {
        String label = ServeMetrics.pathLabel(request.rawPath());
        HttpLoop.Response response;
        try {
            response = switch (label) {
                case "/predict" -> predict(request);
                case "/health" -> health(request);
                case "/metrics" -> metricsPage(request);
                default -> error(404, "No such endpoint: " + HttpLoop.quote(request.rawPath())
                        + "; the endpoints are POST /predict, GET /health and GET /metrics", null, -1);
            };
        } catch (RuntimeException e) {
            response = error(500, "Internal error: " + e.getClass().getSimpleName(), null, -1);
        }
        // counted before the response goes out, so that a client that reads /metrics after its response sees it
        metrics.record(label, response.status(), System.nanoTime() - dispatched);
        return response;
    }

    /** A refusal by the connection layer (malformed request, timeout, full server): answered and counted here. */
    private HttpLoop.Response refuse(@CheckForNull final String rawPath, final int status, final String reason) {
        metrics.record(rawPath == null ? ServeMetrics.OTHER : ServeMetrics.pathLabel(rawPath), status, 0);
        return error(status, reason, null, -1);
    }

    private HttpLoop.Response predict(final HttpLoop.Request request) {
        if (!"POST".equals(request.method())) {
            return error(405, "Use POST for /predict, not " + HttpLoop.quote(request.method()), null, -1,
                    "POST");
        }
        ServedModel model = current.get();
        if (model == null) {
            return error(503, "No model is loaded: " + publicProblem.get(), null, -1);
        }
        Scorer.Result result;
        try {
            result = Scorer.score(model, request.body(), log != null);
        } catch (BadRequest e) {
            return error(400, e.getMessage(), e.field, e.row);
        } catch (MlStagesException e) {
            return error(400, e.getMessage(), null, -1);
        }
        metrics.predictions.add(result.rows());
        if (log != null) {
            for (byte[] line : result.logLines()) {
                log.offer(line);
            }
        }
        return new HttpLoop.Response(200, JSON, result.response());
    }

    private HttpLoop.Response health(final HttpLoop.Request request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return error(405, "Use GET for /health, not " + HttpLoop.quote(request.method()), null, -1,
                    "GET, HEAD");
        }
        ServedModel model = current.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("status", model == null ? "unavailable" : "ok");
            if (model != null) {
                json.writeStringField("model", model.name);
                json.writeNumberField("modelVersion", model.version);
                json.writeStringField("algorithm", model.model.metadata().algorithm().label());
                json.writeStringField("task", model.model.metadata().task().label());
            }
            if (options.alias() != null) {
                json.writeStringField("alias", options.alias());
            }
            // the public form: no file system path reaches an unauthenticated client; the server's log has it
            String problem = publicProblem.get();
            if (problem != null) {
                json.writeStringField("problem", problem);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HttpLoop.Response(model == null ? 503 : 200, JSON, out.toByteArray());
    }

    private HttpLoop.Response metricsPage(final HttpLoop.Request request) {
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            return error(405, "Use GET for /metrics, not " + HttpLoop.quote(request.method()), null, -1,
                    "GET, HEAD");
        }
        return new HttpLoop.Response(200, PROMETHEUS, metrics.render(current.get()).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpLoop.Response error(final int status, final String reason, @CheckForNull final String field,
            final int row) {
        return error(status, reason, field, row, null);
    }

    private static HttpLoop.Response error(final int status, final String reason, @CheckForNull final String field,
            final int row, @CheckForNull final String allow) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("error", reason);
            if (field != null) {
                json.writeStringField("field", field);
            }
            if (row >= 0) {
                json.writeNumberField("row", row);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HttpLoop.Response(status, JSON, out.toByteArray(), allow == null ? Map.of() : Map.of("Allow", allow));
    }

    private static String packageName(final Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        String text = name == null ? "model" : name.toString();
        return text.endsWith(".zip") ? text.substring(0, text.length() - 4) : text;
    }

    /**
     * The bytes of requests the server holds in memory at once: a quarter of the heap, at most 256 MiB, but room
     * for at least four bodies of the largest size.
     */
    static long bufferBudget(final int maxBodyBytes) {
        long quarter = Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4);
        return Math.max(quarter, 4L * maxBodyBytes + 1024 * 1024);
    }

    private static ThreadFactory daemon(final String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
