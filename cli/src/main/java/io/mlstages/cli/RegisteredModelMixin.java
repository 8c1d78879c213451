package io.mlstages.cli;

import io.mlstages.registry.Registry;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The registered model a command acts on: the registry folder and the model's name, both required. */
final class RegisteredModelMixin {
    @Option(names = "--registry", paramLabel = "DIR", required = true, description = "The registry folder.")
    Path registry;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "The model's name.")
    String model;

    /** The registry, which must exist (see {@link Registries#open}). */
    Registry open() {
        return Registries.open(registry);
    }
}
