package io.mlstages.spark;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.MlStagesException;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.SegmentOptions;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.SegmentProfiles;
import io.mlstages.report.DriftReportJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spark-submit --class io.mlstages.spark.ProfileJob mlstages-spark-job.jar DATA... -o PROFILE.json}: the
 * profile of data that one machine cannot read in time, written where the driver runs, for {@code mlstages drift}
 * and {@code check} and the plugin's {@code checkDrift}. With {@code --reference} it also compares the result with
 * a stored profile through the engine's drift check and exits 1 on drift, as {@code mlstages drift} does.
 */
@Command(name = "mlstages-spark profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Profile a dataset on Spark: each partition where it lies, with the engine's accumulators, "
                + "the partitions' profiles merged on the driver. The profile equals `mlstages profile`'s of the "
                + "same data (quantiles within the sketch's error bound).",
            "Exit codes: 0 done (no drift), 1 drift against --reference, 2 bad input or usage, 3 internal error."})
public final class ProfileJob implements Callable<Integer> {
    static final int OK = 0;
    static final int FINDING = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL_ERROR = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DATA", arity = "0..*",
            description = "Files, folders of part files or globs, in any file system Spark reads (file:, hdfs:, s3a:).")
    List<String> data = new ArrayList<>();

    @Option(names = "--table", paramLabel = "NAME", description = "A table of Spark's catalog instead of DATA.")
    @CheckForNull String table;

    @Option(names = {"-o", "--output"}, paramLabel = "PROFILE.json", required = true,
            description = "Where the driver writes the profile (JSON).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv, json (JSON Lines), parquet, orc, or any Spark data source (default: by the first "
                    + "DATA's extension: .parquet, .orc, .json/.jsonl/.ndjson, else csv).")
    @CheckForNull String format;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
            description = "CSV field separator; 'tab' or '\\t' for tabs (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--missing", paramLabel = "TOKEN", split = ",",
            description = "Cell texts of CSV and JSON that mean 'missing', in addition to the empty cell (default: "
                    + "NA, N/A, NaN, nan, null, NULL, None).")
    @CheckForNull List<String> missing;

    @Option(names = "--type", paramLabel = "COLUMN=TYPE", split = ",",
            description = "Override a column type: numeric, categorical or boolean. Repeatable.")
    Map<String, String> types = new LinkedHashMap<>();

    @Option(names = "--infer-rows", paramLabel = "N", defaultValue = "" + ReadOptions.DEFAULT_INFER_ROWS,
            description = "CSV and JSON: the first rows that decide inferred types (default: ${DEFAULT-VALUE}).")
    int inferRows;

    @Option(names = "--sketch-k", paramLabel = "K", description = "KLL sketch size (default: see docs/profiles.md).")
    int sketchK = ProfileSettings.DEFAULT_SKETCH_K;

    @Option(names = "--bins", paramLabel = "N", description = "Histogram bins per numeric column.")
    int bins = ProfileSettings.DEFAULT_BINS;

    @Option(names = "--top-k", paramLabel = "N", description = "Categories kept by name per column.")
    int topK = ProfileSettings.DEFAULT_TOP_K;

    @Option(names = "--exact-limit", paramLabel = "N",
            description = "Up to this many values a numeric column keeps them all, for exact statistics.")
    int exactLimit = ProfileSettings.DEFAULT_EXACT_LIMIT;

    @Option(names = "--segment", paramLabel = "COLUMN",
            description = "Also store the profile of each value of this column, as `mlstages profile --segment` "
                    + "does (what `mlstages check --segment` and `drift --segment` against this profile need). "
                    + "Repeatable.")
    List<String> segments = new ArrayList<>();

    @Option(names = "--max-segments", paramLabel = "K", defaultValue = "" + SegmentOptions.DEFAULT_MAX_SEGMENTS,
            description = "The segments a check will compare per column; the profile keeps "
                    + SegmentOptions.CAPACITY_FACTOR + " times as many values, the largest (default: ${DEFAULT-VALUE}).")
    int maxSegments;

    @Option(names = "--reference", paramLabel = "PROFILE.json",
            description = "Also compare the profile with this stored profile (drift defaults, as `mlstages drift "
                    + "--reference PROFILE.json --current OUTPUT`, per segment too with --segment); exit 1 on drift.")
    @CheckForNull Path reference;

    @Option(names = "--report", paramLabel = "REPORT.json", description = "With --reference: the drift report (JSON).")
    @CheckForNull Path report;

    /** Runs the job and exits with its code; spark-submit calls this. */
    public static void main(final String[] args) {
        // the terminal's encoding, as the command line prints
        System.exit(run(args, null, new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
                new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true)));
    }

    /**
     * Runs the job with these arguments.
     *
     * @param session the session to use (tests pass theirs), or null for the one spark-submit configured
     * @return the exit code
     */
    public static int run(final String[] args, @CheckForNull final SparkSession session, final PrintWriter out,
            final PrintWriter err) {
        ProfileJob job = new ProfileJob();
        job.session = session;
        CommandLine line = new CommandLine(job).setOut(out).setErr(err);
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            MlStagesException known = known(e);
            if (known != null) {
                err.println("mlstages-spark: " + known.getMessage());
                return BAD_INPUT;
            }
            String malformed = malformed(e);
            if (malformed != null) {
                err.println("mlstages-spark: " + malformed);
                return BAD_INPUT;
            }
            err.println("mlstages-spark: internal error: " + e);
            return INTERNAL_ERROR;
        });
        line.setParameterExceptionHandler((e, arguments) -> {
            err.println("mlstages-spark: " + e.getMessage());
            e.getCommandLine().usage(err);
            return BAD_INPUT;
        });
        return line.execute(args);
    }

    @CheckForNull private SparkSession session;

    @Override
    public Integer call() {
        if (data.isEmpty() == (table == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give DATA or --table NAME, not both");
        }
        ProfileSettings settings;
        ReadOptions options;
        SegmentOptions segmented;
        try {
            settings = new ProfileSettings(sketchK, bins, topK, exactLimit);
            options = readOptions();
            segmented = new SegmentOptions(segments, maxSegments, SegmentOptions.DEFAULT_MIN_ROWS);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (inferRows == 0 && table == null && (format().equals("csv") || format().equals("json"))) {
            // the whole data would come to the driver to be typed there: the job is for data that does not fit one
            throw new CommandLine.ParameterException(spec.commandLine(), "--infer-rows 0 is not for Spark, which "
                    + "would read every row on the driver: give a row count, or the types with --type COLUMN=TYPE");
        }
        SparkSession spark = session != null ? session : SparkSession.builder().config(conf()).getOrCreate();
        String origin = table != null ? table : String.join(",", data);
        String kind = format();
        Profile profile;
        try {
            List<String> columns = segmented.columns();
            int capacity = segmented.capacity();
            if (table != null) {
                profile = SparkProfiler.profileTyped(spark.table(table), origin, options, settings, columns, capacity);
            } else if (kind.equals("csv") || kind.equals("json")) {
                profile = SparkProfiler.profileText(textReader(spark, kind).load(data.toArray(String[]::new)),
                        origin, options, settings, columns, capacity);
            } else {
                profile = SparkProfiler.profileTyped(spark.read().format(kind).load(data.toArray(String[]::new)),
                        origin, options, settings, columns, capacity);
            }
        } catch (Exception e) { // Scala throws AnalysisException, a checked exception, without declaring it
            if (e instanceof AnalysisException) {
                // a path that does not exist, a table that is not there, a format Spark does not know
                throw new DataException(null, 0, null, origin + ": " + e.getMessage(), e);
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        ProfileJson.write(profile, output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Profiled %s on Spark: %,d rows, %d columns%s -> %s%n", origin, profile.rows(),
                profile.columns().size(), segmentsNote(profile), output);
        if (reference == null) {
            return OK;
        }
        // `mlstages drift`'s defaults, with the segments this profile holds
        DriftReport drift = DriftCheck.run(new DriftCheck.Request(reference, List.of(output),
                DriftOptions.defaults().withSegments(segmented), ReadOptions.defaults(), ProfileSettings.defaults(),
                UnaryOperator.identity())).report();
        if (report != null) {
            DriftReportJson.write(drift, report);
        }
        out.printf(Locale.ROOT, "Drift against %s: %s (%d of %d columns drifted%s)%n", reference,
                drift.datasetDrift() ? "DRIFT" : "no drift", drift.drifted().size(), drift.columns().size(),
                drift.segments().isEmpty() ? "" : String.format(Locale.ROOT, ", %d of %d segments drifted",
                        drift.segments().stream().filter(s -> s.datasetDrift()).count(), drift.segments().size()));
        return drift.finding() ? FINDING : OK;
    }

    /** ", segments: housing (3 values), purpose (10 values)" for a profile with segments, else nothing. */
    private static String segmentsNote(final Profile profile) {
        if (profile.segments().isEmpty()) {
            return "";
        }
        List<String> each = new ArrayList<>();
        for (SegmentProfiles column : profile.segments()) {
            each.add(column.column() + " (" + column.segments().size() + " values"
                    + (column.other().rows() > 0 ? String.format(Locale.ROOT, ", %,d rows in other",
                            column.other().rows()) : "") + ")");
        }
        return ", segments: " + String.join(", ", each);
    }

    private ReadOptions readOptions() {
        Map<String, ColumnType> parsed = new LinkedHashMap<>();
        types.forEach((name, type) -> parsed.put(name, ColumnType.parse(type)));
        String separator = delimiter.equals("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
        if (separator.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character, 'tab' or '\\t', not '"
                    + delimiter + "'");
        }
        ReadOptions options = ReadOptions.defaults().withTypes(parsed).withInferRows(inferRows)
                .withDelimiter(separator.charAt(0));
        if (missing != null) {
            Set<String> tokens = new LinkedHashSet<>(missing);
            tokens.add("");
            options = options.withMissing(tokens);
        }
        return options;
    }

    /** The data source: as given, else by the first path's extension. */
    String format() {
        if (format != null) {
            String given = format.toLowerCase(Locale.ROOT);
            return given.equals("jsonl") || given.equals("ndjson") ? "json" : given;
        }
        String first = data.isEmpty() ? "" : data.get(0).toLowerCase(Locale.ROOT);
        if (first.endsWith(".parquet")) {
            return "parquet";
        }
        if (first.endsWith(".orc")) {
            return "orc";
        }
        if (first.endsWith(".json") || first.endsWith(".jsonl") || first.endsWith(".ndjson")) {
            return "json";
        }
        return "csv";
    }

    /**
     * CSV and JSON with every value as text, so that the engine types the cells as the command line does: no
     * inference of Spark's own, no trimming, and a malformed line fails the job (as it fails the command line)
     * instead of becoming a row of nulls.
     */
    private DataFrameReader textReader(final SparkSession spark, final String kind) {
        DataFrameReader reader = spark.read().format(kind).option("mode", "FAILFAST");
        if (kind.equals("json")) {
            return reader.option("primitivesAsString", "true");
        }
        String separator = delimiter.equals("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
        return reader.option("header", "true").option("inferSchema", "false").option("sep", separator)
                .option("ignoreLeadingWhiteSpace", "false").option("ignoreTrailingWhiteSpace", "false")
                .option("enforceSchema", "false");
    }

    /** spark-submit's configuration; a run without it (a plain java command) gets local mode on every core. */
    private static SparkConf conf() {
        SparkConf conf = new SparkConf().setAppName("mlstages profile");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return conf;
    }

    /**
     * The message of Spark's error for a malformed line of CSV or JSON (the reader's FAILFAST mode), which names
     * the record, or null when the chain has none: bad input, as the command line's error for such a line.
     */
    @CheckForNull
    static String malformed(final Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("MALFORMED_RECORD_IN_PARSING")) {
                return message.lines().findFirst().orElse(message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    /** The engine's own error in a chain of causes (Spark wraps an executor's exception in its own). */
    @CheckForNull
    static MlStagesException known(final Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MlStagesException known) {
                return known;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
