package io.mlstages.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mlstages.MlStagesException;
import io.mlstages.registry.Registry;
import io.mlstages.train.ModelPackage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * <p>Built on the JDK's {@code com.sun.net.httpserver} (module {@code jdk.httpserver}, in every JDK 17) with a
 * bounded pool of request threads, so that serving adds no dependency.</p>
 */
public final class Server implements AutoCloseable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String JSON = "application/json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    /** Requests that may wait for a thread; beyond that the accepting thread runs them itself (back-pressure). */
    private static final int QUEUED_REQUESTS = 1024;
    /** The longest a client may take to send a request; a tunable system property of the JDK server. */
    static final int MAX_REQUEST_SECONDS = Integer.getInteger("mlstages.serve.maxRequestSeconds", 30);
    /**
     * The request being handled on this thread (a request runs on one thread from dispatch to response): when it
     * was dispatched, its path label, whether it was counted. Not exchange attributes: the JDK 17 server keeps
     * those per context, shared by all requests.
     */
    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(Call::new);

    private final ServeOptions options;
    private final Consumer<String> events;
    private final AtomicReference<ServedModel> current = new AtomicReference<>();
    private final AtomicReference<String> unavailable = new AtomicReference<>();
    private final PredictionLog log;
    private final ServeMetrics metrics;
    private final Registry registry;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService watcher;
    private final HttpServer http;
    private long seenChanges = Long.MIN_VALUE;

    private Server(final ServeOptions options, final Consumer<String> events) {
        this.options = options;
        this.events = events;
        this.registry = options.registry() == null ? null : Registry.open(options.registry());
        // load first: a server that cannot load its model at start should fail before it binds a port
        if (registry == null) {
            ModelPackage model = ModelPackage.load(options.packagePath());
            current.set(new ServedModel(packageName(options.packagePath()), 0, model));
        } else {
            // unlike a later poll, a version that fails to load here is an error: there is nothing else to serve
            seenChanges = registry.changeCount(options.model());
            Optional<Integer> version = registry.alias(options.model(), options.alias());
            if (version.isPresent()) {
                current.set(new ServedModel(options.model(), version.get(),
                        registry.load(options.model(), version.get())));
                events.accept("Serving " + options.model() + " version " + version.get() + " (alias "
                        + options.alias() + ")");
            } else {
                unavailable.set(noVersion());
                events.accept(unavailable.get() + "; waiting for it");
            }
        }
        PredictionLog opened = null;
        if (options.logDir() != null) {
            opened = new PredictionLog(options.logDir(), options.logMaxBytes(), options.logKeep(),
                    options.logQueue());
        }
        this.log = opened;
        this.metrics = new ServeMetrics(opened == null ? () -> 0 : opened::bytesWritten,
                opened == null ? () -> 0 : opened::dropped, opened == null ? () -> 0 : opened::queued);
        this.executor = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), daemon("mlstages-serve-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        // the JDK server's default leaves Nagle's algorithm on, which with delayed ACKs adds up to 40 ms to a
        // keep-alive response; it reads the property once, when its first server is created
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        // a client that stalls while sending its request (or a body the server refused and drains) is cut off
        // after this many seconds, so that it cannot hold a request thread for ever
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        try {
            http = HttpServer.create(address, 256);
        } catch (IOException e) {
            executor.shutdownNow();
            if (log != null) {
                log.close();
            }
            throw new ServeException("Cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
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
            return new Server(options, events);
        } catch (ServeException e) {
            throw e;
        } catch (MlStagesException e) {
            throw new ServeException(e.getMessage(), e);
        }
    }

    /** The bound address (the actual port when 0 was asked). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The bound port. */
    public int port() {
        return http.getAddress().getPort();
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

    /** Stops accepting, lets running requests finish (up to a second), writes the queued prediction log lines. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        http.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        try {
            long changes = registry.changeCount(model);
            if (changes == seenChanges) {
                return;
            }
            seenChanges = changes;
            Optional<Integer> version = registry.alias(model, alias);
            ServedModel served = current.get();
            if (version.isEmpty()) {
                String reason = noVersion();
                if (served == null) {
                    unavailable.set(reason);
                } else {
                    unavailable.set(reason + "; still serving version " + served.version);
                }
                events.accept(unavailable.get());
                return;
            }
            if (served != null && served.version == version.get()) {
                return;
            }
            ServedModel next = new ServedModel(model, version.get(), registry.load(model, version.get()));
            current.set(next);
            unavailable.set(null);
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
            unavailable.set(e.getMessage() + (served == null ? "" : "; still serving version " + served.version));
            events.accept(unavailable.get());
        } catch (RuntimeException e) {
            // the watcher must survive anything, or swaps would silently stop
            metrics.loadFailures.increment();
            unavailable.set("Checking the registry failed: " + e);
            events.accept(unavailable.get());
        }
    }

    private String noVersion() {
        return "the alias " + options.alias() + " of model " + options.model() + " points to no version in the "
                + "registry " + registry.root();
    }

    private void handle(final HttpExchange exchange) {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getRawPath();
        String label = ServeMetrics.pathLabel(path);
        Call call = current();
        call.start = start;
        call.label = label;
        call.counted = false;
        int status = 500;
        try {
            if (!"/predict".equals(label) || !"POST".equals(exchange.getRequestMethod())) {
                unread(exchange);
            }
            status = switch (label) {
                case "/predict" -> predict(exchange);
                case "/health" -> health(exchange);
                case "/metrics" -> metricsPage(exchange);
                default -> error(exchange, 404, "No such endpoint: " + shorten(path)
                        + "; the endpoints are POST /predict, GET /health and GET /metrics", null, -1);
            };
        } catch (IOException e) {
            // the client went away; nothing can be sent
            status = 499;
        } catch (RuntimeException e) {
            status = 500;
            try {
                error(exchange, 500, "Internal error: " + e.getClass().getSimpleName(), null, -1);
            } catch (IOException | RuntimeException ignored) {
                // the response may have started; the connection is closed below
            }
        } finally {
            if (!call.counted) {
                // no response was sent (the client went away before): count it here
                metrics.record(label, status, System.nanoTime() - start);
            }
            exchange.close();
        }
    }

    private int predict(final HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return error(exchange, 405, "Use POST for /predict, not " + exchange.getRequestMethod(), null, -1);
        }
        int max = options.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return error(unread(exchange), 400, "The Content-Length header is not a number", null, -1);
            }
            if (declared > max) {
                return tooLarge(exchange, max);
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(max + 1);
        }
        if (body.length > max) {
            return tooLarge(exchange, max);
        }
        ServedModel model = current.get();
        if (model == null) {
            return error(exchange, 503, "No model is loaded: " + unavailable.get(), null, -1);
        }
        Scorer.Result result;
        try {
            result = Scorer.score(model, body, log != null);
        } catch (BadRequest e) {
            return error(exchange, 400, e.getMessage(), e.field, e.row);
        } catch (MlStagesException e) {
            return error(exchange, 400, e.getMessage(), null, -1);
        }
        metrics.predictions.add(result.rows());
        if (log != null) {
            for (byte[] line : result.logLines()) {
                log.offer(line);
            }
        }
        return send(exchange, 200, JSON, result.response());
    }

    private int tooLarge(final HttpExchange exchange, final int max) throws IOException {
        return error(unread(exchange), 413, "The body exceeds the limit of " + max + " bytes; send fewer rows per "
                + "request", null, -1);
    }

    private int health(final HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return error(exchange, 405, "Use GET for /health, not " + exchange.getRequestMethod(), null, -1);
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
            String problem = unavailable.get();
            if (problem != null) {
                json.writeStringField("problem", problem);
            }
            json.writeEndObject();
        }
        return send(exchange, model == null ? 503 : 200, JSON, out.toByteArray());
    }

    private int metricsPage(final HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return error(exchange, 405, "Use GET for /metrics, not " + exchange.getRequestMethod(), null, -1);
        }
        return send(exchange, 200, PROMETHEUS, metrics.render(current.get()).getBytes(StandardCharsets.UTF_8));
    }

    private int error(final HttpExchange exchange, final int status, final String reason, final String field,
            final int row) throws IOException {
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
        }
        return send(exchange, status, JSON, out.toByteArray());
    }

    private int send(final HttpExchange exchange, final int status, final String type, final byte[] body)
            throws IOException {
        // counted before the response goes out, so that a client that reads /metrics after its response sees it
        Call call = current();
        if (!call.counted) {
            call.counted = true;
            metrics.record(call.label, status, System.nanoTime() - call.start);
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return status;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    /**
     * Marks the response {@code Connection: close} when the request has a body that is left unread, so that the
     * client does not reuse a connection that the server may close after draining a little of the body.
     */
    private static HttpExchange unread(final HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean body = exchange.getRequestHeaders().containsKey("Transfer-Encoding")
                || length != null && !"0".equals(length.trim());
        if (body) {
            exchange.getResponseHeaders().set("Connection", "close");
        } else {
            // an empty body must still be read to its end, or the server takes it for unread and closes
            exchange.getRequestBody().read();
        }
        return exchange;
    }

    private static Call current() {
        return CALLS.get();
    }

    /** See {@link #CALLS}. */
    private static final class Call {
        long start;
        String label;
        boolean counted;
    }

    private static void setIfAbsent(final String property, final String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static String shorten(final String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private static String packageName(final Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        String text = name == null ? "model" : name.toString();
        return text.endsWith(".zip") ? text.substring(0, text.length() - 4) : text;
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
