package io.mlstages.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The server's counters and latency histograms, written in the Prometheus text exposition format (version 0.0.4).
 * Lock-free on the request path: one {@link LongAdder} increment per counter and one per histogram bucket.
 */
final class ServeMetrics {
    /** Latency bucket upper bounds in milliseconds: fine below 10 ms, where a healthy server lives. */
    static final double[] BUCKETS_MS = {0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};
    /** The paths that get a label of their own; any other is "other", so that clients cannot grow the label set. */
    static final String[] PATHS = {"/predict", "/health", "/metrics"};
    static final String OTHER = "other";

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    final LongAdder predictions = new LongAdder();
    final LongAdder swaps = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    private final LongSupplier logBytes;
    private final LongSupplier logDropped;
    private final LongSupplier logQueued;

    ServeMetrics(final LongSupplier logBytes, final LongSupplier logDropped, final LongSupplier logQueued) {
        this.logBytes = logBytes;
        this.logDropped = logDropped;
        this.logQueued = logQueued;
        for (String path : PATHS) {
            latency.put(path, new Histogram());
        }
        latency.put(OTHER, new Histogram());
    }

    static String pathLabel(final String path) {
        for (String known : PATHS) {
            if (known.equals(path)) {
                return known;
            }
        }
        return OTHER;
    }

    void record(final String pathLabel, final int status, final long nanos) {
        requests.computeIfAbsent(pathLabel + " " + status, k -> new LongAdder()).increment();
        latency.get(pathLabel).add(nanos);
    }

    /** The exposition text; {@code model} may be null before a model is loaded. */
    String render(final ServedModel model) {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP mlstages_http_requests_total HTTP requests handled, by path and status code.\n");
        out.append("# TYPE mlstages_http_requests_total counter\n");
        for (Map.Entry<String, LongAdder> entry : new TreeMap<>(requests).entrySet()) {
            int space = entry.getKey().indexOf(' ');
            out.append("mlstages_http_requests_total{path=\"").append(entry.getKey(), 0, space)
                    .append("\",code=\"").append(entry.getKey().substring(space + 1)).append("\"} ")
                    .append(entry.getValue().sum()).append('\n');
        }
        out.append("# HELP mlstages_http_request_duration_seconds Time from the whole request being received to "
                + "its response being ready to send (waiting for a worker included), by path.\n");
        out.append("# TYPE mlstages_http_request_duration_seconds histogram\n");
        for (Map.Entry<String, Histogram> entry : new TreeMap<>(latency).entrySet()) {
            entry.getValue().render(out, "mlstages_http_request_duration_seconds", entry.getKey());
        }
        counter(out, "mlstages_predictions_total", "Rows scored.", predictions.sum());
        out.append("# HELP mlstages_model_version The registry version of the model being served (0 for a fixed "
                + "package; absent before a model is loaded).\n");
        out.append("# TYPE mlstages_model_version gauge\n");
        if (model != null) {
            out.append("mlstages_model_version{model=\"").append(escape(model.name)).append("\"} ")
                    .append(model.version).append('\n');
        }
        counter(out, "mlstages_model_swaps_total", "Times a new model version replaced the served one.",
                swaps.sum());
        counter(out, "mlstages_model_load_failures_total",
                "New versions that failed to load or verify and were not served.", loadFailures.sum());
        counter(out, "mlstages_prediction_log_bytes_total", "Bytes written to the prediction log.",
                logBytes.getAsLong());
        counter(out, "mlstages_prediction_log_dropped_total",
                "Prediction log lines dropped because the writer's queue was full.", logDropped.getAsLong());
        out.append("# HELP mlstages_prediction_log_queue Prediction log lines waiting for the writer.\n");
        out.append("# TYPE mlstages_prediction_log_queue gauge\n");
        out.append("mlstages_prediction_log_queue ").append(logQueued.getAsLong()).append('\n');
        return out.toString();
    }

    private static void counter(final StringBuilder out, final String name, final String help, final long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    /** Label values escape backslash, double quote and newline. */
    static String escape(final String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A histogram kept per bucket (not cumulative) and summed at exposition. */
    static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS_MS.length + 1];
        private final LongAdder sumNanos = new LongAdder();
        private final long[] boundsNanos = new long[BUCKETS_MS.length];

        Histogram() {
            for (int b = 0; b < counts.length; b++) {
                counts[b] = new LongAdder();
            }
            for (int b = 0; b < BUCKETS_MS.length; b++) {
                boundsNanos[b] = Math.round(BUCKETS_MS[b] * 1_000_000);
            }
        }

        void add(final long nanos) {
            int b = 0;
            while (b < boundsNanos.length && nanos > boundsNanos[b]) {
                b++;
            }
            counts[b].increment();
            sumNanos.add(nanos);
        }

        void render(final StringBuilder out, final String name, final String path) {
            long cumulative = 0;
            for (int b = 0; b < counts.length; b++) {
                cumulative += counts[b].sum();
                String le = b < BUCKETS_MS.length ? format(BUCKETS_MS[b] / 1000) : "+Inf";
                out.append(name).append("_bucket{path=\"").append(path).append("\",le=\"").append(le).append("\"} ")
                        .append(cumulative).append('\n');
            }
            out.append(name).append("_sum{path=\"").append(path).append("\"} ")
                    .append(format(sumNanos.sum() / 1e9)).append('\n');
            out.append(name).append("_count{path=\"").append(path).append("\"} ").append(cumulative).append('\n');
        }

        private static String format(final double value) {
            String text = String.format(Locale.ROOT, "%.6f", value);
            // trim trailing zeros so that bucket labels read 0.0005, 0.001, 0.25
            text = text.replaceAll("0+$", "");
            return text.endsWith(".") ? text + "0" : text;
        }
    }
}
