package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The engine's output on its way to the build log, remembering its last non-blank line: when the engine dies without
 * writing its result, that line (usually its error message) is what the step's failure says. Memory stays bounded
 * whatever the engine prints: only the start of one line is kept at a time.
 */
public final class EngineOutput extends FilterOutputStream {
    /** The longest line kept, in bytes; the rest of a longer line is dropped. */
    static final int MAX_LINE_BYTES = 4096;
    /** The longest last line a message quotes, in characters. */
    static final int MAX_QUOTED = 300;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    @CheckForNull
    private String lastLine;

    /**
     * @param log where every byte goes, unchanged
     */
    public EngineOutput(final OutputStream log) {
        super(log);
    }

    @Override
    public synchronized void write(final int b) throws IOException {
        out.write(b);
        remember(b);
    }

    @Override
    public synchronized void write(final byte[] bytes, final int offset, final int length) throws IOException {
        out.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            remember(bytes[i]);
        }
    }

    private void remember(final int b) {
        if (b == '\n') {
            endLine();
        }
        else if (line.size() < MAX_LINE_BYTES) {
            line.write(b);
        }
    }

    private void endLine() {
        String text = clean(line.toString(StandardCharsets.UTF_8));
        if (!text.isEmpty()) {
            lastLine = text;
        }
        line.reset();
    }

    /** The last non-blank line so far (an unfinished one counts), shortened for a message; null when none. */
    @CheckForNull
    public synchronized String lastLine() {
        String pending = clean(line.toString(StandardCharsets.UTF_8));
        String text = pending.isEmpty() ? lastLine : pending;
        if (text == null) {
            return null;
        }
        return text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED - 1) + "\u2026" : text;
    }

    /** Without control characters (a carriage return, terminal colours) and surrounding blanks. */
    private static String clean(final String text) {
        return text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").replaceAll("\\p{Cntrl}", " ").strip();
    }
}
