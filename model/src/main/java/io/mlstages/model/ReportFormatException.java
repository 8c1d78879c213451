package io.mlstages.model;

/** A document that is not JSON, not of the expected kind, of a newer schema version, or malformed; names the file. */
public class ReportFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportFormatException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public ReportFormatException(final String message) {
        super(message);
    }
}
