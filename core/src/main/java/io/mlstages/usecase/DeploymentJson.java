package io.mlstages.usecase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.mlstages.deploy.DeployException;
import io.mlstages.deploy.DeployRequest;
import io.mlstages.deploy.DeployResult;
import io.mlstages.incident.Incident;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The JSON result of a deployment or a rollback, as {@code mlstages deploy --json} and {@code rollback --json} write
 * it and the {@code deployModel} step reads it back: the {@link DeployResult}'s components (instants, durations and
 * paths as text), and for a deployment {@code succeeded}, which scripts look for first, and the incident it
 * mitigated. A refused deployment is a result too, with {@code refused} saying why.
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
        ObjectNode node = result(deployed.deployed());
        node.put("mitigatedIncident", deployed.mitigated().map(Incident::id).orElse(null));
        // only when an open incident stayed open: older readers see the same fields as before
        deployed.notMitigated().ifPresent(why -> node.put("notMitigated", why));
        return text(node);
    }

    /**
     * A deployment refused before any target ran (no blessing, say), or stopped by a failed target: the outcomes so
     * far when there are some, else the request's model, version and alias.
     */
    public static String refused(final DeployRequest request, final DeployException refusal) {
        ObjectNode node = refusal.result().map(DeploymentJson::result).orElseGet(() -> {
            ObjectNode refused = JSON.createObjectNode();
            refused.put("model", request.model());
            refused.put("version", request.version());
            refused.put("alias", request.alias());
            refused.putNull("previous");
            refused.put("action", DeployResult.DEPLOY);
            refused.putArray("outcomes");
            return refused;
        });
        node.put("succeeded", false);
        node.put("refused", refusal.getMessage());
        node.putNull("mitigatedIncident");
        return text(node);
    }

    /** A rollback: the result's components as they are. */
    public static String rollback(final DeployResult result) {
        return record(result);
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

    private static ObjectNode result(final DeployResult result) {
        ObjectNode node = JSON.valueToTree(result);
        node.put("succeeded", result.succeeded());
        return node;
    }

    private static String text(final ObjectNode node) {
        return record(node);
    }
}
