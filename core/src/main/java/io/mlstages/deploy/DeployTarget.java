package io.mlstages.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a deployment publishes a model version. Written on the command line as {@code registry},
 * {@code directory=DIR} or {@code http=URL} (see {@link #parse(String, Options)}).
 */
public sealed interface DeployTarget permits DeployTarget.RegistryAlias, DeployTarget.Directory, DeployTarget.Http {

    /** The kind of target, by the name the command line uses. */
    Kind kind();

    /** A short description for messages and outcomes, such as {@code directory /srv/models/churn}. */
    String describe();

    /** The kinds of target and their command-line names. */
    enum Kind {
        /** Moves the alias in the registry; always runs, and always last. */
        REGISTRY("registry"),
        /** Publishes the package into a numbered folder of a serving directory. */
        DIRECTORY("directory"),
        /** POSTs a deployment request to an HTTP endpoint. */
        HTTP("http");

        private final String label;

        Kind(final String label) {
            this.label = label;
        }

        /** The name the command line uses. */
        public String label() {
            return label;
        }

        /**
         * The kind a name designates, ignoring case.
         *
         * @throws DeployException naming the value and the known kinds
         */
        public static Kind of(final String name) {
            for (Kind kind : values()) {
                if (kind.label.equalsIgnoreCase(name.strip())) {
                    return kind;
                }
            }
            throw new DeployException("Unknown deployment target '" + name + "': expected one of "
                    + Arrays.stream(values()).map(Kind::label).toList() + " (registry, directory=DIR, http=URL)");
        }
    }

    /** Moves the alias to the deployed version ({@code Registry.promote}). */
    record RegistryAlias() implements DeployTarget {
        @Override
        public Kind kind() {
            return Kind.REGISTRY;
        }

        @Override
        public String describe() {
            return "registry";
        }
    }

    /**
     * Publishes the verified package files into {@code dir/<version>/}, the layout of a TF Serving model base path,
     * atomically: readers see a complete version folder or none.
     *
     * @param dir  the model base path; created if absent
     * @param keep how many numbered version folders to keep (the newest, plus the one deployed and the one the alias
     *             held before, which a rollback needs); 0 keeps them all
     */
    record Directory(Path dir, int keep) implements DeployTarget {
        public Directory {
            Objects.requireNonNull(dir, "dir");
            if (keep < 0) {
                throw new IllegalArgumentException("keep must be 0 (keep all) or more, not " + keep + " for " + dir);
            }
        }

        @Override
        public Kind kind() {
            return Kind.DIRECTORY;
        }

        @Override
        public String describe() {
            return "directory " + dir;
        }
    }

    /**
     * POSTs a JSON deployment request with a bearer token, retrying with backoff on connection errors, timeouts,
     * 429 and 5xx.
     *
     * @param url      an http or https URL without user information
     * @param token    the bearer token
     * @param settings timeouts and retries
     */
    record Http(URI url, Secret token, HttpSettings settings) implements DeployTarget {
        public Http {
            JsonPost.checkUrl(url, "The http target's URL", "--token-env or --token-file");
            Objects.requireNonNull(token, "token of the http target " + url);
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public Kind kind() {
            return Kind.HTTP;
        }

        @Override
        public String describe() {
            return "http " + url;
        }
    }

    /**
     * What the target specifications leave out: the directory retention, the HTTP token and settings.
     *
     * @param keep  version folders a directory target keeps (0: all)
     * @param token the bearer token of HTTP targets, or null when none was given
     * @param http  timeouts and retries of HTTP targets
     */
    record Options(int keep, @CheckForNull Secret token, HttpSettings http) {
        public Options {
            if (keep < 0) {
                throw new IllegalArgumentException("keep must be 0 (keep all) or more, not " + keep);
            }
            Objects.requireNonNull(http, "http");
        }

        /** Keep every version folder, no token, default HTTP settings. */
        public static Options defaults() {
            return new Options(0, null, HttpSettings.defaults());
        }

        public Options withKeep(final int value) {
            return new Options(value, token, http);
        }

        public Options withToken(final Secret value) {
            return new Options(keep, value, http);
        }

        public Options withHttp(final HttpSettings value) {
            return new Options(keep, token, value);
        }
    }

    /**
     * Reads a target specification: {@code registry}, {@code directory=DIR} or {@code http=URL}.
     *
     * @throws DeployException naming the specification when the kind is unknown, a value is missing or
     *                         superfluous, the URL is not http(s), or an http target has no token
     */
    static DeployTarget parse(final String spec, final Options options) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq);
        String value = eq < 0 ? null : spec.substring(eq + 1).strip();
        Kind kind = Kind.of(name);
        return switch (kind) {
            case REGISTRY -> {
                if (value != null) {
                    throw new DeployException("The target 'registry' takes no value, not '" + spec + "'");
                }
                yield new RegistryAlias();
            }
            case DIRECTORY -> {
                String dir = required(spec, value, "directory=DIR");
                try {
                    yield new Directory(Path.of(dir), options.keep());
                }
                catch (InvalidPathException e) {
                    throw new DeployException("The target '" + spec + "' names an invalid directory: "
                            + e.getReason(), e);
                }
            }
            case HTTP -> {
                String url = required(spec, value, "http=URL");
                if (options.token() == null) {
                    throw new DeployException("The target '" + spec + "' needs a bearer token: give --token-env NAME"
                            + " or --token-file FILE");
                }
                try {
                    yield new Http(new URI(url), Objects.requireNonNull(options.token(), "token"), options.http());
                }
                catch (URISyntaxException e) {
                    throw new DeployException("The target '" + spec + "' holds an invalid URL: " + e.getMessage(),
                            e);
                }
            }
        };
    }

    /** Reads every specification: see {@link #parse(String, Options)}. */
    static List<DeployTarget> parseAll(final List<String> specs, final Options options) {
        List<DeployTarget> targets = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String spec : specs) {
            DeployTarget target = parse(spec, options);
            if (!seen.add(target.describe())) {
                throw new DeployException("The target '" + spec + "' is listed twice: list each target once");
            }
            targets.add(target);
        }
        return List.copyOf(targets);
    }

    private static String required(final String spec, final String value, final String form) {
        if (value == null || value.isEmpty()) {
            throw new DeployException("The target '" + spec + "' needs a value: " + form);
        }
        return value;
    }
}
