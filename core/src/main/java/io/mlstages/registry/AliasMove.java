package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.util.Objects;

/**
 * One move of an alias, as the history records it.
 *
 * @param model   the model's name
 * @param alias   the alias moved
 * @param from    the version it pointed at before, or null when the alias is new
 * @param to      the version it points at after, or null when the alias was removed
 * @param at      when
 * @param actor   who moved it
 * @param message why (may be empty, never null)
 * @param action  {@value #PROMOTE}, {@value #ROLLBACK} or {@value #REMOVE}
 * @param forced  whether an unblessed version was promoted by force
 */
public record AliasMove(String model, String alias, @CheckForNull Integer from, @CheckForNull Integer to, Instant at,
        Actor actor, String message, String action, boolean forced) {
    /** A promotion: the alias moves to a chosen version. */
    public static final String PROMOTE = "promote";
    /** A rollback: the alias returns to its previous holder. */
    public static final String ROLLBACK = "rollback";
    /** A removal: the alias points at nothing afterwards. */
    public static final String REMOVE = "remove";

    public AliasMove {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias of " + model);
        Objects.requireNonNull(at, "at of " + model + " alias " + alias);
        Objects.requireNonNull(actor, "actor of " + model + " alias " + alias);
        message = message == null ? "" : message;
        Objects.requireNonNull(action, "action of " + model + " alias " + alias);
        if (from == null && to == null) {
            throw new IllegalArgumentException("A move of " + model + " alias " + alias
                    + " needs a version before or after it");
        }
    }
}
