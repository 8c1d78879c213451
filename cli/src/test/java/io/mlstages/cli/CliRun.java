package io.mlstages.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process with captured output, as the user would see it. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(final String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var line = MlStages.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = MlStages.execute(line, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
