package io.mlstages.objectstore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test server really refuses conflicting conditional writes: the registry's race safety rests on it, so a
 * server that ignored the headers would make every concurrency test meaningless. Asserted on the wire (the raw SDK
 * request and its status) and through {@link ObjectStore}.
 */
class ConditionalWriteTest {
    private static S3TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start("cond");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void shouldAnswer412ToIfNoneMatchStarOnAnExistingKey() {
        S3Client raw = Clients.raw(server.settings());
        raw.putObject(b -> b.bucket("cond").key("a"), RequestBody.fromString("first"));
        assertThatThrownBy(() -> raw.putObject(b -> b.bucket("cond").key("a").ifNoneMatch("*"),
                RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(text(server.store().read(new S3Url("cond", "a")).orElseThrow().bytes())).isEqualTo("first");
    }

    /**
     * A create carries its body's MD5, and the server checks it: a body that does not match its Content-MD5 is refused
     * and nothing is stored, so a record damaged on the way never becomes a version.
     */
    @Test
    void shouldRefuseABodyThatDoesNotMatchItsContentMd5() {
        S3Client raw = Clients.raw(server.settings());
        byte[] sent = "{\"version\":1}".getBytes(StandardCharsets.UTF_8);
        String digestOfOther = ObjectStore.md5("{\"version\":2}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> raw.putObject(b -> b.bucket("cond").key("digest").ifNoneMatch("*")
                .contentMD5(digestOfOther), RequestBody.fromBytes(sent)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(server.store().read(new S3Url("cond", "digest"))).isEmpty();
        // the engine's own create sends the right digest and lands
        assertThat(server.store().create(new S3Url("cond", "digest"), sent)).isNotNull();
        assertThat(server.store().read(new S3Url("cond", "digest")).orElseThrow().bytes()).isEqualTo(sent);
    }

    @Test
    void shouldAnswer412ToAStaleIfMatch() {
        S3Client raw = Clients.raw(server.settings());
        String stale = raw.putObject(b -> b.bucket("cond").key("b"), RequestBody.fromString("v1")).eTag();
        server.store().put(new S3Url("cond", "b"), "v2".getBytes(StandardCharsets.UTF_8));
        // the server answers 412 before it reads the body, which the JDK's client may report as a broken upload:
        // what counts is that the write is refused and the object keeps its content
        assertThat(server.store().replace(new S3Url("cond", "b"), "v3".getBytes(StandardCharsets.UTF_8), stale))
                .isNull();
        assertThat(text(server.store().read(new S3Url("cond", "b")).orElseThrow().bytes())).isEqualTo("v2");
    }

    @Test
    void shouldCreateOnceAndReplaceOnlyTheVersionRead() {
        ObjectStore store = server.store();
        S3Url url = new S3Url("cond", "c");
        String etag = store.create(url, bytes("one"));
        assertThat(etag).isNotNull();
        assertThat(store.create(url, bytes("two"))).isNull();
        String next = store.replace(url, bytes("three"), etag);
        assertThat(next).isNotNull().isNotEqualTo(etag);
        assertThat(store.replace(url, bytes("four"), etag)).isNull();
        assertThat(text(store.read(url).orElseThrow().bytes())).isEqualTo("three");
    }

    /** Eight threads create the same key at once, 20 times over: each time exactly one wins. */
    @Test
    void shouldLetExactlyOneOfEightRacersCreate() throws Exception {
        ObjectStore store = server.store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                S3Url url = new S3Url("cond", "race/" + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String body = "writer " + i;
                    Callable<String> task = () -> {
                        go.await();
                        return store.create(url, bytes(body)) == null ? null : body;
                    };
                    results.add(pool.submit(task));
                }
                go.countDown();
                List<String> winners = new ArrayList<>();
                for (Future<String> result : results) {
                    if (result.get() != null) {
                        winners.add(result.get());
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(text(store.read(url).orElseThrow().bytes())).isEqualTo(winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
