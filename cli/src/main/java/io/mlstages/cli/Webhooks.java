package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.deploy.Secret;
import io.mlstages.incident.Notifier;
import io.mlstages.usecase.IncidentVerification;

import java.net.URI;
import java.net.URISyntaxException;

/** The incident webhook's options, {@code --webhook URL --webhook-token-env NAME}, as {@code check} and {@code validate} take them. */
final class Webhooks {
    private Webhooks() {
    }

    /**
     * The webhook, or null when neither option is given; checked before anything else happens, so that a bad URL
     * writes no incident it then cannot announce.
     *
     * @throws IllegalArgumentException when only one of the two is given, or the URL is malformed
     * @throws io.mlstages.deploy.DeployException when the URL is not http(s), names no host or holds user information
     */
    @CheckForNull
    static IncidentVerification.Webhook of(@CheckForNull final String url, @CheckForNull final String tokenEnv) {
        // the URL first, as before the token: a bad URL is named even when the token's variable is missing too
        URI checked = url == null ? null : Notifier.checkUrl(parse(url));
        if ((checked == null) != (tokenEnv == null)) {
            throw new IllegalArgumentException("Give --webhook and --webhook-token-env together");
        }
        if (checked == null || tokenEnv == null) {
            return null;
        }
        return new IncidentVerification.Webhook(checked, Secret.fromEnvironment(tokenEnv));
    }

    private static URI parse(final String url) {
        try {
            return new URI(url);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("--webhook '" + url + "' is not a URL: " + e.getMessage());
        }
    }
}
