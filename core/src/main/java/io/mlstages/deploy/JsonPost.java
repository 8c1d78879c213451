package io.mlstages.deploy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
     * Checks a URL the engine will POST to with a token: http or https, a host, no user information.
     *
     * @param what       what the URL is, for the message (e.g. {@code The webhook URL})
     * @param tokenOptions where the token is given instead of in the URL, for the message
     * @return the URL
     * @throws DeployException naming the URL and what is wrong with it
     */
    public static URI checkUrl(final URI url, final String what, final String tokenOptions) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DeployException(what + " must start with http:// or https://, not '" + url + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new DeployException(what + " '" + url + "' names no host");
        }
        if (url.getRawUserInfo() != null) {
            // credentials in a URL end up in logs; the token has its own safe channel (the URL is not quoted: it
            // holds them)
            throw new DeployException(what + " must not hold user information (user:password@); give the token"
                    + " with " + tokenOptions);
        }
        return url;
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
