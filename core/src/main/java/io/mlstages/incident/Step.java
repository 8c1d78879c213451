package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.Objects;

/**
 * One move of an incident's lifecycle.
 *
 * @param stage    the stage entered
 * @param at       when
 * @param buildUrl the build that caused it, or null outside a build
 * @param user     who caused it
 * @param note     why, in a sentence
 * @param event    what happened, one of {@link io.mlstages.model.IncidentEvent}'s kinds; null for a step read from a
 *                 file written before steps had one
 */
public record Step(Stage stage, Instant at, @CheckForNull String buildUrl, String user, String note,
        @CheckForNull String event) {
    /** A step without an event (as read from a file written before steps had one). */
    public Step(final Stage stage, final Instant at, @CheckForNull final String buildUrl, final String user,
            final String note) {
        this(stage, at, buildUrl, user, note, null);
    }

    public Step {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at of a " + stage + " step");
        if (user == null || user.isBlank()) {
            user = "unknown";
        }
        note = note == null ? "" : note;
    }
}
