package io.mlstages.cli;

import io.mlstages.registry.Registry;
import picocli.CommandLine.Option;

/** The registered model a command acts on: the registry folder and the model's name, both required. */
final class RegisteredModelMixin {
    @Option(names = "--registry", paramLabel = "DIR|S3URL", required = true,
            description = "The registry: a folder, or s3://bucket/prefix.")
    String registry;

    @Option(names = "--model", paramLabel = "NAME", required = true, description = "The model's name.")
    String model;

    /** The registry, which must exist (see {@link Registries#open}). */
    Registry open() {
        return Registries.open(registry);
    }
}
