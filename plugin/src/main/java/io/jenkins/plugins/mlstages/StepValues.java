package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Normalises the values that forms and Jenkinsfiles bind, so that "not given" is always {@code null}. */
final class StepValues {
    private StepValues() {
    }

    /** The text trimmed, or null when it is null or blank (an empty form field means "not given"). */
    @CheckForNull
    static String text(@CheckForNull final String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The text of a map value, or null. */
    @CheckForNull
    static String text(@CheckForNull final Object value) {
        return value == null ? null : text(value.toString());
    }
}
