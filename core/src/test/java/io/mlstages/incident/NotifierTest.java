package io.mlstages.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mlstages.deploy.HttpSettings;
import io.mlstages.deploy.JsonPost;
import io.mlstages.deploy.Secret;
import io.mlstages.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook messages posted to a loopback server. */
class NotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldPostTheIncidentWithTheBearerTokenAndNeverShowTheToken() throws Exception {
        Registry registry = ChicagoModel.deployed(dir);
        Incident incident = Monitor.check(registry, ChicagoModel.MODEL, "production",
                ChicagoModel.dataset("chicago-2008.csv"), null, ChicagoModel.ACTOR).incident().orElseThrow();
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // an endpoint that echoes the header back: the token must still not reach the caller's text
            byte[] answer = ("got " + exchange.getRequestHeaders().getFirst("Authorization"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            String token = "s3cret-hook-token";
            JsonPost.Sent sent = Notifier.send(url, Secret.of(token, "test token"),
                    HttpSettings.defaults().withAttempts(1).withRequestTimeout(Duration.ofSeconds(5)), "opened",
                    incident);

            assertThat(sent.ok()).as(sent.detail()).isTrue();
            assertThat(sent.detail()).doesNotContain(token).contains(Secret.MASK);
            assertThat(auth).containsExactly("Bearer " + token);
            JsonNode body = JSON.readTree(bodies.get(0));
            assertThat(body.path("kind").asText()).isEqualTo(Notifier.KIND);
            assertThat(body.path("event").asText()).isEqualTo("opened");
            assertThat(body.path("incident").path("id").asText()).isEqualTo("ridership-0001");
            assertThat(body.path("incident").path("severity").asText()).isEqualTo(incident.severity().name());
            assertThat(body.path("incident").path("driftedColumns")).extracting(JsonNode::asText)
                    .contains("Clark_Lake");
            assertThat(body.path("text").asText()).contains("ridership-0001", "opened");
            assertThat(bodies.get(0)).doesNotContain(token);
        }
        finally {
            server.stop(0);
        }
    }
}
