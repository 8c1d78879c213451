package io.mlstages.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.Texts;
import io.mlstages.MlStagesException;

import java.nio.file.Path;

/**
 * A dataset could not be read. The message names the file and, where there is one, the line and the column,
 * and says what was expected.
 */
public class DataException extends MlStagesException {
    private static final long serialVersionUID = 1L;

    @CheckForNull private final transient Path file;
    private final long line;
    @CheckForNull private final String column;
    private final String problem;

    public DataException(@CheckForNull final Path file, final long line, @CheckForNull final String column,
            final String problem) {
        super(describe(file, line, column, problem));
        this.problem = problem;
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public DataException(@CheckForNull final Path file, final long line, @CheckForNull final String column,
            final String problem, final Throwable cause) {
        super(describe(file, line, column, problem), cause);
        this.problem = problem;
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The file, or null when the data did not come from a file. */
    @CheckForNull
    public Path file() {
        return file;
    }

    /** What is wrong, without the file, line and column. */
    public String problem() {
        return problem;
    }

    /** The 1-based line, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }

    /** The column name, or null when the problem is not in one column. */
    @CheckForNull
    public String column() {
        return column;
    }

    private static String describe(@CheckForNull final Path file, final long line, @CheckForNull final String column,
            final String problem) {
        StringBuilder text = new StringBuilder();
        // file names, column names and the problem's quoted cells come from the data: one escaped, bounded line
        text.append(file == null ? "<input>" : Texts.escape(file.toString()));
        if (line > 0) {
            text.append(", line ").append(line);
        }
        if (column != null) {
            text.append(", column ").append(Texts.quote(column));
        }
        return text.append(": ").append(Texts.line(problem)).toString();
    }
}
