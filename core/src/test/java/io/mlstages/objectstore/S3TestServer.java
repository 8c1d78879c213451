package io.mlstages.objectstore;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;
import java.util.UUID;

/**
 * A real S3-compatible server in this JVM: S3Proxy over its in-memory blob store, on loopback, port chosen by the
 * system, with signature checking on. One per test class (start-up costs about a second). The SDK finds the
 * credentials through its default chain (the {@code aws.accessKeyId} / {@code aws.secretAccessKey} system
 * properties), as a user's would come from the environment.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "mlstages-test";
    /** Random per run, so that a test can assert it never appears in output. */
    public static final String SECRET_KEY = "secret-" + UUID.randomUUID();

    private final S3Proxy proxy;
    private final S3Settings settings;

    private S3TestServer(final S3Proxy proxy, final S3Settings settings) {
        this.proxy = proxy;
        this.settings = settings;
    }

    /** Starts a server and creates the given buckets. */
    public static S3TestServer start(final String... buckets) throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        S3Settings settings = new S3Settings(URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1");
        S3TestServer server = new S3TestServer(proxy, settings);
        for (String bucket : buckets) {
            server.createBucket(bucket);
        }
        return server;
    }

    public void createBucket(final String bucket) {
        Clients.raw(settings).createBucket(b -> b.bucket(bucket));
    }

    public S3Settings settings() {
        return settings;
    }

    public URI endpoint() {
        return settings.endpoint();
    }

    public ObjectStore store() {
        return ObjectStore.of(settings);
    }

    /**
     * A PUT cut off as a killed writer's would be: a signed request that announces {@code body.length} bytes, sends
     * the first {@code sent} of them and drops the connection. Returns once the server has had time to give up on it.
     */
    public void cutOffPut(final String bucket, final String key, final byte[] body, final int sent) throws Exception {
        java.net.URL url;
        try (software.amazon.awssdk.services.s3.presigner.S3Presigner presigner =
                software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(endpoint())
                        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                                .pathStyleAccessEnabled(true).build())
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(ACCESS_KEY,
                                        SECRET_KEY))).build()) {
            url = presigner.presignPutObject(b -> b.signatureDuration(java.time.Duration.ofMinutes(5))
                    .putObjectRequest(p -> p.bucket(bucket).key(key))).url();
        }
        try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
            java.io.OutputStream out = socket.getOutputStream();
            String head = "PUT " + url.getFile() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body, 0, sent);
            out.flush();
            Thread.sleep(300);
        }
        Thread.sleep(500);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
