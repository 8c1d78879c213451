package io.mlstages.serve;

import com.fasterxml.jackson.databind.JsonNode;

import io.mlstages.train.Algorithm;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's own HTTP layer: malformed requests, timeouts, limits, keep-alive, 100-continue, HEAD. */
class HttpLoopTest {
    /** Bytes of requests held in memory at once: four almost complete 60 KB bodies exceed it. */
    private static final long BUDGET = 256 * 1024;
    @TempDir
    static Path dir;
    static Server server;
    static HttpClient client;
    static String row;

    @BeforeAll
    static void start() throws Exception {
        Path trained = Fixtures.train(Algorithm.LOGISTIC, dir);
        // short timeouts and a small connection limit, so that each can be seen within a test
        HttpLoop.Limits limits = new HttpLoop.Limits(64 * 1024, 8, TimeUnit.SECONDS.toNanos(1),
                TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(2), BUDGET);
        server = Server.start(ServeOptions.ofPackage(trained).withThreads(2), limits);
        client = Fixtures.client();
        row = Fixtures.rows("breast-cancer-test.csv").get(0).toString();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldAnswerABadPercentEncodingWithOurOwnJson400AndCountIt() throws Exception {
        long before = ServerTest.counter(metrics(), "mlstages_http_requests_total{path=\"other\",code=\"400\"}");

        String response = SlowClientTest.exchange(server, "GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json")
                .contains("Connection: close").doesNotContain("Exception").doesNotContain("<");
        JsonNode body = Fixtures.JSON.readTree(body(response));
        assertThat(body.get("error").textValue()).contains("'%' not followed by two hex digits").contains("/%zz");
        assertThat(ServerTest.counter(metrics(), "mlstages_http_requests_total{path=\"other\",code=\"400\"}"))
                .isGreaterThanOrEqualTo(before + 1);
        assertServerStillPredicts();
    }

    @Test
    void shouldRefuseMalformedRequestLinesAndHeadersWithJsonErrors() throws Exception {
        String[][] cases = {
            {"GARBAGE\r\n\r\n", "400", "request line"},
            {"GET health HTTP/1.1\r\n\r\n", "400", "starting with '/'"},
            {"GET /health HTTP/2.0\r\n\r\n", "505", "HTTP/1.1"},
            {"GET /health FTP/1.0\r\n\r\n", "400", "HTTP version"},
            {"GET /he\u00e9lth HTTP/1.1\r\n\r\n", "400", "percent-encoded"},
            {"GET /health HTTP/1.1\r\nNo colon here\r\n\r\n", "400", "Name: value"},
            {"GET /health HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", "400", "folded"},
            {"GET /health HTTP/1.1\r\nX-A: a\u0000b\r\n\r\n", "400", "control character"},
            {"POST /predict HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}", "400", "repeated"},
            {"POST /predict HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", "400",
                "both"},
            {"POST /predict HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501", "chunked"},
            {"POST /predict HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "400", "not a number"},
            {"GET /health HTTP/1.1\r\nX-Big: " + "a".repeat(HttpLoop.MAX_HEAD_BYTES) + "\r\n\r\n", "431", "exceed"},
        };
        for (String[] c : cases) {
            String response = SlowClientTest.exchange(server, c[0]);
            assertThat(response).as(c[0]).startsWith("HTTP/1.1 " + c[1] + " ").contains("application/json");
            assertThat(Fixtures.JSON.readTree(body(response)).get("error").textValue()).as(c[0]).contains(c[2])
                    .hasSizeLessThan(300);
        }
        assertServerStillPredicts();
    }

    @Test
    void shouldAnswer408WhenTheHeadersDoNotArriveInTime() throws Exception {
        long before = ServerTest.counter(metrics(), "mlstages_http_requests_total{path=\"other\",code=\"408\"}");
        long start = System.nanoTime();

        String response = SlowClientTest.exchange(server, "GET /hea");

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response).startsWith("HTTP/1.1 408 ").contains("Connection: close");
        assertThat(Fixtures.JSON.readTree(body(response)).get("error").textValue()).contains("1 seconds");
        // a 1 s header timeout, checked four times a second
        assertThat(millis).isBetween(900L, 4_000L);
        assertThat(ServerTest.counter(metrics(), "mlstages_http_requests_total{path=\"other\",code=\"408\"}"))
                .isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void shouldAnswer408WhenTheBodyDoesNotArriveInTime() throws Exception {
        String response = SlowClientTest.exchange(server,
                "POST /predict HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"mean_radius\":");

        assertThat(response).startsWith("HTTP/1.1 408 ");
        assertThat(Fixtures.JSON.readTree(body(response)).get("error").textValue()).contains("2 seconds");
    }

    @Test
    void shouldCloseAnIdleConnectionWithoutAnAnswer() throws Exception {
        assertThat(SlowClientTest.exchange(server, "")).isEmpty();
    }

    @Test
    void shouldAnswerPipelinedRequestsInOrderOnOneConnection() throws Exception {
        String response = SlowClientTest.exchange(server, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /predict HTTP/1.1\r\nHost: a\r\nContent-Length: " + row.length() + "\r\n\r\n" + row
                + "GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        List<Integer> starts = new ArrayList<>();
        for (int i = response.indexOf("HTTP/1.1 "); i >= 0; i = response.indexOf("HTTP/1.1 ", i + 1)) {
            starts.add(i);
        }
        assertThat(starts).hasSize(3);
        assertThat(response.substring(starts.get(0), starts.get(1))).startsWith("HTTP/1.1 200").contains("\"status\"");
        assertThat(response.substring(starts.get(1), starts.get(2))).startsWith("HTTP/1.1 200")
                .contains("\"prediction\"");
        assertThat(response.substring(starts.get(2))).startsWith("HTTP/1.1 200").contains("Connection: close")
                .contains("mlstages_http_requests_total");
    }

    @Test
    void shouldSend100ContinueBeforeReadingAnExpectedBody() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: " + row.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write(row.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"prediction\"");
        }
    }

    @Test
    void shouldAnswerHeadWithTheHeadersAlone() throws Exception {
        String response = SlowClientTest.exchange(server, "HEAD /health HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").contains("Content-Length: ").endsWith("\r\n\r\n");
        assertThat(body(response)).isEmpty();
    }

    @Test
    void shouldCloseAnHttp10ConnectionAfterItsResponse() throws Exception {
        // the server closing the connection is what ends exchange(); a kept-alive one would time out reading
        String response = SlowClientTest.exchange(server, "GET /health HTTP/1.0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").contains("Connection: close");
    }

    @Test
    void shouldScoreAChunkedBody() throws Exception {
        byte[] bytes = row.getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/predict")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Fixtures.json(response).get("prediction").get("label").textValue()).isIn("benign", "malignant");
        String raw = SlowClientTest.exchange(server, "POST /predict HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + Integer.toHexString(5) + ";ext=1\r\n" + row.substring(0, 5) + "\r\n"
                + Integer.toHexString(row.length() - 5) + "\r\n" + row.substring(5) + "\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200").contains("\"prediction\"");
    }

    @Test
    void shouldRefuseConnectionsBeyondTheLimitWith503() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            // the limit is 8: of 12 connections opened at once, the last ones are refused
            for (int i = 0; i < 12; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5_000);
                socket.setSoTimeout(5_000);
                held.add(socket);
            }
            int refused = 0;
            for (Socket socket : held) {
                // an accepted connection is closed without an answer after its 1 s idle timeout
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                if (!answer.isEmpty()) {
                    assertThat(answer).startsWith("HTTP/1.1 503").contains("open connections");
                    refused++;
                }
            }
            assertThat(refused).isBetween(4, 11);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // the idle ones are closed after their 1 s idle timeout; then requests are accepted again
        Thread.sleep(1_500);
        assertServerStillPredicts();
    }

    @Test
    void shouldParseARequestSentOneByteAtATime() throws Exception {
        byte[] request = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5_000);
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            for (byte b : request) {
                out.write(b);
                out.flush();
                Thread.sleep(2);
            }
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"status\":\"ok\"");
        }
    }

    @Test
    void shouldSurviveRandomRequestHeadsWithAnAnswerOrAClose() throws Exception {
        java.util.Random random = new java.util.Random(11);
        String[] parts = {"GET", "POST", "HEAD", " ", "/", "/health", "/predict", "%", "%zz", "%2F", "?", "#",
            "HTTP/1.1", "HTTP/1.0", "HTTP/9.9", "\r\n", "\n", "\r", "\t", ":", "Content-Length", "Transfer-Encoding",
            "chunked", "Expect", "100-continue", "0", "5", "-1", "99999999999999999999", "\u0000", "\u00ff", "x"};
        for (int i = 0; i < 200; i++) {
            StringBuilder request = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int p = 0; p < length; p++) {
                request.append(parts[random.nextInt(parts.length)]);
            }
            // end every head, so that the answer comes at once rather than after the header timeout
            request.append("\r\n\r\n");
            String response;
            try {
                response = SlowClientTest.exchange(server, request.toString());
            } catch (java.net.SocketException e) {
                // a reset after a close with unread bytes is an acceptable end too
                continue;
            }
            if (!response.isEmpty()) {
                assertThat(response).as(request.toString()).startsWith("HTTP/1.1 ");
                assertThat(response).as(request.toString()).doesNotContain("Exception").doesNotContain("<html");
                int status = Integer.parseInt(response.substring(9, 12));
                assertThat(status).as(request.toString()).isBetween(200, 505).isNotEqualTo(500);
            }
        }
        assertServerStillPredicts();
    }

    @Test
    void shouldRefuseWith503WhenStalledBodiesWouldExceedTheMemoryBudget() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            String refused = null;
            for (int i = 0; i < 6 && refused == null; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(server.address().getAddress(), server.port()), 5_000);
                socket.setSoTimeout(300);
                held.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /predict HTTP/1.1\r\nContent-Length: 60000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                try {
                    // 59,999 of the 60,000 bytes, then the client stalls
                    out.write(new byte[59_999]);
                    out.flush();
                    byte[] answer = socket.getInputStream().readNBytes(12);
                    refused = new String(answer, StandardCharsets.US_ASCII);
                } catch (java.net.SocketTimeoutException e) {
                    // held by the server, waiting for the last byte
                } catch (java.net.SocketException e) {
                    refused = "reset: " + e.getMessage();
                }
            }
            assertThat(refused).isEqualTo("HTTP/1.1 503");
            assertThat(held.size()).isBetween(3, 5);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        assertServerStillPredicts();
    }

    private static String body(final String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String metrics() throws Exception {
        return Fixtures.get(client, server.uri().resolve("/metrics")).body();
    }

    private static void assertServerStillPredicts() throws Exception {
        HttpResponse<String> response = Fixtures.post(client, server.uri().resolve("/predict"), row);
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
