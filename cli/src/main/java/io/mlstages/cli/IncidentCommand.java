package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.incident.Incident;
import io.mlstages.incident.IncidentStore;
import io.mlstages.incident.Incidents;
import io.mlstages.incident.Monitor;
import io.mlstages.io.AtomicFiles;
import io.mlstages.registry.Actor;
import io.mlstages.registry.Registry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mlstages incident list|show|resolve|retraining}: the incidents kept with a registry. */
@Command(name = "incident", mixinStandardHelpOptions = true,
        description = "List, show and resolve the drift incidents kept with a registry, or mark one retraining (see "
                + "docs/incidents.md).",
        subcommands = {IncidentCommand.ListIncidents.class, IncidentCommand.Show.class, IncidentCommand.Resolve.class,
            IncidentCommand.Retraining.class, IncidentCommand.Rearm.class})
final class IncidentCommand implements Runnable {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: list, show, resolve, retraining or rearm");
    }

    /** The registry that keeps the incidents. */
    static class Kept {
        @Option(names = "--registry", paramLabel = "DIR", required = true,
                description = "The registry: a folder, or s3://bucket/prefix.")
        String registry;

        IncidentStore store() {
            if (Registry.isObjectStore(registry)) {
                return IncidentStore.of(Registry.open(registry));
            }
            Path folder = Path.of(registry);
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--registry " + registry + ": no such folder");
            }
            return IncidentStore.open(folder);
        }
    }

    /** One incident of the registry. */
    static final class One extends Kept {
        @Parameters(paramLabel = "ID", description = "The incident, such as cancer-0003.")
        String id;
    }

    private static java.time.Instant instant(final String text) {
        try {
            return java.time.Instant.parse(text.strip());
        }
        catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--withdraw '" + text + "' is not a time such as"
                    + " 2026-11-27T08:00:00.123Z (the check's retrain.requestedAt)");
        }
    }

    /** {@code incident list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List incidents, oldest first.")
    static final class ListIncidents implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        Kept kept;

        @Option(names = "--model", paramLabel = "NAME", description = "Only this model's incidents.")
        @CheckForNull String model;

        @Option(names = "--open", description = "Only incidents not resolved.")
        boolean openOnly;

        @Option(names = "--json", description = "Print JSON (an array of incidents).")
        boolean json;

        @Override
        public Integer call() {
            List<Incident> incidents = kept.store().list(model).stream()
                    .filter(i -> !openOnly || i.isOpen()).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.print(Incidents.toJson(incidents));
            }
            else if (incidents.isEmpty()) {
                out.println("No incidents.");
            }
            else {
                incidents.forEach(i -> out.println(Incidents.line(i)));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code incident show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show an incident: its findings and its lifecycle steps.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        One which;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            Incident incident = which.store().get(which.id);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Incidents.toJson(incident) : Incidents.details(incident));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code incident resolve}. */
    @Command(name = "resolve", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Resolve an incident by hand (a false alarm, or fixed outside ML Stages).")
    static final class Resolve implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        One which;

        @Option(names = "--message", paramLabel = "TEXT", description = "Why: recorded in the incident's steps.")
        @CheckForNull String message;

        @Option(names = "--json", description = "Print the resolved incident as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Incident incident = which.store().resolve(which.id, Actor.fromEnvironment(), message);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Incidents.toJson(incident) : "Resolved " + Incidents.line(incident) + "\n");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code incident retraining}. */
    @Command(name = "retraining", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Mark an open incident RETRAINING: a retrain was requested outside mlstages (a CI job was "
                    + "started), so the cool-down starts now and the next checks do not ask again.",
                "Exit code 2 for an unknown or resolved incident."})
    static final class Retraining implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        One which;

        @Option(names = "--reason", paramLabel = "TEXT",
                description = "What was requested: recorded in the incident's steps (e.g. the job started).")
        @CheckForNull String reason;

        @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
                description = "Write the incident as JSON ('-' or no FILE: stdout instead of the text). Put it after"
                        + " the ID, or write --json=FILE.")
        @CheckForNull String json;

        @Option(names = "--withdraw", paramLabel = "TIME",
                description = "Instead: withdraw the retrain request a 'check --claim-retrain' recorded at TIME (its "
                        + "JSON's retrain.requestedAt), because it could not be sent; the next check asks again.")
        @CheckForNull String withdraw;

        @Override
        public Integer call() {
            java.time.Instant requestedAt = withdraw == null ? null : instant(withdraw);
            IncidentStore store = which.store();
            store.get(which.id); // an unknown id fails here, naming the registry
            Incident incident = requestedAt != null ? Monitor.withdrawRetrain(store, which.id, requestedAt)
                    : Monitor.retraining(store, which.id, Actor.fromEnvironment(), reason);
            PrintWriter out = spec.commandLine().getOut();
            if (json != null && !"-".equals(json)) {
                AtomicFiles.write(Converters.path(json), Incidents.toJson(incident));
            }
            out.print("-".equals(json) ? Incidents.toJson(incident) : (requestedAt != null ? "Withdrew the retrain"
                    + " request of " + requestedAt + ": " : "Retraining ") + Incidents.line(incident) + "\n");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code incident rearm}. */
    @Command(name = "rearm", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Re-arm an open incident whose retrain budget is spent (validate --incident failed "
                    + "--retrain-budget times): its failed verifications are forgotten and the next checks may request "
                    + "a retrain again.",
                "Exit code 2 for an unknown or resolved incident."})
    static final class Rearm implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        One which;

        @Option(names = "--message", paramLabel = "TEXT",
                description = "Why (what a person changed): recorded in the incident's steps.")
        @CheckForNull String message;

        @Option(names = "--json", description = "Print the re-armed incident as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Incident incident = which.store().rearm(which.id, Actor.fromEnvironment(), message);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Incidents.toJson(incident) : "Re-armed " + Incidents.line(incident) + "\n");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
