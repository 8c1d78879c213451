package io.mlstages.cli;

/** The exit codes of every command, documented in README.md and docs/cli.md. */
final class ExitCodes {
    /** Success: no finding. */
    static final int OK = 0;
    /** A finding: dataset drift, or (later) a failed gate. */
    static final int FINDING = 1;
    /** Bad input or usage; the reason is on stderr. */
    static final int BAD_INPUT = 2;
    /** A bug of ours; the message is on stderr, the stack trace too when MLSTAGES_DEBUG is set. */
    static final int INTERNAL_ERROR = 3;

    private ExitCodes() {
    }
}
