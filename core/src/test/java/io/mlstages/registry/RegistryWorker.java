package io.mlstages.registry;

import java.nio.file.Path;

/**
 * A separate process writing to a registry, for the concurrency and crash tests (started with
 * {@code java -cp <the tests' class path>}).
 *
 * <ul>
 *   <li>{@code register ROOT MODEL PACKAGE COUNT}: registers the package COUNT times, promoting each new version to
 *   {@code production} (by force), printing {@code registered N} for each, then exits.</li>
 *   <li>{@code loop ROOT MODEL PACKAGE}: prints {@code ready} once the registry is open and the package was read
 *   once, then registers, promotes
 *   and rolls back forever, until it is killed.</li>
 * </ul>
 */
public final class RegistryWorker {
    private RegistryWorker() {
    }

    public static void main(final String[] args) {
        // a folder or an s3:// URL (the endpoint and the credentials then come from the environment)
        Registry registry = Registry.open(args[1]);
        String model = args[2];
        Path pkg = Path.of(args[3]);
        Actor actor = new Actor("worker-" + ProcessHandle.current().pid(), null);
        if (args[0].equals("register")) {
            int count = Integer.parseInt(args[4]);
            for (int i = 0; i < count; i++) {
                ModelVersion version = registry.register(model, pkg, actor, "from a worker");
                registry.promote(model, "production", version.version(), actor, "worker promotes", true);
                System.out.println("registered " + version.version());
            }
            System.out.flush();
            return;
        }
        // load the classes a registration needs before saying ready, so that the kills land in the writes rather
        // than in class loading
        io.mlstages.train.ModelPackage.load(pkg);
        registry.models().forEach(registry::history);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            ModelVersion version = registry.register(model, pkg, actor, "loop " + i);
            registry.promote(model, "production", version.version(), actor, "loop " + i, false);
            if (i % 3 == 2) {
                registry.rollback(model, "production", actor, "loop " + i);
                registry.promote(model, "staging", version.version(), actor, "loop " + i, false);
            }
        }
    }
}
