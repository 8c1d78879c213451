package io.mlstages.data;

import io.mlstages.Texts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats the engine reads. */
public enum Format {
    /** Comma- (or otherwise) separated values, RFC 4180, with a header row. */
    CSV,
    /** One JSON object per line. */
    JSONL,
    /** Apache Parquet: one file, or a folder of part files read as one dataset. */
    PARQUET;

    /**
     * The format a file name suggests: {@code .parquet} (and a folder, which holds part files) reads as Parquet,
     * {@code .jsonl}, {@code .ndjson} and {@code .json} as JSON Lines, anything else as CSV.
     */
    public static Format of(final Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || name.endsWith(".parq") || Files.isDirectory(file)) {
            return PARQUET;
        }
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        return CSV;
    }

    /** Parses {@code csv}, {@code jsonl} or {@code parquet}. */
    public static Format parse(final String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "csv":
                return CSV;
            case "jsonl": case "ndjson": case "json":
                return JSONL;
            case "parquet": case "parq":
                return PARQUET;
            default:
                throw new IllegalArgumentException("Unknown format " + Texts.quote(text)
                        + ": expected csv, jsonl or parquet");
        }
    }
}
