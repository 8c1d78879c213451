package io.mlstages.registry;

import java.util.regex.Pattern;

/**
 * Model and alias names. They become folder names and appear in logs, so they are restricted to a portable set
 * that cannot traverse ({@code ..}, {@code /}), hide ({@code .x}) or carry control characters.
 */
final class Names {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private Names() {
    }

    static String model(final String name) {
        return check(name, "model");
    }

    static String alias(final String name) {
        return check(name, "alias");
    }

    static int version(final String model, final int version) {
        if (version < 1) {
            throw new RegistryException("Invalid version " + version + " of model " + model
                    + ": versions are numbered from 1");
        }
        return version;
    }

    private static String check(final String name, final String what) {
        if (name == null) {
            throw new RegistryException("A " + what + " name is required");
        }
        // the pattern's first character excludes "." and ".." already; said explicitly for the reader
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new RegistryException("Invalid " + what + " name '" + printable(name) + "': a name is 1 to 100"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** The text with control characters escaped and cut to a readable length, for error messages. */
    static String printable(final String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 120; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= 120) {
            out.append("...");
        }
        return out.toString();
    }
}
