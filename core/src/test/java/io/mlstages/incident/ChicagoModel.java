package io.mlstages.incident;

import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;

import java.nio.file.Path;

/** A real registry for the incident tests: linear regressions of Chicago ridership, registered and deployed. */
final class ChicagoModel {
    static final String MODEL = "ridership";
    static final Actor ACTOR = new Actor("tester", "https://ci.example/job/monitor/7/");

    private ChicagoModel() {
    }

    /** A real data set of the repository; a missing one fails the test. */
    static Path dataset(final String name) {
        return io.mlstages.TestData.dataset(name);
    }

    /** Trains a linear model of {@code ridership} on {@code data} and registers it as the next version. */
    static int register(final Registry registry, final Path work, final String data) {
        Path dir = work.resolve("pkg-" + data);
        Trainer.train(dataset(data), TrainOptions.of(Algorithm.LINEAR, "ridership"), dir);
        return registry.register(MODEL, dir, ACTOR, "trained on " + data).version();
    }

    /** A registry whose production alias points to version 1, trained on 2005-2007. */
    static Registry deployed(final Path work) {
        Registry registry = Registry.open(work.resolve("registry"));
        int version = register(registry, work, "chicago-ridership-train.csv");
        registry.promote(MODEL, "production", version, ACTOR, "first deployment", true);
        return registry;
    }
}
