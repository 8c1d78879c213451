package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.BadRowLog;
import io.mlstages.data.ColumnType;
import io.mlstages.data.Format;
import io.mlstages.data.OnBadRows;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.SchemaFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options that say how to read data files; every command that reads data mixes them in. */
final class ReadOptionsMixin {
    @Option(names = "--format", paramLabel = "csv|jsonl|parquet",
            description = "File format (default: by file name: .parquet and folders are Parquet, .jsonl/.ndjson/.json "
                    + "JSON Lines, others CSV).")
    @CheckForNull String format;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "CSV field separator; 'tab' or '\\t' for tabs (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--missing", paramLabel = "TOKEN", split = ",",
            description = "Cell texts that mean 'missing', in addition to the empty cell "
                    + "(default: NA,N/A,NaN,nan,null,NULL,None). Giving this option replaces the default list.")
    @CheckForNull List<String> missing;

    @Option(names = "--type", paramLabel = "COLUMN=TYPE", split = ",",
            description = "Override an inferred column type: numeric, categorical or boolean. Repeatable.")
    Map<String, String> types = new LinkedHashMap<>();

    @Option(names = "--schema", paramLabel = "FILE",
            description = "A schema file (JSON: {\"columns\":[{\"name\":…,\"type\":…}]}) that replaces inference.")
    @CheckForNull Path schema;

    @Option(names = "--infer-rows", paramLabel = "N", defaultValue = "" + ReadOptions.DEFAULT_INFER_ROWS,
            description = "Rows that decide inferred types; 0 reads the whole file first (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "2147483647")
    int inferRows;

    @Option(names = "--on-bad-rows", paramLabel = "fail|skip", defaultValue = "fail",
            description = "What a malformed row does: fail the command (default), or be skipped, counted and listed "
                    + "in the report (see docs/data.md for what counts as a malformed row).")
    String onBadRows;

    @Option(names = "--max-bad-rows-share", paramLabel = "SHARE",
            defaultValue = "" + ReadOptions.DEFAULT_MAX_BAD_ROWS_SHARE,
            description = "With --on-bad-rows skip: the largest share of a file's rows (0 to 1) that may be skipped; "
                    + "more fails the command with exit code 2 (default: ${DEFAULT-VALUE}).")
    @Range(min = "0", max = "1")
    double maxBadRowsShare;

    /** The engine's read options for these flags. */
    ReadOptions toReadOptions() {
        ReadOptions options = ReadOptions.defaults().withInferRows(inferRows).withDelimiter(delimiter());
        OnBadRows mode;
        try {
            mode = OnBadRows.parse(onBadRows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--on-bad-rows: " + e.getMessage(), e);
        }
        options = options.withOnBadRows(mode).withMaxBadRowsShare(maxBadRowsShare);
        if (mode == OnBadRows.SKIP) {
            options = options.withBadRowLog(new BadRowLog());
        }
        if (format != null) {
            options = options.withFormat(Format.parse(format));
        }
        if (missing != null) {
            Set<String> tokens = new HashSet<>(missing);
            tokens.add("");
            options = options.withMissing(tokens);
        }
        if (!types.isEmpty()) {
            Map<String, ColumnType> parsed = new LinkedHashMap<>();
            types.forEach((name, type) -> parsed.put(name, ColumnType.parse(type)));
            options = options.withTypes(parsed);
        }
        if (schema != null) {
            options = options.withSchema(SchemaFile.read(schema));
        }
        return options;
    }

    private char delimiter() {
        String value = delimiter;
        if ("tab".equalsIgnoreCase(value) || "\\t".equals(value)) {
            return '\t';
        }
        if (value.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character (or 'tab'), not '" + value + "'");
        }
        return value.charAt(0);
    }
}
