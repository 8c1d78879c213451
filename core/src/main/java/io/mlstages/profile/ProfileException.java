package io.mlstages.profile;

import io.mlstages.MlStagesException;

/** A profile could not be built, read, written or merged; the message names the file or column. */
public class ProfileException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public ProfileException(final String message) {
        super(message);
    }

    public ProfileException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
