package io.mlstages.serve;

import io.mlstages.registry.Actor;
import io.mlstages.registry.ModelVersion;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The steps of {@code bench/serve} that need the engine, until the command line has {@code mlstages serve}:
 * <pre>
 *   train DATA TARGET ALGORITHM OUT
 *   register REGISTRY MODEL PACKAGE          prints the new version
 *   promote REGISTRY MODEL ALIAS VERSION
 *   serve REGISTRY MODEL ALIAS PORT_FILE [LOG_DIR]   runs until killed; writes the bound port to PORT_FILE
 * </pre>
 */
public final class ServeBenchMain {
    private ServeBenchMain() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: train|register|promote|serve ... (see the class comment)");
            System.exit(2);
        }
        Actor actor = new Actor("bench", null);
        switch (args[0]) {
            case "train" -> Trainer.train(Path.of(args[1]), TrainOptions.of(Algorithm.parse(args[3]), args[2]),
                    Path.of(args[4]));
            case "register" -> {
                ModelVersion version = Registry.open(Path.of(args[1])).register(args[2], Path.of(args[3]), actor,
                        "bench/serve");
                System.out.println(version.version());
            }
            case "promote" -> Registry.open(Path.of(args[1])).promote(args[2], args[3], Integer.parseInt(args[4]),
                    actor, "bench/serve", true);
            case "serve" -> {
                ServeOptions options = ServeOptions.ofRegistry(Path.of(args[1]), args[2], args[3])
                        .withPollInterval(Duration.ofMillis(500));
                Integer threads = Integer.getInteger("mlstages.bench.threads");
                if (threads != null) {
                    options = options.withThreads(threads);
                }
                if (args.length > 5) {
                    options = options.withLogDir(Path.of(args[5]));
                }
                Server server = Server.start(options, message -> System.err.println("serve: " + message));
                Path portFile = Path.of(args[4]);
                Path temp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
                Files.writeString(temp, Integer.toString(server.port()));
                Files.move(temp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                new CountDownLatch(1).await();
            }
            default -> {
                System.err.println("unknown step " + args[0]);
                System.exit(2);
            }
        }
    }
}
