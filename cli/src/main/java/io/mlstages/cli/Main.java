package io.mlstages.cli;

import io.mlstages.Texts;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Entry point of the {@code mlstages} command: only runs the command line and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(final String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
        int code;
        try {
            code = MlStages.execute(MlStages.commandLineFor(args), args);
        }
        catch (Throwable e) { // building the command line failed (a class that cannot initialise): still exit 3
            code = MlStages.internalError(e, stderr());
        }
        System.exit(code);
    }

    /**
     * A thread of ours died: an {@link Error} (out of memory in a worker, say) ends the command with exit 3 and
     * one line, as it would on the main thread; anything else is reported on one line, without the JVM's trace.
     */
    private static void uncaught(final Thread thread, final Throwable e) {
        PrintWriter err = stderr();
        if (e instanceof Error) {
            MlStages.internalError(e, err);
            Runtime.getRuntime().halt(ExitCodes.INTERNAL_ERROR);
        }
        err.println("mlstages: internal error in thread " + Texts.line(thread.getName() + ": " + e
                + " (please report it; MLSTAGES_DEBUG=1 prints the stack trace)"));
        MlStages.debug(e, err);
    }

    /** Standard error in the platform's encoding, as the command line's own writers use. */
    private static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
    }
}
