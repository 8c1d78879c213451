package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parameter of a pipeline step (or of the freestyle build step).
 *
 * <p>A parameter that maps onto a command-line option is named after the option's long name in camelCase
 * ({@code --max-missing-rate} is {@code maxMissingRate}, {@code --no-pooling} is {@code noPooling}), so that the
 * CLI documentation reads for the steps too. Parameters with no option ({@link #option()} null) belong to the
 * plugin: what to do on a finding, credentials, the retrain job.</p>
 *
 * @param name     the name in a Jenkinsfile (a Groovy identifier)
 * @param kind     how the value is typed and passed
 * @param required whether the step cannot run without it (it is then a {@code @DataBoundConstructor} argument)
 * @param option   the command-line option it becomes, or null for a plugin-only parameter
 * @param help     one sentence for the step's help and for the docs
 * @param requires the name of another parameter this one only applies with (e.g. {@code coolDown} needs
 *                 {@code model}), or null
 * @param title    the label on the configuration form, or null for one made of the name ({@link #formTitle()})
 * @param note     a further sentence for the help page only (not the docs' table), or null
 */
public record Parameter(String name, Kind kind, boolean required, @CheckForNull String option, String help,
        @CheckForNull String requires, @CheckForNull String title, @CheckForNull String note) {
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    /** How a parameter's value is typed in a Jenkinsfile and passed to the command line. */
    public enum Kind {
        /** A string, passed as {@code --option value}. */
        STRING,
        /** A whole number, passed as {@code --option value}. */
        INTEGER,
        /** A decimal number, passed as {@code --option value}. */
        DECIMAL,
        /** A flag: {@code true} passes {@code --option}, {@code false} passes nothing. */
        FLAG,
        /**
         * A comma-separated list (a string such as {@code 'accuracy=0.9,auc=0.95'}), passed as one
         * {@code --option item} per item so that it works for repeatable options.
         */
        LIST,
        /** One of the words of {@link OnFinding}, plugin-only. */
        CHOICE;

        /** The name used in the docs' tables. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Parameter {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A step parameter name must be a camelCase identifier: '" + name + "'");
        }
        if (option != null && !option.startsWith("-")) {
            throw new IllegalArgumentException("Parameter " + name + ": option '" + option + "' does not start with -");
        }
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("Parameter " + name + " has no help text");
        }
        if (title != null && (title.isBlank() || title.contains("}"))) {
            throw new IllegalArgumentException("Parameter " + name + ": bad form title '" + title + "'");
        }
    }

    /** A parameter that applies whatever else is given. */
    public Parameter(final String name, final Kind kind, final boolean required, @CheckForNull final String option,
            final String help) {
        this(name, kind, required, option, help, null, null, null);
    }

    /** This parameter, applying only when {@code other} is given. */
    public Parameter onlyWith(final String other) {
        return new Parameter(name, kind, required, option, help, other, title, note);
    }

    /** This parameter with a label for the configuration form. */
    public Parameter titled(final String formTitle) {
        return new Parameter(name, kind, required, option, help, requires, formTitle, note);
    }

    /** This parameter with a further sentence for its help page. */
    public Parameter noted(final String helpNote) {
        return new Parameter(name, kind, required, option, help, requires, title, helpNote);
    }

    /** The label on the configuration form: the title, else the name as words ({@code sketchK} is {@code Sketch k}). */
    public String formTitle() {
        if (title != null) {
            return title;
        }
        String words = name.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Whether the plugin, not the command line, acts on this parameter. */
    public boolean pluginOnly() {
        return option == null;
    }
}
