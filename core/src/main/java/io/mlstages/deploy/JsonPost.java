package io.mlstages.deploy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * POSTs a JSON message with a bearer token, with the timeouts, retries and token masking of the HTTP deployment
 * target: other parts of the engine (incident notifications) reuse it rather than speak HTTP themselves.
 */
public final class JsonPost {
    private JsonPost() {
    }

    /**
     * What a POST achieved.
     *
     * @param ok       whether the endpoint accepted it (2xx)
     * @param status   the last HTTP status, or 0 when no response came
     * @param attempts the attempts made
     * @param detail   what happened, the token masked
     */
    public record Sent(boolean ok, int status, int attempts, String detail) {
    }

    /**
     * POSTs {@code json} to {@code url}.
     *
     * @param idempotencyKey sent as {@code Idempotency-Key} on every attempt, so that an endpoint recognises a retry
     * @throws DeployException when the URL is not http(s), names no host or holds user information
     */
    public static Sent post(final URI url, final Secret token, final HttpSettings settings, final String json,
            final String idempotencyKey) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        DeployTarget.Http target = new DeployTarget.Http(url, token, settings);
        HttpPublisher.Sent sent = HttpPublisher.post(target, json.getBytes(StandardCharsets.UTF_8), idempotencyKey);
        return new Sent(sent.ok(), sent.status(), sent.attempts(), sent.detail());
    }
}
