package io.mlstages.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;

import java.util.Optional;

/**
 * A deployment was refused or failed. The message names the model, version, alias and target, says what was
 * done and where the alias stands. When targets had already run, {@link #result()} holds each one's outcome.
 */
public class DeployException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    /** The outcomes so far; not serialized (exceptions are never written with Java serialization here). */
    @CheckForNull private final transient DeployResult result;

    public DeployException(final String message) {
        this(message, null, null);
    }

    public DeployException(final String message, final Throwable cause) {
        this(message, null, cause);
    }

    public DeployException(final String message, @CheckForNull final DeployResult result,
            @CheckForNull final Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    /** What each target did before the failure, or empty when the deployment was refused before any ran. */
    public Optional<DeployResult> result() {
        return Optional.ofNullable(result);
    }
}
