package io.mlstages.deploy;

import java.time.Duration;
import java.util.Objects;

/**
 * How an HTTP target talks to its endpoint. See {@code docs/deploy.md} for why the defaults are what they are.
 *
 * @param connectTimeout  the longest wait for a TCP (and TLS) connection; default 5 s
 * @param requestTimeout  the longest wait for the response once connected, per attempt; default 30 s
 * @param attempts        the most attempts, the first included; default 5
 * @param initialBackoff  the wait before the second attempt, doubled before each further one; default 500 ms
 * @param maxBackoff      the longest wait between attempts computed by doubling; default 30 s
 * @param maxRetryAfter   the longest {@code Retry-After} a server may ask for; a longer one ends the attempts,
 *                        since retrying sooner would ignore it; default 120 s
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int attempts, Duration initialBackoff,
        Duration maxBackoff, Duration maxRetryAfter) {

    public HttpSettings {
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("attempts must be between 1 and 100, not " + attempts);
        }
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than"
                    + " initialBackoff (" + initialBackoff + ")");
        }
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must not be negative, not " + maxRetryAfter);
        }
    }

    /** The defaults: connect 5 s, request 30 s, 5 attempts, backoff from 500 ms doubling up to 30 s, Retry-After up
     * to 120 s. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 5, Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    public HttpSettings withConnectTimeout(final Duration value) {
        return new HttpSettings(value, requestTimeout, attempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    public HttpSettings withRequestTimeout(final Duration value) {
        return new HttpSettings(connectTimeout, value, attempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    public HttpSettings withAttempts(final int value) {
        return new HttpSettings(connectTimeout, requestTimeout, value, initialBackoff, maxBackoff, maxRetryAfter);
    }

    /** Sets the first wait and the cap of the doubling waits. */
    public HttpSettings withBackoff(final Duration initial, final Duration max) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, initial, max, maxRetryAfter);
    }

    public HttpSettings withMaxRetryAfter(final Duration value) {
        return new HttpSettings(connectTimeout, requestTimeout, attempts, initialBackoff, maxBackoff, value);
    }

    private static void positive(final Duration value, final String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
