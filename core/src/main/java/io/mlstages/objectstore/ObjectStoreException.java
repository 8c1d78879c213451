package io.mlstages.objectstore;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;

/**
 * An object-store operation failed: a malformed {@code s3://} URL, a missing bucket or key, access denied, an
 * endpoint that cannot be reached. The message names the URL and never carries a credential.
 */
public class ObjectStoreException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public ObjectStoreException(final String message) {
        super(message);
    }

    public ObjectStoreException(final String message, @CheckForNull final Throwable cause) {
        super(message, cause);
    }
}
