package io.mlstages.steps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The child JVM's command line and the agent's jar cache. */
class ChildJvmTest {
    @TempDir
    Path cache;

    private static final byte[] JAR = new byte[3 * 1024 * 1024 + 17];

    static {
        new Random(42).nextBytes(JAR);
    }

    private static String sha(final byte[] bytes) throws IOException {
        return ChildJvm.sha256(new ByteArrayInputStream(bytes));
    }

    @Test
    void shouldBuildAWordListWithTheOptionsBeforeTheJar() {
        assertThat(ChildJvm.command("/opt/java/bin/java", ChildJvm.DEFAULT_OPTIONS, "/agent/cache/m.jar",
                List.of("check", "--current=a b.csv")))
                .containsExactly("/opt/java/bin/java", "-XX:+UseParallelGC", "-jar", "/agent/cache/m.jar", "check",
                        "--current=a b.csv");
        assertThatThrownBy(() -> ChildJvm.command("java", List.of("Main"), "m.jar", List.of()))
                .hasMessageContaining("Main");
    }

    @Test
    void shouldNameTheJarByItsChecksum() throws IOException {
        String sha = sha("abc".getBytes(StandardCharsets.UTF_8));

        assertThat(sha).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ChildJvm.jarName(sha)).isEqualTo("mlstages-ba7816bf8f01cfea.jar");
        assertThatThrownBy(() -> ChildJvm.jarName("../../etc/passwd")).hasMessageContaining("../../etc/passwd");
    }

    @Test
    void shouldCopyOnceAndReuseTheCachedJar() throws IOException {
        String sha = sha(JAR);
        AtomicInteger opened = new AtomicInteger();

        Path first = ChildJvm.ensureJar(cache, sha, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(JAR);
        });
        Path second = ChildJvm.ensureJar(cache, sha, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(JAR);
        });

        assertThat(second).isEqualTo(first);
        assertThat(opened).hasValue(1);
        assertThat(Files.readAllBytes(first)).isEqualTo(JAR);
    }

    @Test
    void shouldReplaceABrokenCachedJar() throws IOException {
        String sha = sha(JAR);
        Files.write(cache.resolve(ChildJvm.jarName(sha)), new byte[] {1, 2, 3});

        Path jar = ChildJvm.ensureJar(cache, sha, () -> new ByteArrayInputStream(JAR));

        assertThat(Files.readAllBytes(jar)).isEqualTo(JAR);
    }

    @Test
    void shouldRefuseBytesWithAnotherChecksumAndLeaveNothingBehind() throws IOException {
        String sha = sha(JAR);
        byte[] other = JAR.clone();
        other[1000] ^= 1;

        assertThatThrownBy(() -> ChildJvm.ensureJar(cache, sha, () -> new ByteArrayInputStream(other)))
                .isInstanceOf(IOException.class).hasMessageContaining(sha).hasMessageContaining(sha(other));
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void shouldGiveEveryConcurrentCallerTheWholeJar() throws Exception {
        String sha = sha(JAR);
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    // a slow source, so that the copies overlap
                    Path jar = ChildJvm.ensureJar(cache, sha, () -> new ByteArrayInputStream(JAR) {
                        @Override
                        public synchronized int read(final byte[] b, final int off, final int len) {
                            Thread.yield();
                            return super.read(b, off, Math.min(len, 8192));
                        }
                    });
                    return Files.readAllBytes(jar);
                }));
            }
            start.countDown();
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(JAR);
            }
        }
        finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ChildJvm.jarName(sha));
        }
    }
}
