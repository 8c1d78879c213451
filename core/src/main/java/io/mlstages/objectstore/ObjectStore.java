package io.mlstages.objectstore;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object store as the engine uses it: whole and streaming reads, ranged reads, plain and conditional writes,
 * listings and deletes, each failure turned into an {@link ObjectStoreException} that names the URL (exit 2 on the
 * command line), never a credential. One SDK client per settings, shared by every thread of the process.
 */
public final class ObjectStore {
    private static final Map<S3Settings, ObjectStore> OPEN = new ConcurrentHashMap<>();
    private static final int PRECONDITION_FAILED = 412;
    private static final int CONFLICT = 409;
    /** Tries of a conditional write that meets 409 (another one in flight), 20 ms to 320 ms apart. */
    private static final int CONFLICT_ATTEMPTS = 6;

    private final S3Settings settings;
    private final S3Client client;

    private ObjectStore(final S3Settings settings, final S3Client client) {
        this.settings = settings;
        this.client = client;
    }

    /** The store for the settings in force ({@link S3Settings#current()}). */
    public static ObjectStore get() {
        return of(S3Settings.current());
    }

    /** The store for these settings (one client per distinct settings, kept for the life of the process). */
    public static ObjectStore of(final S3Settings settings) {
        return OPEN.computeIfAbsent(settings, ObjectStore::connect);
    }

    private static ObjectStore connect(final S3Settings settings) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)).build())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // 8 attempts, not 3: the JDK keeps up to 5 idle connections per host, and a store that closed them
                // all (its idle timeout) fails a PUT on each in turn ("Error writing request body to server")
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(8)))
                .region(Region.of(region(settings)));
        if (settings.endpoint() != null) {
            // S3-compatible stores answer at endpoint/bucket/key and may not know the newer checksum trailers
            builder.endpointOverride(settings.endpoint()).forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new ObjectStore(settings, builder.build());
    }

    private static String region(final S3Settings settings) {
        String given = settings.region();
        if (given != null) {
            return given;
        }
        try {
            Region found = new DefaultAwsRegionProviderChain().getRegion();
            return found == null ? "us-east-1" : found.id();
        } catch (SdkClientException e) {
            // no region configured anywhere: S3-compatible stores ignore it, and AWS redirects by bucket
            return "us-east-1";
        }
    }

    /** The settings this store was opened with. */
    public S3Settings settings() {
        return settings;
    }

    /**
     * A streaming read of an object: bytes arrive as they are read, nothing is downloaded first.
     *
     * @throws ObjectStoreException naming the URL when the bucket or object is missing or access is denied
     */
    public InputStream open(final S3Url url) {
        try {
            return client.getObject(get(url).build());
        } catch (SdkException e) {
            throw failure(url, "cannot be read", e);
        }
    }

    /** The object's bytes and entity tag, or empty when there is no such object (a missing bucket is an error). */
    public Optional<Stored> read(final S3Url url) {
        try {
            var bytes = client.getObject(get(url).build(), ResponseTransformer.toBytes());
            return Optional.of(new Stored(bytes.asByteArray(), bytes.response().eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)
                    && !"NoSuchBucket".equals(code(e))) {
                return Optional.empty();
            }
            throw failure(url, "cannot be read", e);
        } catch (SdkException e) {
            throw failure(url, "cannot be read", e);
        }
    }

    /** The object's size and entity tag, or empty when there is no such object. */
    public Optional<Head> head(final S3Url url) {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(url.bucket()).key(url.key()));
            return Optional.of(new Head(head.contentLength(), head.eTag(), head.lastModified()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure(url, "cannot be read", e);
        } catch (SdkException e) {
            throw failure(url, "cannot be read", e);
        }
    }

    /**
     * Bytes {@code from} to {@code from + length - 1} of the object (fewer at its end), only from the object version
     * whose entity tag is {@code etag}: an object replaced while it is read fails rather than mixing two versions.
     */
    byte[] range(final S3Url url, final long from, final int length, final String etag) {
        try {
            return client.getObject(get(url).range("bytes=" + from + "-" + (from + length - 1)).ifMatch(etag).build(),
                    ResponseTransformer.toBytes()).asByteArray();
        } catch (SdkException e) {
            throw failure(url, "cannot be read", e);
        }
    }

    /**
     * A read-only random-access channel over the object, one ranged GET per buffer of {@code bufferBytes} that a read
     * leaves (for Parquet's footer-then-column-chunk reads).
     *
     * @throws ObjectStoreException naming the URL when there is no such object or access is denied
     */
    public SeekableByteChannel channel(final S3Url url, final int bufferBytes) {
        Head head = head(url).orElseThrow(() -> failure(url, "cannot be read", null));
        return new RangedChannel(this, url, head.size(), head.etag(), bufferBytes);
    }

    /** Writes an object, replacing whatever is there. */
    public String put(final S3Url url, final byte[] bytes) {
        try {
            return client.putObject(PutObjectRequest.builder().bucket(url.bucket()).key(url.key()).build(),
                    RequestBody.fromBytes(bytes)).eTag();
        } catch (SdkException e) {
            throw failure(url, "cannot be written", e);
        }
    }

    /** Uploads a file as an object, replacing whatever is there. */
    public String put(final S3Url url, final Path file) {
        try {
            return client.putObject(PutObjectRequest.builder().bucket(url.bucket()).key(url.key()).build(),
                    RequestBody.fromFile(file)).eTag();
        } catch (SdkException e) {
            throw failure(url, "cannot be written", e);
        }
    }

    /**
     * Creates an object only if there is none ({@code If-None-Match: *}).
     *
     * @return its entity tag, or null when another writer created it first (the store answered 412 or 409)
     */
    @CheckForNull
    public String create(final S3Url url, final byte[] bytes) {
        // with its digest, a body that arrives other than sent is refused (400 BadDigest), never stored as the record
        String etag = conditional(url, bytes, PutObjectRequest.builder().ifNoneMatch("*").contentMD5(md5(bytes)));
        if (etag != null) {
            return etag;
        }
        // the SDK retries a request whose answer was lost (a timeout under load): then the 412 answers our own
        // first attempt, and the object holds exactly our bytes (every record the registry creates is unique)
        Optional<Stored> there = read(url);
        return there.isPresent() && java.util.Arrays.equals(there.get().bytes(), bytes) ? there.get().etag() : null;
    }

    /**
     * Replaces an object only if it is still the version read ({@code If-Match: etag}).
     *
     * @return its new entity tag, or null when another writer changed it meanwhile (the store answered 412 or 409)
     */
    @CheckForNull
    public String replace(final S3Url url, final byte[] bytes, final String etag) {
        return conditional(url, bytes, PutObjectRequest.builder().ifMatch(etag));
    }

    @CheckForNull
    private String conditional(final S3Url url, final byte[] bytes, final PutObjectRequest.Builder request) {
        PutObjectRequest put = request.bucket(url.bucket()).key(url.key()).build();
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    return client.putObject(put, RequestBody.fromBytes(bytes)).eTag();
                } catch (S3Exception e) {
                    // 409: another conditional write of the key was in flight (S3's ConditionalRequestConflict, which
                    // S3 says to retry). The same condition is safe to send again: if the other write changed the
                    // object, it now fails with 412.
                    if (e.statusCode() == CONFLICT && attempt < CONFLICT_ATTEMPTS) {
                        Thread.sleep(10L << attempt);
                        continue;
                    }
                    if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == CONFLICT) {
                        return null; // the caller rereads and tries again
                    }
                    throw failure(url, "cannot be written", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (SdkClientException e) {
            // a store may refuse the condition before it reads the body, and the JDK's client then reports a broken
            // upload instead of the 412: the caller reads the object back to learn whether the write landed
            return null;
        } catch (SdkException e) {
            throw failure(url, "cannot be written", e);
        }
    }

    /** The keys under a prefix (the URL's key taken as is), in the store's (lexicographic) order. */
    public List<S3Url> list(final S3Url prefix) {
        List<S3Url> keys = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(prefix.bucket()).prefix(prefix.key()).build())) {
                for (S3Object object : page.contents()) {
                    keys.add(new S3Url(prefix.bucket(), object.key()));
                }
            }
        } catch (SdkException e) {
            throw failure(prefix, "cannot be listed", e);
        }
        return keys;
    }

    /** The objects under a prefix with their times, in the store's (lexicographic) order. */
    public List<Listed> listed(final S3Url prefix) {
        List<Listed> objects = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(prefix.bucket()).prefix(prefix.key()).build())) {
                for (S3Object object : page.contents()) {
                    objects.add(new Listed(new S3Url(prefix.bucket(), object.key()),
                            object.lastModified() == null ? java.time.Instant.EPOCH : object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw failure(prefix, "cannot be listed", e);
        }
        return objects;
    }

    /** The names one level below a prefix ("sub-folders"): what follows the prefix up to the next {@code /}. */
    public List<String> children(final S3Url prefix) {
        List<String> names = new ArrayList<>();
        String start = prefix.prefix();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(prefix.bucket()).prefix(start).delimiter("/").build())) {
                for (CommonPrefix common : page.commonPrefixes()) {
                    String name = common.prefix().substring(start.length());
                    names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
                }
                for (S3Object object : page.contents()) {
                    names.add(object.key().substring(start.length()));
                }
            }
        } catch (SdkException e) {
            throw failure(prefix, "cannot be listed", e);
        }
        return names;
    }

    /** Deletes an object; a missing one is not an error. */
    public void delete(final S3Url url) {
        try {
            client.deleteObject(b -> b.bucket(url.bucket()).key(url.key()));
        } catch (SdkException e) {
            throw failure(url, "cannot be deleted", e);
        }
    }

    /** The Content-MD5 header's value: the body's MD5, base64. */
    static String md5(final byte[] bytes) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }

    private static GetObjectRequest.Builder get(final S3Url url) {
        return GetObjectRequest.builder().bucket(url.bucket()).key(url.key());
    }

    @CheckForNull
    private static String code(final S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /**
     * The error a user can act on: what is missing or refused, naming the URL and the endpoint. The SDK's own
     * message is left out for client errors (it may list every credential provider tried); no credential is ever in
     * it.
     */
    ObjectStoreException failure(final S3Url url, final String what, @CheckForNull final SdkException e) {
        if (e == null) {
            return new ObjectStoreException(url + ": no such object (at " + settings.where() + ")");
        }
        if (e instanceof S3Exception s3) {
            String code = code(s3);
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code) || s3 instanceof NoSuchBucketException) {
                return new ObjectStoreException(url + ": no such bucket '" + url.bucket() + "' (at "
                        + settings.where() + ")", e);
            }
            if (status == 404) {
                return new ObjectStoreException(url + ": no such object (at " + settings.where() + ")", e);
            }
            if (status == 403) {
                return new ObjectStoreException(url + ": " + what + ": access denied (" + (code == null ? "403" : code)
                        + "); check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile or the"
                        + " instance role) and the bucket's policy", e);
            }
            return new ObjectStoreException(url + ": " + what + ": the store answered " + status
                    + (code == null ? "" : " " + code) + " (at " + settings.where() + ")", e);
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("credentials")) {
            return new ObjectStoreException(url + ": " + what + ": no AWS credentials found; set AWS_ACCESS_KEY_ID"
                    + " and AWS_SECRET_ACCESS_KEY in the environment, use a profile, or run with an instance role", e);
        }
        Throwable cause = e.getCause();
        return new ObjectStoreException(url + ": " + what + ": cannot reach the object store at " + settings.where()
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"), e);
    }

    /** An object's content and entity tag. */
    public record Stored(byte[] bytes, String etag) {
    }

    /**
     * An object's size, entity tag and when the store last wrote it (by the store's clock).
     *
     * @param lastModified null when the store did not say
     */
    public record Head(long size, String etag, @CheckForNull java.time.Instant lastModified) {
    }

    /** A listed object and when the store last wrote it (by the store's clock). */
    public record Listed(S3Url url, java.time.Instant lastModified) {
    }

}
