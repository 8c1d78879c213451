package io.mlstages.usecase;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.incident.Incident;
import io.mlstages.model.DeploymentResult;
import io.mlstages.model.ReportJson;
import io.mlstages.registry.AliasMove;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON result of a deployment or a rollback, as {@code mlstages deploy --json} and {@code rollback --json} write
 * it and the {@code deployModel} step reads it back: the report model's {@link DeploymentResult} (with its
 * {@code schemaVersion}, instants and durations as text), written by {@link ReportJson} like every other report. A
 * refused deployment is a result too, with {@code refused} saying why. {@link #record} writes the registry's own
 * records, which are storage, not reports.
 */
public final class DeploymentJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new ToStringSerializer(Instant.class))
                    .addSerializer(Duration.class, new ToStringSerializer(Duration.class))
                    .addSerializer(Path.class, new ToStringSerializer(Path.class)));

    private DeploymentJson() {
    }

    /** A deployment that ran: every target took the version, or one failed ({@code succeeded} says which). */
    public static String of(final Deployment.Result deployed) {
        return ReportJson.toString(document(deployed.deployed(), null,
                deployed.mitigated().map(Incident::id).orElse(null), deployed.notMitigated().orElse(null),
                deployed.incidentEvents()));
    }

    /**
     * A deployment refused before any target ran (no blessing, say), or stopped by a failed target: the outcomes so
     * far when there are some, else the request's model, version and alias.
     */
    public static String refused(final DeployRequest request, final DeployException refusal) {
        String why = refusal.getMessage() == null ? refusal.getClass().getSimpleName() : refusal.getMessage();
        DeploymentResult document = refusal.result().map(result -> document(result, why, null, null, List.of()))
                .orElseGet(() -> new DeploymentResult(DeploymentResult.SCHEMA_VERSION, request.model(),
                        request.version(), request.alias(), null, DeployResult.DEPLOY, false, false, false, null,
                        List.of(), false, why, null, null, List.of()));
        return ReportJson.toString(document);
    }

    /** A rollback: the alias moved back, and each target's outcome. */
    public static String rollback(final DeployResult result) {
        return ReportJson.toString(document(result, null, null, null, List.of()));
    }

    /** A rollback recorded on {@code incident} (the open one, or the one it opened): its event is in the JSON. */
    public static String rollback(final DeployResult result, final Incident incident) {
        return ReportJson.toString(document(result, null, null, null,
                java.util.stream.Stream.ofNullable(incident.lastEvent()).toList()));
    }

    /** The report model's document of an engine result: instants and durations as ISO-8601 text. */
    static DeploymentResult document(final DeployResult result, @CheckForNull final String refused,
            @CheckForNull final String mitigated, @CheckForNull final String notMitigated,
            final List<io.mlstages.model.IncidentEvent> incidentEvents) {
        AliasMove move = result.move();
        DeploymentResult.Move written = move == null ? null : new DeploymentResult.Move(move.model(), move.alias(),
                move.from(), move.to(), move.at().toString(), new DeploymentResult.Actor(move.actor().user(),
                        move.actor().buildUrl()), move.message(), move.action(), move.forced());
        List<DeploymentResult.TargetOutcome> outcomes = result.outcomes().stream()
                .map(o -> new DeploymentResult.TargetOutcome(o.target(), o.status().name(), o.detail(), o.attempts(),
                        o.elapsed().toString())).toList();
        // a refusal after targets ran keeps their outcomes, yet did not succeed whatever they say
        boolean succeeded = refused == null && result.succeeded();
        return new DeploymentResult(DeploymentResult.SCHEMA_VERSION, result.model(), result.version(), result.alias(),
                result.previous(), result.action(), result.registered(), result.blessed(), result.forced(), written,
                outcomes, succeeded, refused, mitigated, notMitigated, incidentEvents);
    }

    /**
     * An engine record as JSON with instants, durations and paths as text: a deployment's result, and the registry's
     * versions, alias moves and differences that {@code mlstages registry --json} prints.
     */
    public static String record(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Engine records are always writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

}
