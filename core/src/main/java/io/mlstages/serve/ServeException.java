package io.mlstages.serve;

import io.mlstages.MlStagesException;

/** The server cannot start or cannot load its model; the message names the address, registry, model or file. */
public class ServeException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public ServeException(final String message) {
        super(message);
    }

    public ServeException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
