package io.mlstages.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/** A real HTTP server on 127.0.0.1 answering POSTs from a script, recording every request it receives. */
final class LoopbackServer implements AutoCloseable {
    /** One scripted answer; a status of 0 never answers (until the server closes). */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(final int status, final String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    /** What a request carried. */
    record Received(long atNanos, String method, String authorization, String idempotencyKey, String contentType,
            String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Answer> script;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Answers in order; the last answer repeats. */
    LoopbackServer(final List<Answer> script) throws IOException {
        this.script = new ArrayList<>(script);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/deploy", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/deploy");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int index;
        synchronized (received) {
            index = received.size();
            received.add(new Received(System.nanoTime(), exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
        }
        Answer answer = script.get(Math.min(index, script.size() - 1));
        if (answer.status() == 0) {
            try {
                closing.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
