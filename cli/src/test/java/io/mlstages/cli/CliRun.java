package io.mlstages.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process with captured output, as the user would see it. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(final String... args) {
        return on(MlStages.commandLine(), args);
    }

    /** Runs on a command line built before: picocli resets every option before it parses, so one can be reused. */
    static CliRun on(final picocli.CommandLine line, final String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = MlStages.execute(line, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
