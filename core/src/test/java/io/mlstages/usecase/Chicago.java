package io.mlstages.usecase;

import io.mlstages.TestData;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import io.mlstages.train.Algorithm;
import io.mlstages.train.TrainOptions;
import io.mlstages.train.Trainer;

import java.nio.file.Path;
import java.util.Set;

/** Real models for the use-case tests: linear regressions of Chicago L ridership. */
final class Chicago {
    static final String MODEL = "ridership";
    static final Actor ACTOR = new Actor("tester", "https://ci.example/job/loop/3/");

    private Chicago() {
    }

    static Path dataset(final String name) {
        return TestData.dataset(name);
    }

    /** A package trained on {@code data} in {@code work} (the date names the row; it is no feature). */
    static Path train(final Path work, final String data) {
        Path dir = work.resolve("pkg-" + data);
        Trainer.train(dataset(data), TrainOptions.of(Algorithm.LINEAR, "ridership").withExclude(Set.of("date")), dir);
        return dir;
    }

    /** A registry whose production alias points to version 1, trained on the 2005-2007 training days. */
    static Registry deployed(final Path work) {
        Registry registry = Registry.open(work.resolve("registry"));
        int version = registry.register(MODEL, train(work, "chicago-ridership-train.csv"), ACTOR, "first").version();
        registry.promote(MODEL, "production", version, ACTOR, "first deployment", true);
        return registry;
    }
}
