package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Map;

/**
 * Who acts on the registry.
 *
 * @param user     the user name, never null ({@code unknown} when nothing says)
 * @param buildUrl the CI build's URL, or null outside a build
 */
public record Actor(String user, @CheckForNull String buildUrl) {
    /** The user name recorded when nothing names one. */
    public static final String UNKNOWN = "unknown";

    public Actor {
        if (user == null || user.isBlank()) {
            user = UNKNOWN;
        }
        if (buildUrl != null && buildUrl.isBlank()) {
            buildUrl = null;
        }
    }

    /**
     * The actor the environment names: {@code BUILD_USER_ID} (Jenkins' build user), else {@code USER}, else the
     * {@code user.name} property; {@code BUILD_URL} for the build.
     */
    public static Actor fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.name"));
    }

    static Actor fromEnvironment(final Map<String, String> env, @CheckForNull final String userName) {
        String user = firstNonBlank(env.get("BUILD_USER_ID"), env.get("USER"), userName);
        return new Actor(user == null ? UNKNOWN : user, env.get("BUILD_URL"));
    }

    @CheckForNull
    private static String firstNonBlank(final String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
