package io.mlstages.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;

/**
 * POSTs a deployment request to an HTTP target: bearer token, timeouts, retries with exponential backoff and
 * jitter on connection errors, timeouts, 429 and 5xx (honouring {@code Retry-After}), never on other statuses.
 * Redirects are not followed, so the token never travels to a host the user did not name.
 */
final class HttpPublisher {
    /** How much of an error response's body a message quotes. */
    static final int BODY_QUOTE = 200;
    /** How much of a response's body is kept in memory: an endpoint must not be able to exhaust the heap. */
    static final int BODY_KEPT = 64 * 1024;

    private HttpPublisher() {
    }

    /**
     * What the POST achieved.
     *
     * @param ok       whether the endpoint accepted it (2xx)
     * @param status   the last HTTP status, or 0 when no response came
     * @param attempts the attempts made
     * @param detail   what happened, the token masked
     */
    record Sent(boolean ok, int status, int attempts, String detail) {
    }

    static Sent post(final DeployTarget.Http target, final byte[] json, final String idempotencyKey) {
        HttpSettings settings = target.settings();
        Secret token = target.token();
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(target.url()).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.reveal())
                // the same key on every attempt lets the endpoint recognise a retry of a request it already applied
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        String last = "";
        int status = 0;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            Duration wait;
            try {
                HttpResponse<String> response = client.send(request, info -> new LimitedBody(BODY_KEPT));
                status = response.statusCode();
                String body = quote(token, response.body());
                if (status >= 200 && status < 300) {
                    return new Sent(true, status, attempt, "HTTP " + status + " after " + attempts(attempt)
                            + (body.isEmpty() ? "" : ": " + body));
                }
                last = "HTTP " + status + (body.isEmpty() ? "" : ": " + body);
                if (status != 429 && status < 500) {
                    return new Sent(false, status, attempt, "POST " + target.url() + " answered " + last
                            + " (not retried: a " + status + " will not change by retrying), after "
                            + attempts(attempt));
                }
                Optional<Duration> asked = retryAfter(response);
                if (asked.isPresent() && asked.get().compareTo(settings.maxRetryAfter()) > 0) {
                    return new Sent(false, status, attempt, "POST " + target.url() + " answered " + last
                            + " and asked to retry after " + asked.get().toSeconds() + " s, more than the "
                            + settings.maxRetryAfter().toSeconds() + " s limit; gave up after " + attempts(attempt));
                }
                wait = asked.orElse(null);
            }
            catch (HttpTimeoutException e) {
                status = 0;
                last = "timed out (" + token.mask(e.getMessage()) + "; connect timeout "
                        + settings.connectTimeout().toMillis() + " ms, request timeout "
                        + settings.requestTimeout().toMillis() + " ms)";
                wait = null;
            }
            catch (IOException e) {
                status = 0;
                last = "connection failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + token.mask(e.getMessage()));
                wait = null;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Sent(false, status, attempt, "POST " + target.url() + " interrupted after "
                        + attempts(attempt) + (last.isEmpty() ? "" : "; last: " + last));
            }
            if (attempt == settings.attempts()) {
                break;
            }
            if (wait == null) {
                wait = backoff(settings, attempt);
            }
            try {
                Thread.sleep(wait.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Sent(false, status, attempt, "POST " + target.url() + " interrupted after "
                        + attempts(attempt) + "; last: " + last);
            }
        }
        return new Sent(false, status, settings.attempts(), "POST " + target.url() + " failed after "
                + attempts(settings.attempts()) + "; last: " + last);
    }

    /**
     * The wait before attempt {@code attempt + 1}: the initial backoff doubled per attempt made, capped, then a
     * random half of it taken off ("equal jitter"), so that parallel builds failing together do not retry together.
     */
    static Duration backoff(final HttpSettings settings, final int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long base = initial;
        for (int i = 1; i < attempt && base < cap; i++) {
            base *= 2;
        }
        base = Math.min(base, cap);
        long half = base / 2;
        return Duration.ofMillis(base - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** The {@code Retry-After} header: seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(final HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        }
        catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            }
            catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String quote(final Secret token, final String body) {
        if (body == null) {
            return "";
        }
        String masked = token.mask(body.strip());
        String cut = masked.length() <= BODY_QUOTE ? masked : masked.substring(0, BODY_QUOTE) + "...";
        // one line, no control characters: the quote goes into a console and a build log
        return cut.replaceAll("[\\p{Cntrl}]+", " ");
    }

    private static String attempts(final int n) {
        return n + (n == 1 ? " attempt" : " attempts");
    }

    /** Receives a response body keeping only its first bytes; the rest is read and dropped. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;

        LimitedBody(final int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(final Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(final List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int n = Math.min(buffer.remaining(), limit - kept.size());
                if (n > 0) {
                    byte[] bytes = new byte[n];
                    buffer.get(bytes);
                    kept.write(bytes, 0, n);
                }
            }
        }

        @Override
        public void onError(final Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toString(StandardCharsets.UTF_8));
        }
    }
}
