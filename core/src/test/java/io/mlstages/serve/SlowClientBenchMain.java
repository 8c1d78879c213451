package io.mlstages.serve;

import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The measurement behind docs/serving.md's slow-client table: a server of 4 threads on a breast cancer model;
 * for each count N, N connections each send {@code GET /hea} and stop, then 200 {@code GET /health} requests on
 * fresh connections, one after another, are timed.
 * <pre>
 *   java -cp core/target/classes:core/target/test-classes:DEPENDENCIES io.mlstages.serve.SlowClientBenchMain \
 *       test-resources/datasets/breast-cancer-train.csv 0,32,1000,4000
 * </pre>
 */
public final class SlowClientBenchMain {
    private SlowClientBenchMain() {
    }

    public static void main(final String[] args) throws Exception {
        Path out = Files.createTempDirectory("mlstages-slow-clients").resolve("model");
        Trainer.train(Path.of(args[0]), TrainOptions.of(Algorithm.LOGISTIC, "diagnosis"), out);
        try (Server server = Server.start(ServeOptions.ofPackage(out).withThreads(4))) {
            for (String count : args[1].split(",")) {
                List<Socket> stalled = new ArrayList<>();
                for (int i = 0; i < Integer.parseInt(count); i++) {
                    Socket socket = new Socket(server.address().getAddress(), server.port());
                    socket.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
                    stalled.add(socket);
                }
                Thread.sleep(300);
                long[] nanos = new long[200];
                for (int i = 0; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    String response = SlowClientTest.get(server, "/health");
                    nanos[i] = System.nanoTime() - start;
                    if (!response.startsWith("HTTP/1.1 200")) {
                        throw new IllegalStateException("Not 200: " + response);
                    }
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "stalled=%s median=%.2f ms p99=%.2f ms max=%.2f ms%n", count,
                        nanos[100] / 1e6, nanos[197] / 1e6, nanos[199] / 1e6);
                for (Socket socket : stalled) {
                    socket.close();
                }
                Thread.sleep(500);
            }
        }
    }
}
