package io.mlstages.objectstore;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to reach the object store. Credentials are not part of it: they come from the SDK's default chain
 * (the {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN} environment, the
 * {@code aws.accessKeyId} system properties, {@code ~/.aws} profiles, web identity, the container or instance role),
 * so that a secret never has to appear on a command line.
 *
 * @param endpoint  an S3-compatible endpoint ({@code http://127.0.0.1:9000}), or null for AWS S3; with an endpoint,
 *                  path-style access is used ({@code endpoint/bucket/key}), which S3-compatible stores expect
 * @param region    the region, or null for the SDK's region chain ({@code AWS_REGION}, profile, instance), and
 *                  {@code us-east-1} when that finds none
 */
public record S3Settings(@CheckForNull URI endpoint, @CheckForNull String region) {
    /** The environment variable naming the endpoint of an S3-compatible store. */
    public static final String ENDPOINT_ENV = "MLSTAGES_S3_ENDPOINT";
    /** The environment variable naming the region (before the SDK's own {@code AWS_REGION}). */
    public static final String REGION_ENV = "MLSTAGES_S3_REGION";

    private static volatile S3Settings explicit = new S3Settings(null, null);

    public S3Settings {
        if (endpoint != null) {
            String scheme = endpoint.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
                throw new ObjectStoreException("S3 endpoint '" + S3Url.printable(endpoint.toString())
                        + "': not an http:// or https:// URL with a host");
            }
            if (endpoint.getUserInfo() != null) {
                // a user:password@ part would put a secret on the command line and in error messages
                throw new ObjectStoreException("S3 endpoint " + endpoint.getScheme() + "://" + endpoint.getHost()
                        + ": must not carry credentials; they come from the environment or the instance role");
            }
        }
        if (region != null && !region.matches("[a-z0-9-]{1,40}")) {
            throw new ObjectStoreException("S3 region '" + S3Url.printable(region) + "': not a region name");
        }
    }

    /** Parses an endpoint given as text (an option or an environment variable). */
    public static URI endpoint(final String text) {
        try {
            return new URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new ObjectStoreException("S3 endpoint '" + S3Url.printable(text) + "': not a URL: "
                    + e.getReason(), e);
        }
    }

    /**
     * Sets what the command line gave ({@code --s3-endpoint}, {@code --s3-region}); a null part falls back to the
     * environment. Process-wide, as the command line is.
     */
    public static void configure(@CheckForNull final URI endpoint, @CheckForNull final String region) {
        explicit = new S3Settings(endpoint, region);
    }

    /** The settings in force: what {@link #configure} set, else the environment's. */
    public static S3Settings current() {
        return resolve(explicit, System.getenv());
    }

    static S3Settings resolve(final S3Settings given, final Map<String, String> env) {
        URI endpoint = given.endpoint();
        if (endpoint == null) {
            String text = env.get(ENDPOINT_ENV);
            endpoint = text == null || text.isBlank() ? null : endpoint(text);
        }
        String region = given.region();
        if (region == null) {
            String text = env.get(REGION_ENV);
            region = text == null || text.isBlank() ? null : text.trim();
        }
        return new S3Settings(endpoint, region);
    }

    /** The endpoint for messages: its scheme, host and port only. */
    String where() {
        URI e = Objects.requireNonNullElse(endpoint, URI.create("https://s3.amazonaws.com"));
        return e.getScheme() + "://" + e.getHost() + (e.getPort() < 0 ? "" : ":" + e.getPort());
    }
}
