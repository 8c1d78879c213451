package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** A request the server refuses with 400: the reason, and the field and row at fault when there is one. */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    @CheckForNull final String field;
    final int row;

    BadRequest(final String reason, @CheckForNull final String field, final int row) {
        super(reason, null, false, false);
        this.field = field;
        this.row = row;
    }
}
