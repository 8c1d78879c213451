package io.mlstages.cli;

import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line on s3:// data, reports and registries, against a real S3-compatible server (S3Proxy) on
 * loopback: drift between two tables in a bucket with its report written back, exit 2 naming a missing key or bucket
 * and never printing the secret, and eight separate command-line processes deploying to one S3 registry at once.
 */
class S3CliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final String ACCESS = "cli-test";
    private static final String SECRET = "cli-secret-" + UUID.randomUUID();
    private static S3Proxy proxy;
    private static String endpoint;
    private static S3Client raw;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS);
        System.setProperty("aws.secretAccessKey", SECRET);
        proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        raw = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .endpointOverride(URI.create(endpoint)).forcePathStyle(true).build();
        raw.createBucket(b -> b.bucket("lake"));
        for (String name : List.of("chicago-2002.csv", "chicago-2008.csv")) {
            raw.putObject(b -> b.bucket("lake").key("ridership/" + name), RequestBody.fromFile(DATA.resolve(name)));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
    }

    @Test
    void shouldFindDriftBetweenTwoTablesInABucketAndWriteTheReportsThere() throws Exception {
        CliRun drift = CliRun.of("drift", "--s3-endpoint", endpoint, "-q",
                "--reference", "s3://lake/ridership/chicago-2002.csv",
                "--current", "s3://lake/ridership/chicago-2008.csv",
                "--json", "s3://lake/reports/drift.json", "--html", "s3://lake/reports/drift.html");
        CliRun local = CliRun.of("drift", "-q", "--reference", DATA.resolve("chicago-2002.csv").toString(),
                "--current", DATA.resolve("chicago-2008.csv").toString(), "--json", dir.resolve("d.json").toString());
        assertThat(drift.exitCode()).as(drift.err()).isEqualTo(1).isEqualTo(local.exitCode());
        assertThat(drift.out()).isEqualTo(local.out());
        String json = raw.getObjectAsBytes(b -> b.bucket("lake").key("reports/drift.json")).asUtf8String();
        assertThat(json).contains("\"datasetDrift\"").contains("\"kind\"");
        assertThat(raw.getObjectAsBytes(b -> b.bucket("lake").key("reports/drift.html")).asUtf8String())
                .startsWith("<!DOCTYPE html>");
    }

    @Test
    void shouldExitTwoNamingAMissingKeyOrBucketAndAnInvalidUrl() {
        CliRun missing = CliRun.of("drift", "--s3-endpoint", endpoint, "-q",
                "--reference", "s3://lake/ridership/chicago-2002.csv", "--current", "s3://lake/ridership/nope.csv");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("s3://lake/ridership/nope.csv").contains("no such file");
        CliRun bucket = CliRun.of("registry", "list", "--s3-endpoint", endpoint, "--registry", "s3://no-bucket/reg");
        assertThat(bucket.exitCode()).isEqualTo(2);
        assertThat(bucket.err()).contains("s3://no-bucket/reg/registry.json: no such bucket 'no-bucket'");
        CliRun invalid = CliRun.of("profile", "--s3-endpoint", endpoint, "s3://UPPER/x.csv");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("s3://UPPER/x.csv");
        for (CliRun run : List.of(missing, bucket, invalid)) {
            assertThat(run.out() + run.err()).doesNotContain(SECRET);
        }
    }

    /** The secret of a wrong key pair reaches neither stdout nor stderr, even with MLSTAGES_DEBUG's stack traces. */
    @Test
    void shouldSayAccessDeniedAndNeverPrintTheSecret() throws Exception {
        String wrong = "wrong-secret-" + UUID.randomUUID();
        Map<String, String> env = env(wrong);
        env.put("MLSTAGES_DEBUG", "1");
        Process process = cli(env, "drift", "-q", "--reference", "s3://lake/ridership/chicago-2002.csv",
                "--current", "s3://lake/ridership/chicago-2008.csv");
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isEqualTo(2);
        assertThat(err).contains("s3://lake/ridership/chicago-2002.csv").contains("access denied");
        assertThat(out + err).doesNotContain(wrong).doesNotContain(SECRET);
    }

    @Test
    void shouldNumberEveryVersionOnceWhenEightProcessesDeployToOneS3RegistryAtOnce() throws Exception {
        Path pkg = dir.resolve("pkg");
        Trainer.train(DATA.resolve("chicago-ridership-train.csv"), TrainOptions.of(Algorithm.LINEAR, "ridership"),
                pkg);
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(cli(env(SECRET), "deploy", "--registry", "s3://lake/registry", "--model", "ridership",
                    "--package", pkg.toString(), "--force", "--json"));
        }
        for (Process process : processes) {
            String err = new String(process.getErrorStream().readAllBytes());
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(err).isZero();
        }
        CliRun list = CliRun.of("registry", "list", "--s3-endpoint", endpoint, "--registry", "s3://lake/registry",
                "--model", "ridership", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        for (int v = 1; v <= 8; v++) {
            assertThat(list.out()).contains("\"version\" : " + v + ",");
        }
        assertThat(list.out()).doesNotContain("\"version\" : 9,");
        CliRun history = CliRun.of("registry", "history", "--s3-endpoint", endpoint, "--registry",
                "s3://lake/registry", "--model", "ridership", "--json");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(IntStream.range(0, history.out().length() - 9)
                .filter(i -> history.out().startsWith("\"action\"", i)).count()).isEqualTo(8);
        CliRun verify = CliRun.of("registry", "verify", "--s3-endpoint", endpoint, "--registry", "s3://lake/registry");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("Clean: 0 findings in 1 model, 8 versions, 8 alias moves");
    }

    @Test
    void shouldKeepIncidentsOfAnS3RegistryForCheckAndIncident() throws Exception {
        Path pkg = dir.resolve("pkg");
        Trainer.train(DATA.resolve("chicago-ridership-train.csv"), TrainOptions.of(Algorithm.LINEAR, "ridership"),
                pkg);
        String registry = "s3://lake/monitored";
        CliRun deploy = CliRun.of("deploy", "--s3-endpoint", endpoint, "--registry", registry, "--model",
                "ridership", "--package", pkg.toString(), "--force");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();

        CliRun drift = CliRun.of("check", "--s3-endpoint", endpoint, "--registry", registry, "--model", "ridership",
                "--current", "s3://lake/ridership/chicago-2008.csv");
        assertThat(drift.exitCode()).as(drift.err()).isEqualTo(1);
        assertThat(drift.out()).contains("ridership-0001");
        CliRun list = CliRun.of("incident", "list", "--s3-endpoint", endpoint, "--registry", registry, "--open");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("incident ridership-0001: OPEN");
        CliRun resolve = CliRun.of("incident", "resolve", "--s3-endpoint", endpoint, "--registry", registry,
                "ridership-0001", "--message", "a holiday week");
        assertThat(resolve.exitCode()).as(resolve.err()).isZero();
        CliRun show = CliRun.of("incident", "show", "--s3-endpoint", endpoint, "--registry", registry,
                "ridership-0001");
        assertThat(show.out()).contains("RESOLVED", "a holiday week");
        CliRun unknown = CliRun.of("incident", "show", "--s3-endpoint", endpoint, "--registry", registry,
                "ridership-0009");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("No incident ridership-0009 in s3://lake/monitored");
    }

    @Test
    void shouldApplyRetentionToAnS3RegistryFromTheCommandLine() throws Exception {
        Path pkg = dir.resolve("pkg");
        Trainer.train(DATA.resolve("chicago-ridership-train.csv"), TrainOptions.of(Algorithm.LINEAR, "ridership"),
                pkg);
        String registry = "s3://lake/retained";
        for (int i = 0; i < 3; i++) {
            CliRun deploy = CliRun.of("deploy", "--s3-endpoint", endpoint, "--registry", registry, "--model",
                    "ridership", "--package", pkg.toString(), "--force");
            assertThat(deploy.exitCode()).as(deploy.err()).isZero();
        }
        CliRun retain = CliRun.of("registry", "retain", "--s3-endpoint", endpoint, "--registry", registry, "--model",
                "ridership", "--keep", "1", "--json");
        assertThat(retain.exitCode()).as(retain.err()).isZero();
        assertThat(retain.out()).contains("\"deleted\" : [ 1 ]");
        CliRun again = CliRun.of("registry", "retain", "--s3-endpoint", endpoint, "--registry", registry, "--model",
                "ridership", "--keep", "1");
        assertThat(again.out()).contains("Retention deleted no version of ridership");
        CliRun negative = CliRun.of("registry", "retain", "--registry", registry, "--model", "ridership", "--keep",
                "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        CliRun verify = CliRun.of("registry", "verify", "--s3-endpoint", endpoint, "--registry", registry);
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    private static Map<String, String> env(final String secret) {
        Map<String, String> env = new HashMap<>();
        env.put("MLSTAGES_S3_ENDPOINT", endpoint);
        env.put("AWS_ACCESS_KEY_ID", ACCESS);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    /** The command line in its own JVM (the jar's main class on the module's class path), as a build agent runs it. */
    private static Process cli(final Map<String, String> env, final String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder.start();
    }
}
