package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link RegistryVerifier#verify}: what was checked and every broken invariant found.
 *
 * @param root     the registry folder checked
 * @param models   models checked
 * @param versions version folders checked
 * @param moves    alias moves checked
 * @param findings broken invariants (the registry is damaged or was edited by hand), in the order found
 * @param notes    traces that are normal after an interrupted writer and that the next writer removes (a torn
 *                 last history line, a leftover incoming or trash folder); they are not findings
 */
public record Verification(String root, int models, int versions, int moves, List<Finding> findings,
        List<Finding> notes) {

    public Verification {
        Objects.requireNonNull(root, "root");
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** Whether no invariant is broken. */
    public boolean clean() {
        return findings.isEmpty();
    }

    /**
     * One broken invariant.
     *
     * @param model   the model, or null for the registry as a whole
     * @param version the version concerned, or null
     * @param file    the file or folder concerned, relative to the registry with '/' separators, or null
     * @param problem what is wrong, in a sentence
     */
    public record Finding(@CheckForNull String model, @CheckForNull Integer version, @CheckForNull String file,
            String problem) {
        public Finding {
            Objects.requireNonNull(problem, "problem");
        }

        /** {@code model M version V: FILE: PROBLEM}, leaving out what is null. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            if (model != null) {
                text.append("model ").append(model);
                if (version != null) {
                    text.append(" version ").append(version);
                }
                text.append(": ");
            }
            if (file != null) {
                text.append(file).append(": ");
            }
            return text.append(problem).toString();
        }
    }
}
