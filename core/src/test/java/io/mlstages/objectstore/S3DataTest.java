package io.mlstages.objectstore;

import io.mlstages.TestData;
import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data, profiles and reports at {@code s3://} locations, on a real S3-compatible server: a CSV profiled straight
 * from the store equals the local file's profile, ranged reads return the file's bytes at every position, and a
 * missing bucket, key or denied access is an error that names the URL and never the secret.
 */
class S3DataTest {
    private static S3TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start("data");
        S3Settings.configure(server.endpoint(), "us-east-1");
    }

    @AfterAll
    static void stop() throws Exception {
        S3Settings.configure(null, null);
        server.close();
    }

    @Test
    void shouldProfileACsvStreamedFromTheStoreAsTheLocalFile() {
        Path local = TestData.dataset("chicago-2002.csv");
        server.store().put(S3Url.parse("s3://data/tables/chicago-2002.csv"), local);
        Path remote = S3FileSystemProvider.path("s3://data/tables/chicago-2002.csv");

        Profile fromStore = Profiles.of(remote, ReadOptions.defaults(), ProfileSettings.defaults());
        Profile fromDisk = Profiles.of(local, ReadOptions.defaults(), ProfileSettings.defaults());

        assertThat(fromStore.rows()).isEqualTo(fromDisk.rows()).isGreaterThan(300);
        assertThat(fromStore.sources().get(0).file()).isEqualTo(fromDisk.sources().get(0).file());
        assertThat(fromStore.sources().get(0).sha256()).isEqualTo(fromDisk.sources().get(0).sha256());
        assertThat(fromStore.columns()).hasSameSizeAs(fromDisk.columns());
        for (int i = 0; i < fromDisk.columns().size(); i++) {
            ColumnProfile a = fromStore.columns().get(i);
            ColumnProfile b = fromDisk.columns().get(i);
            assertThat(a.name()).isEqualTo(b.name());
            assertThat(a.count()).isEqualTo(b.count());
            assertThat(a.missing()).isEqualTo(b.missing());
        }
    }

    @Test
    void shouldReadParquetFilesAndAPrefixOfPartFilesFromTheStoreAsFromDisk() throws Exception {
        Path local = TestData.parquet("chicago-2002.parquet");
        server.store().put(S3Url.parse("s3://data/parquet/chicago-2002.parquet"), local);
        Path folder = TestData.parquet("chicago-2008-parts");
        try (java.util.stream.Stream<Path> parts = Files.list(folder)) {
            for (Path part : (Iterable<Path>) parts::iterator) {
                server.store().put(S3Url.parse("s3://data/parquet/chicago-2008/" + part.getFileName()), part);
            }
        }

        // the footer first, then the column chunks: random access through ranged GETs, not a download
        assertProfilesEqual(Profiles.of(S3FileSystemProvider.path("s3://data/parquet/chicago-2002.parquet"),
                ReadOptions.defaults(), ProfileSettings.defaults()), Profiles.of(local, ReadOptions.defaults(),
                ProfileSettings.defaults()));
        assertProfilesEqual(Profiles.of(S3FileSystemProvider.path("s3://data/parquet/chicago-2008"),
                ReadOptions.defaults(), ProfileSettings.defaults()), Profiles.of(folder, ReadOptions.defaults(),
                ProfileSettings.defaults()));
    }

    private static void assertProfilesEqual(final Profile fromStore, final Profile fromDisk) {
        assertThat(fromStore.rows()).isEqualTo(fromDisk.rows()).isGreaterThan(300);
        assertThat(fromStore.columns()).hasSameSizeAs(fromDisk.columns());
        for (int i = 0; i < fromDisk.columns().size(); i++) {
            assertThat(fromStore.columns().get(i)).isEqualTo(fromDisk.columns().get(i));
        }
    }

    @Test
    void shouldWriteAReportAsOneObjectAndListAPrefixAsAFolder() throws Exception {
        Path report = S3FileSystemProvider.path("s3://data/reports/run-1/drift.json");
        io.mlstages.io.AtomicFiles.write(report, "{\"kind\":\"test\"}\n");
        assertThat(Files.readString(report)).isEqualTo("{\"kind\":\"test\"}\n");
        Files.writeString(S3FileSystemProvider.path("s3://data/reports/run-1/drift.html"), "<p>x</p>");
        try (var list = Files.list(S3FileSystemProvider.path("s3://data/reports/run-1/"))) {
            assertThat(list.map(Path::toString).sorted().toList()).containsExactly(
                    "s3://data/reports/run-1/drift.html", "s3://data/reports/run-1/drift.json");
        }
        assertThat(Files.isDirectory(S3FileSystemProvider.path("s3://data/reports"))).isTrue();
        assertThat(Files.isRegularFile(report)).isTrue();
        assertThat(Files.size(report)).isEqualTo(16);
    }

    /** The Parquet seam: random reads through the channel return exactly the object's bytes, with few requests. */
    @Test
    void shouldServeRandomReadsThroughRangedGets() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(15).nextBytes(bytes);
        S3Url url = S3Url.parse("s3://data/blob.bin");
        server.store().put(url, bytes);
        try (SeekableByteChannel channel = server.store().channel(url, 256 * 1024)) {
            assertThat(channel.size()).isEqualTo(bytes.length);
            // a Parquet reader's order: the footer's last 8 bytes, then the footer, then column chunks
            for (long position : List.of((long) bytes.length - 8, (long) bytes.length - 3000, 0L, 1_000_000L,
                    2_999_990L, 5L)) {
                ByteBuffer buffer = ByteBuffer.allocate(4000);
                channel.position(position);
                int read = 0;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                int expected = (int) Math.min(4000, bytes.length - position);
                assertThat(read).as("at %d", position).isEqualTo(expected);
                assertThat(java.util.Arrays.copyOf(buffer.array(), read)).isEqualTo(
                        java.util.Arrays.copyOfRange(bytes, (int) position, (int) position + expected));
            }
            channel.position(bytes.length);
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            assertThat(((RangedChannel) channel).requests()).isLessThanOrEqualTo(6);
        }
        // the same through Files, as a reader holding a Path would open it
        try (SeekableByteChannel channel = Files.newByteChannel(S3FileSystemProvider.path("s3://data/blob.bin"))) {
            ByteBuffer all = ByteBuffer.allocate(bytes.length);
            while (channel.read(all) > 0) {
                // until the end
            }
            assertThat(all.array()).isEqualTo(bytes);
        }
    }

    @Test
    void shouldNameTheUrlOfAMissingKeyOrBucket() {
        assertThatThrownBy(() -> Profiles.of(S3FileSystemProvider.path("s3://data/no/such.csv"), ReadOptions.defaults(),
                ProfileSettings.defaults()))
                .isInstanceOf(DataException.class).hasMessageContaining("s3://data/no/such.csv")
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> Files.newInputStream(S3FileSystemProvider.path("s3://data/missing.csv")))
                .isInstanceOf(NoSuchFileException.class).hasMessage("s3://data/missing.csv");
        assertThatThrownBy(() -> server.store().open(S3Url.parse("s3://nobucket/x.csv")))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageStartingWith("s3://nobucket/x.csv: no such bucket 'nobucket'");
        assertThatThrownBy(() -> S3Url.parse("s3://Bad_Bucket/x")).isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("s3://Bad_Bucket/x");
    }

    @Test
    void shouldSayAccessDeniedWithoutPrintingTheSecret() throws Exception {
        server.store().put(S3Url.parse("s3://data/private.csv"), new byte[] {'a', '\n', '1', '\n'});
        String right = System.getProperty("aws.secretAccessKey");
        String wrong = "wrong-" + S3TestServer.SECRET_KEY;
        System.setProperty("aws.secretAccessKey", wrong);
        try {
            // other settings, so another client, which resolves the (wrong) credentials afresh
            ObjectStore denied = ObjectStore.of(new S3Settings(server.endpoint(), "eu-west-1"));
            assertThatThrownBy(() -> {
                try (InputStream in = denied.open(S3Url.parse("s3://data/private.csv"))) {
                    in.readAllBytes();
                }
            }).isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("s3://data/private.csv")
                    .hasMessageContaining("access denied")
                    .satisfies(e -> {
                        assertThat(e.getMessage()).doesNotContain(S3TestServer.SECRET_KEY).doesNotContain(wrong);
                        assertThat(String.valueOf(e.getCause())).doesNotContain(wrong);
                    });
        } finally {
            System.setProperty("aws.secretAccessKey", right);
        }
    }
}
