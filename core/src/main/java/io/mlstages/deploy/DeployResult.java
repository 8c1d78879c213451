package io.mlstages.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.registry.AliasMove;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment or rollback did.
 *
 * @param model      the model
 * @param version    the version deployed (for a rollback: the version the alias returned to)
 * @param alias      the alias
 * @param previous   the version the alias held before, or null when it was new
 * @param action     {@code deploy} or {@code rollback}
 * @param registered whether the version was registered from a package by this deployment
 * @param blessed    whether the version is blessed
 * @param forced     whether an unblessed version was deployed by force (as the alias history records)
 * @param move       the alias move, or null when the alias did not move
 * @param outcomes   every target's outcome, in the order they ran, the registry last
 */
public record DeployResult(String model, int version, String alias, @CheckForNull Integer previous, String action,
        boolean registered, boolean blessed, boolean forced, @CheckForNull AliasMove move, List<Outcome> outcomes) {

    /** A deployment. */
    public static final String DEPLOY = "deploy";
    /** A rollback. */
    public static final String ROLLBACK = "rollback";

    public DeployResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(action, "action");
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every target succeeded and the alias moved. */
    public boolean succeeded() {
        return move != null && outcomes.stream().allMatch(o -> o.status().ok());
    }

    /** One line per target, for the console and the build log. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(action).append(' ').append(model).append(" version ").append(version).append(" as ")
                .append(alias).append(previous == null ? " (new alias)" : " (was version " + previous + ")")
                .append(forced ? ", FORCED without blessing" : "").append('\n');
        for (Outcome outcome : outcomes) {
            text.append("  ").append(outcome.target()).append(": ").append(outcome.status().label()).append(" - ")
                    .append(outcome.detail()).append('\n');
        }
        return text.toString();
    }

    /** What happened to one target. */
    public enum Status {
        /** The target now has the version. */
        DONE("done", true),
        /** The target already had the version, identical; nothing changed. */
        UNCHANGED("unchanged", true),
        /** The target failed; the message says why. */
        FAILED("FAILED", false),
        /** The target did not run because an earlier one failed. */
        SKIPPED("skipped", false),
        /** The target had succeeded, and was undone because a later one failed. */
        UNDONE("undone", false);

        private final String label;
        private final boolean ok;

        Status(final String label, final boolean ok) {
            this.label = label;
            this.ok = ok;
        }

        /** How the summary shows it. */
        public String label() {
            return label;
        }

        /** Whether the target holds the version. */
        public boolean ok() {
            return ok;
        }
    }

    /**
     * One target's outcome.
     *
     * @param target   the target's description ({@code directory /srv/models/churn})
     * @param status   what happened
     * @param detail   the details: the folder written, the HTTP status and attempts, or the error
     * @param attempts the attempts made (HTTP), 1 for other targets that ran, 0 for skipped ones
     * @param elapsed  how long it took
     */
    public record Outcome(String target, Status status, String detail, int attempts, Duration elapsed) {
        public Outcome {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(status, "status of " + target);
            detail = detail == null ? "" : detail;
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts of " + target + " must not be negative, not " + attempts);
            }
            elapsed = elapsed == null ? Duration.ZERO : elapsed;
        }
    }
}
