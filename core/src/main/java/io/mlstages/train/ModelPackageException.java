package io.mlstages.train;

import io.mlstages.MlStagesException;

/**
 * A model package could not be written, read or used: a file is missing or corrupted, the format version is
 * newer than this build reads, or a zip entry would escape its folder. The message names the package and the file.
 */
public class ModelPackageException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    public ModelPackageException(final String message) {
        super(message);
    }

    public ModelPackageException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
