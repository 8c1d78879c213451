package io.mlstages.incident;

import io.mlstages.MlStagesException;

/** An incident operation failed: an unknown incident, an unreadable store file, a model without the alias. */
public class IncidentException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public IncidentException(final String message) {
        super(message);
    }

    public IncidentException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
