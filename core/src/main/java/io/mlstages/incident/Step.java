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
 */
public record Step(Stage stage, Instant at, @CheckForNull String buildUrl, String user, String note) {
    public Step {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at of a " + stage + " step");
        if (user == null || user.isBlank()) {
            user = "unknown";
        }
        note = note == null ? "" : note;
    }
}
