package io.mlstages.registry;

import io.mlstages.MlStagesException;

/**
 * A registry operation failed: an unknown model, version or alias, a name refused, a package that does not verify,
 * an unblessed version promoted without force. The message names the model, version, alias or file.
 */
public class RegistryException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public RegistryException(final String message) {
        super(message);
    }

    public RegistryException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
