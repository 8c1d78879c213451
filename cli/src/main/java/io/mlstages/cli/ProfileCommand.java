package io.mlstages.cli;

import io.mlstages.drift.SegmentOptions;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.profile.Profile;
import io.mlstages.data.ReadOptions;
import io.mlstages.profile.ProfileJson;
import io.mlstages.data.Schema;
import io.mlstages.data.SchemaFile;
import io.mlstages.profile.ConstraintSuggestions;
import io.mlstages.report.DriftTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mlstages profile DATA -o PROFILE.json}: summarises a dataset into a profile, the drift reference. */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Profile a dataset in one streaming pass: per column counts, missing values, moments, a "
                + "quantile sketch, a histogram and category frequencies.",
            "The profile is the reference that later drift checks compare against, so they never re-read the data."})
final class ProfileCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA",
            description = "The dataset: CSV, JSON Lines, Parquet, or a folder of Parquet part files.")
    Path data;

    @Option(names = "--columns", paramLabel = "NAME", split = ",",
            description = "Profile only these columns (and the segment columns); a Parquet file reads only them.")
    java.util.List<String> columns = new java.util.ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "PROFILE.json", required = true,
            description = "Where to write the profile (JSON); '-' writes it to stdout.")
    String output;

    @Mixin
    ReadOptionsMixin read;

    @Mixin
    ProfileOptionsMixin settings;

    @Mixin
    OutputMixin out;

    @Mixin
    SegmentOptionsMixin segments;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Write a summary (rows, columns, SHA-256, output) as JSON ('-' or no FILE: stdout).")
    @CheckForNull String json;

    @Option(names = "--suggest-constraints", paramLabel = "SCHEMA.json",
            description = "Also write a schema file with constraints suggested from this data (not-null, missing "
                    + "rate, range, allowed values, uniqueness; see docs/data.md). Review it before committing it.")
    Path suggestConstraints;

    @Override
    public Integer call() {
        SegmentOptions segmentOptions = segments.toSegmentOptions();
        ReadOptions readOptions = read.toReadOptions();
        if (!columns.isEmpty()) {
            java.util.Set<String> needed = new java.util.LinkedHashSet<>(columns);
            needed.addAll(segmentOptions.columns());
            readOptions = readOptions.withColumns(needed);
        }
        Profile profile = Inputs.profile(data, readOptions, settings.toSettings(), out.progress(spec),
                segmentOptions.columns(), segmentOptions.capacity());
        PrintWriter stdout = spec.commandLine().getOut();
        // on stderr: stdout may carry the profile itself
        spec.commandLine().getErr().print(DriftTable.badRows(readOptions.badRows()));
        spec.commandLine().getErr().flush();
        if ("-".equals(output)) {
            stdout.println(ProfileJson.toJson(profile));
        }
        else {
            ProfileJson.write(profile, Converters.path(output));
            if (json != null) {
                java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
                summary.put("kind", "mlstages-profile-summary");
                summary.put("profile", output);
                summary.put("rows", profile.rows());
                summary.put("columns", profile.columns().size());
                summary.put("sources", profile.sources());
                Summaries.emit(stdout, json, Summaries.recordJson(summary));
            }
            if (!"-".equals(json)) {
                stdout.printf("Profiled %s: %,d rows, %d columns -> %s%n", data, profile.rows(),
                        profile.columns().size(), output);
            }
        }
        if (suggestConstraints != null) {
            Schema suggested = ConstraintSuggestions.suggest(profile);
            SchemaFile.write(suggestConstraints, suggested);
            // on stderr when stdout carries JSON
            PrintWriter notice = "-".equals(output) || "-".equals(json) ? spec.commandLine().getErr() : stdout;
            notice.printf("Suggested constraints for %d of %d columns -> %s; review them before committing "
                    + "(docs/data.md)%n", suggested.constraints().size(), suggested.size(), suggestConstraints);
            notice.flush();
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
