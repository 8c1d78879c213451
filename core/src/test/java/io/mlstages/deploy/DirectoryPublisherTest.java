package io.mlstages.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Version folders appear whole or not at all, are never overwritten with other content, and leave whole. */
class DirectoryPublisherTest {
    private static final int FILES = 12;
    private static final int SIZE = 128 * 1024;

    @TempDir
    Path tmp;

    /** A package of {@value #FILES} files of {@value #SIZE} bytes, some in a subfolder; returns path to SHA-256. */
    private Map<String, String> source(final Path dir) throws IOException {
        Random random = new Random(7);
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < FILES; i++) {
            String name = (i % 3 == 0 ? "model/" : "") + "part-" + i + ".bin";
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[SIZE];
            random.nextBytes(bytes);
            Files.write(file, bytes);
            files.put(name, DirectoryPublisher.sha256(file));
        }
        return files;
    }

    /**
     * Polls the directory until stopped, counting the version folders it finds incomplete (a file missing or short)
     * and the complete ones it checked.
     */
    private static Thread reader(final Path dir, final Set<String> names, final AtomicBoolean stop,
            final AtomicLong incomplete, final AtomicLong complete) {
        Thread thread = new Thread(() -> {
            while (!stop.get()) {
                try (DirectoryStream<Path> folders = Files.newDirectoryStream(dir, "[0-9]*")) {
                    for (Path folder : folders) {
                        int found = 0;
                        for (String name : names) {
                            Path file = folder.resolve(name);
                            if (Files.isRegularFile(file) && Files.size(file) == SIZE) {
                                found++;
                            }
                        }
                        (found == names.size() ? complete : incomplete).incrementAndGet();
                    }
                }
                catch (NoSuchFileException e) {
                    // the directory is created by the first publication
                }
                catch (IOException e) {
                    incomplete.incrementAndGet();
                }
            }
        });
        thread.start();
        return thread;
    }

    @Test
    void shouldNeverShowAReaderAVersionFolderWithFilesMissing() throws Exception {
        Map<String, String> files = source(tmp.resolve("pkg"));
        Path serving = tmp.resolve("serving");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong incomplete = new AtomicLong();
        AtomicLong complete = new AtomicLong();
        Thread reader = reader(serving, files.keySet(), stop, incomplete, complete);
        for (int version = 1; version <= 40; version++) {
            assertThat(DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, version)).isTrue();
        }
        stop.set(true);
        reader.join();

        assertThat(incomplete.get()).isZero();
        assertThat(complete.get()).isPositive();
        assertThat(DirectoryPublisher.versions(serving)).hasSize(40);
        try (var entries = Files.list(serving)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void shouldCatchAHalfWrittenFolderWhenFilesAreCopiedInPlace() throws Exception {
        // the control: the same reader does see incomplete folders when files are copied straight into place,
        // so the test above can fail
        Map<String, String> files = source(tmp.resolve("pkg"));
        Path serving = tmp.resolve("serving");
        Files.createDirectories(serving);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong incomplete = new AtomicLong();
        AtomicLong complete = new AtomicLong();
        Thread reader = reader(serving, files.keySet(), stop, incomplete, complete);
        for (int version = 1; version <= 40 && incomplete.get() == 0; version++) {
            Path folder = serving.resolve(Integer.toString(version));
            for (String name : files.keySet()) {
                Files.createDirectories(folder.resolve(name).getParent());
                Files.copy(tmp.resolve("pkg").resolve(name), folder.resolve(name));
            }
        }
        stop.set(true);
        reader.join();

        assertThat(incomplete.get()).isPositive();
    }

    @Test
    void shouldAcceptAnIdenticalFolderAndRefuseADifferentOne() throws IOException {
        Map<String, String> files = source(tmp.resolve("pkg"));
        Path serving = tmp.resolve("serving");

        assertThat(DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, 3)).isTrue();
        assertThat(DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, 3)).isFalse();
        Files.write(serving.resolve("3/part-1.bin"), new byte[] {1, 2, 3});
        Files.writeString(serving.resolve("3/extra.txt"), "x");

        assertThatThrownBy(() -> DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, 3))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining(serving.resolve("3") + " already exists with different content")
                .hasMessageContaining("part-1.bin differs").hasMessageContaining("extra.txt not in the package");
        assertThat(Files.readAllBytes(serving.resolve("3/part-1.bin"))).containsExactly(1, 2, 3);
    }

    @Test
    void shouldLetParallelDeploymentsOfTheSameVersionAllSucceedWithOneFolder() throws Exception {
        Map<String, String> files = source(tmp.resolve("pkg"));
        Path serving = tmp.resolve("serving");
        for (int version = 1; version <= 5; version++) {
            int v = version;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(4);
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, v);
                }));
            }
            int created = 0;
            for (java.util.concurrent.Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            pool.shutdown();

            assertThat(created).isEqualTo(1);
        }
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(1, 2, 3, 4, 5);
        try (var entries = Files.list(serving)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void shouldRefuseASourceFileThatNoLongerMatchesItsDigestAndLeaveNothingBehind() throws IOException {
        Map<String, String> files = source(tmp.resolve("pkg"));
        Files.write(tmp.resolve("pkg/model/part-3.bin"), new byte[] {9});
        Path serving = tmp.resolve("serving");

        assertThatThrownBy(() -> DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, 1))
                .isInstanceOf(DeployException.class).hasMessageContaining("part-3.bin")
                .hasMessageContaining("changed since it was registered");
        try (var entries = Files.list(serving)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void shouldRefuseAListedFileOutsideThePackage() throws IOException {
        Map<String, String> files = new TreeMap<>(source(tmp.resolve("pkg")));
        files.put("../escape.bin", "00".repeat(32));

        assertThatThrownBy(() -> DirectoryPublisher.publish(tmp.resolve("pkg"), files, tmp.resolve("serving"), 1))
                .isInstanceOf(DeployException.class).hasMessageContaining("'../escape.bin' lies outside the package");
    }

    @Test
    void shouldKeepTheNewestFoldersAndTheSparedOnes() throws IOException {
        Map<String, String> files = source(tmp.resolve("pkg"));
        Path serving = tmp.resolve("serving");
        for (int version = 1; version <= 6; version++) {
            DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, version);
        }

        assertThat(DirectoryPublisher.prune(serving, 2, Set.of(2))).containsExactly(1, 3, 4);
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(2, 5, 6);
        assertThat(DirectoryPublisher.removeNewerThan(serving, 2)).containsExactly(5, 6);
        assertThat(DirectoryPublisher.versions(serving)).containsExactly(2);
        try (var entries = Files.list(serving)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("2");
        }
    }

    @Test
    void shouldRemoveTemporaryFoldersLeftByAKilledDeploymentOnceStale() throws IOException {
        Map<String, String> files = source(tmp.resolve("pkg"));
        Path serving = tmp.resolve("serving");
        Path stale = Files.createDirectories(serving.resolve(".tmp-stale"));
        Files.writeString(stale.resolve("half.bin"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(DirectoryPublisher.STALE).minusSeconds(5)));
        Path fresh = Files.createDirectories(serving.resolve(".tmp-fresh"));

        DirectoryPublisher.publish(tmp.resolve("pkg"), files, serving, 1);

        List<String> names = new ArrayList<>();
        try (var entries = Files.list(serving)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        Collections.sort(names);
        assertThat(names).containsExactly(".tmp-fresh", "1");
        assertThat(fresh).isDirectory();
    }
}
