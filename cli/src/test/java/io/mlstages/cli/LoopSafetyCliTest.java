package io.mlstages.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop under overlap and hostile output, with the command line run as separate processes (the jar's main
 * class on the module's class path), as overlapping builds run it: one retrain for overlapping checks, a serving
 * directory that keeps the live version, no token in a retrain command's environment or in any echo.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class LoopSafetyCliTest {
    private static final Path DATA = Path.of("../test-resources/datasets");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path registry() {
        return dir.resolve("registry");
    }

    /** Registers version 1 (ridership fitted on 2005-2007) {@code copies} times and deploys version 1. */
    private void deployed(final int copies) {
        Path pkg = dir.resolve("pkg");
        Trainer.train(DATA.resolve("chicago-ridership-train.csv"), TrainOptions.of(Algorithm.LINEAR, "ridership"),
                pkg);
        Registry opened = Registry.open(registry());
        for (int i = 0; i < copies; i++) {
            opened.register("ridership", pkg, new Actor("tester", null), "copy " + (i + 1));
        }
        CliRun deploy = CliRun.of("deploy", "--registry", registry().toString(), "--model", "ridership",
                "--version", "1", "--force");
        assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    }

    /** A command line running in its own JVM, started at once; {@link #finish()} waits for it. */
    private final class Cli {
        private final Process process;
        private final Path out;
        private final Path err;

        Cli(final String name, final Map<String, String> env, final String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(Arrays.asList(args));
            out = dir.resolve(name + ".out");
            err = dir.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            process = builder.start();
        }

        int finish() throws Exception {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("%s still running", out).isTrue();
            return process.exitValue();
        }

        String out() throws IOException {
            return Files.readString(out);
        }

        String err() throws IOException {
            return Files.readString(err);
        }
    }

    private String[] check(final String... extra) {
        return Stream.concat(Stream.of("check", "--registry", registry().toString(), "--model", "ridership",
                "--current", DATA.resolve("chicago-2008.csv").toString()), Stream.of(extra)).toArray(String[]::new);
    }

    @Test
    void shouldRunTheRetrainCommandOnceWhenEightCheckProcessesOverlap() throws Exception {
        deployed(1);
        Path count = dir.resolve("count.txt");
        Path script = dir.resolve("retrain.sh");
        // slow, so that checks starting later decide while it still runs
        Files.writeString(script, "echo \"$MLSTAGES_INCIDENT_ID\" >> \"$1\"\nsleep 3\n");
        String command = "bash " + script + " " + count;

        List<Cli> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(new Cli("check-" + i, Map.of(), check("-q", "--retrain-command", command)));
        }
        for (Cli run : runs) {
            assertThat(run.finish()).as(run.err()).isEqualTo(1);
        }

        assertThat(Files.readAllLines(count)).containsExactly("ridership-0001");
        assertThat(runs.stream().filter(r -> {
            try {
                return r.out().contains("Retrain: ran bash");
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).count()).isEqualTo(1);
        CliRun show = CliRun.of("incident", "show", "--registry", registry().toString(), "ridership-0001", "--json");
        JsonNode incident = JSON.readTree(show.out());
        assertThat(incident.path("findings")).hasSize(8);
        assertThat(incident.path("steps")).extracting(s -> s.path("stage").asText())
                .containsExactly("OPEN", "RETRAINING");
    }

    @Test
    void shouldClaimTheRetrainOnceForTheJenkinsPathAndLetTheCallerWithdrawIt() throws Exception {
        deployed(1);
        List<Cli> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(new Cli("claim-" + i, Map.of(), check("-q", "--claim-retrain", "--json",
                    dir.resolve("claim-" + i + ".json").toString())));
        }
        List<JsonNode> due = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).finish()).as(runs.get(i).err()).isEqualTo(1);
            JsonNode retrain = JSON.readTree(dir.resolve("claim-" + i + ".json").toFile()).path("retrain");
            if (retrain.path("due").asBoolean()) {
                due.add(retrain);
            }
        }
        assertThat(due).hasSize(1);
        String requestedAt = due.get(0).path("requestedAt").asText();
        assertThat(requestedAt).isNotEmpty();

        // the job could not be started: the caller withdraws the request, and the next check asks again
        CliRun withdraw = CliRun.of("incident", "retraining", "--registry", registry().toString(),
                "--withdraw=" + requestedAt, "ridership-0001");
        assertThat(withdraw.exitCode()).as(withdraw.err()).isZero();
        assertThat(withdraw.out()).contains("Withdrew", "OPEN");
        CliRun again = CliRun.of(check("-q", "--claim-retrain", "--json", "-"));
        assertThat(again.exitCode()).as(again.err()).isEqualTo(1);
        assertThat(JSON.readTree(again.out()).path("retrain").path("due").asBoolean()).isTrue();

        CliRun twice = CliRun.of("incident", "retraining", "--registry", registry().toString(),
                "--withdraw=" + requestedAt, "ridership-0001");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("no retrain request made at " + requestedAt);
    }

    @Test
    void shouldKeepTokensOutOfTheRetrainCommandAndMaskTheirEchoes() throws Exception {
        deployed(1);
        String deployToken = "dep-T0ken/aaaa+bbbb=cccc";
        String webhookToken = "hook-T0ken/dddd+eeee=ffff";
        String ownToken = "own-T0ken/gggg+hhhh=iiii";
        Path leaked = dir.resolve("leaked.txt");
        // a script that prints its environment, and the tokens (read from elsewhere) escaped and lower-cased
        Files.writeString(leaked, "{\"t\": \"" + ownToken.replace("/", "\\/") + "\"}\n"
                + webhookToken.toLowerCase(Locale.ROOT) + "\n" + deployToken.substring(0, 12) + "...\n");
        Path script = dir.resolve("leak.sh");
        Files.writeString(script, "env\ncat \"$1\"\n");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            Cli run = new Cli("leak", Map.of("MLSTAGES_DEPLOY_TOKEN", deployToken, "MLSTAGES_WEBHOOK_TOKEN",
                    webhookToken, "OWN_HOOK_TOKEN", ownToken, "MLSTAGES_STAGING_TOKEN", "staging-T0ken/jjjj+kkkk"),
                    check("--retrain-command", "bash " + script + " "
                    + leaked, "--webhook", url, "--webhook-token-env", "OWN_HOOK_TOKEN"));
            assertThat(run.finish()).as(run.err()).isEqualTo(1);
            String err = run.err();
            assertThat(err).contains("retrain: MLSTAGES_INCIDENT_ID=ridership-0001", "retrain: {\"t\": \"****\"}");
            assertThat(err).doesNotContain("MLSTAGES_DEPLOY_TOKEN", "MLSTAGES_WEBHOOK_TOKEN", "OWN_HOOK_TOKEN",
                    "MLSTAGES_STAGING_TOKEN", "jjjj+kkkk");
            String all = (err + run.out()).toLowerCase(Locale.ROOT);
            for (String token : List.of(deployToken, webhookToken, ownToken)) {
                assertThat(all).doesNotContain(token.toLowerCase(Locale.ROOT).substring(0, 12))
                        .doesNotContain(token.toLowerCase(Locale.ROOT).substring(9));
            }
            assertThat(run.out()).contains("webhook: opened sent");
        }
        finally {
            server.stop(0);
        }
    }

    @Test
    void shouldRefuseABadWebhookUrlBeforeReadingDataOrWritingAnIncident() throws Exception {
        deployed(1);
        for (String url : List.of("ftp://127.0.0.1/hook", "http://user:pw-secret@127.0.0.1:9/hook", "http:///x")) {
            CliRun run = CliRun.of("check", "--registry", registry().toString(), "--model", "ridership", "--current",
                    dir.resolve("no-such-data.csv").toString(), "--webhook", url, "--webhook-token-env",
                    "MLSTAGES_TEST_WEBHOOK_TOKEN");
            assertThat(run.exitCode()).as(url + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(url).contains("webhook URL").doesNotContain("no-such-data")
                    .doesNotContain("pw-secret").doesNotContain("\tat ");
        }
        CliRun drifted = CliRun.of(check("-q", "--webhook", "ftp://127.0.0.1/hook", "--webhook-token-env",
                "MLSTAGES_TEST_WEBHOOK_TOKEN"));
        assertThat(drifted.exitCode()).isEqualTo(2);
        // a report path that cannot be written is found before the incident too
        CliRun folder = CliRun.of(check("-q", "--html", dir.toString()));
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).contains("is a folder");
        assertThat(registry().resolve("incidents")).doesNotExist();
    }

    @Test
    void shouldMaskTransformedTokenEchoesInStderrAndTheDeployJsonFile() throws Exception {
        deployed(1);
        String token = "tok/EN+abc=Q9xZ7mK2pLw4";
        Path tokenFile = dir.resolve("token.txt");
        Files.writeString(tokenFile, token + "\n");
        String body = "{\"error\": \"bad token " + token.replace("/", "\\/") + "\", \"lower\": \""
                + token.toLowerCase(Locale.ROOT) + "\", \"cut\": \"" + token.substring(0, 14) + "...\"}";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            Path json = dir.resolve("deploy.json");
            CliRun run = CliRun.of("deploy", "--registry", registry().toString(), "--model", "ridership",
                    "--version", "1", "--force", "--target", "http=http://127.0.0.1:" + server.getAddress().getPort()
                    + "/deploy", "--token-file", tokenFile.toString(), "--json", json.toString());
            assertThat(run.exitCode()).as(run.err()).isNotZero();
            String seen = (run.out() + run.err() + Files.readString(json)).toLowerCase(Locale.ROOT);
            assertThat(seen).contains("http 403", "****");
            assertThat(seen).doesNotContain("abc=q9").doesNotContain("q9xz7").doesNotContain("tok/en")
                    .doesNotContain("tok\\/en").doesNotContain("en+abc");
        }
        finally {
            server.stop(0);
        }
    }

    @Test
    void shouldKeepTheAliasVersionAsTheHighestFolderWhenEightDeployProcessesOverlap() throws Exception {
        deployed(8);
        Path serving = dir.resolve("serving");
        List<Cli> runs = new ArrayList<>();
        for (int v = 1; v <= 8; v++) {
            runs.add(new Cli("deploy-" + v, Map.of(), "deploy", "--registry", registry().toString(), "--model",
                    "ridership", "--version", Integer.toString(v), "--alias", "live", "--force", "--target",
                    "directory=" + serving, "--keep", "2"));
        }
        for (Cli run : runs) {
            assertThat(run.finish()).as(run.err()).isZero();
        }
        assertServesTheAlias(serving);

        // an older version deployed after a newer one: the newer folders go, or TF Serving would keep serving them
        int older = Registry.open(registry()).alias("ridership", "live").orElseThrow() == 1 ? 2 : 1;
        Cli back = new Cli("deploy-older", Map.of(), "deploy", "--registry", registry().toString(), "--model",
                "ridership", "--version", Integer.toString(older), "--alias", "live", "--force", "--target",
                "directory=" + serving, "--keep", "2");
        assertThat(back.finish()).as(back.err()).isZero();
        assertThat(assertServesTheAlias(serving)).isEqualTo(older);
    }

    /** The alias's version folder is in the directory, as its highest; returns that version. */
    private int assertServesTheAlias(final Path serving) throws IOException {
        int live = Registry.open(registry()).alias("ridership", "live").orElseThrow();
        List<Integer> folders;
        try (Stream<Path> entries = Files.list(serving)) {
            folders = entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+"))
                    .map(Integer::parseInt).sorted().toList();
        }
        assertThat(folders).as("alias on %d", live).contains(live);
        assertThat(folders.get(folders.size() - 1)).as("folders %s, alias on %d", folders, live).isEqualTo(live);
        return live;
    }
}
