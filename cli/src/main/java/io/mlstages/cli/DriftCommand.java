package io.mlstages.cli;

import io.mlstages.data.BadRowLog;
import io.mlstages.data.BadRows;
import io.mlstages.data.ColumnType;
import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftDetector;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;
import io.mlstages.report.DriftHtml;
import io.mlstages.report.DriftJUnit;
import io.mlstages.report.DriftReportJson;
import io.mlstages.report.DriftTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code mlstages drift}: compares current data with a reference, column by column. */
@Command(name = "drift", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare current data with a reference (a dataset or a stored profile) and report, per column "
                + "and for the dataset, whether the distribution drifted.",
            "A column drifts only when the change is both statistically significant and larger than an effect-size "
                + "floor (see docs/drift.md). Exit code 1 means dataset drift."})
final class DriftCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-r", "--reference"}, paramLabel = "DATA|PROFILE", required = true,
            description = "The reference: a CSV or JSON Lines dataset, or a profile written by 'mlstages profile'.")
    Path reference;

    @Option(names = {"-c", "--current"}, paramLabel = "DATA", required = true,
            description = "The current data (CSV or JSON Lines; a profile also works). Repeatable: several files are "
                    + "compared as one sample (their columns must agree).")
    List<Path> current;

    @Option(names = "--columns", paramLabel = "NAME", split = ",",
            description = "Compare only these columns (the target and prediction are added).")
    List<String> columns = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME", description = "The target column: reported apart, not counted.")
    String target;

    @Option(names = "--prediction", paramLabel = "NAME",
            description = "The prediction column: reported apart, not counted.")
    String prediction;

    @Mixin
    DriftOptionsMixin drift;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-", description = "Write the report as JSON ('-' for stdout).")
    String json;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write the report as JUnit XML: one test case per column, a failure per drifted column.")
    Path junit;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write the report as a self-contained HTML page (no script; histograms per column).")
    Path html;

    @Mixin
    ReadOptionsMixin read;

    @Mixin
    ProfileOptionsMixin settings;

    @Mixin
    OutputMixin out;

    /** In skip mode, each file's skipped rows from its last read (files may be read on two threads). */
    private final Map<Path, BadRows> skipped = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Integer call() {
        DriftOptions options = drift.toDriftOptions().withTarget(target).withPrediction(prediction)
                .withColumns(columns);
        ReadOptions readOptions = read.toReadOptions();
        ProfileSettings profileSettings = settings.toSettings();
        PrintWriter progress = out.progress(spec);

        Profile[] profiles = profiles(readOptions, profileSettings, progress);
        DriftReport report = DriftDetector.compare(profiles[0], profiles[1], options);
        if (readOptions.badRowLog() != null) {
            List<BadRows> parts = new ArrayList<>();
            parts.add(skipped.getOrDefault(reference, BadRows.none()));
            current.forEach(file -> parts.add(skipped.getOrDefault(file, BadRows.none())));
            report = report.withBadRows(BadRows.combine(parts, readOptions.badRowLog().limit()));
        }

        PrintWriter stdout = spec.commandLine().getOut();
        if (json != null && !"-".equals(json)) {
            DriftReportJson.write(report, Path.of(json));
        }
        if (junit != null) {
            DriftJUnit.write(report, junit);
        }
        if (html != null) {
            DriftHtml.write(report, profiles[0], profiles[1], html);
        }
        if ("-".equals(json)) {
            stdout.println(DriftReportJson.toString(report));
        }
        else {
            stdout.print(DriftTable.toText(report));
        }
        stdout.flush();
        return report.datasetDrift() ? ExitCodes.FINDING : ExitCodes.OK;
    }

    /**
     * Loads one file as {@link Inputs#load} does. In skip mode the file's skipped rows are kept apart, so that a
     * file read twice (with the reference's types or settings) lists its rows once, from its last read.
     */
    private Profile load(final Path file, final ReadOptions readOptions, final ProfileSettings profileSettings,
            final PrintWriter progress) {
        if (readOptions.badRowLog() == null) {
            return Inputs.load(file, readOptions, profileSettings, progress);
        }
        BadRowLog log = new BadRowLog(readOptions.badRowLog().limit());
        Profile profile = Inputs.load(file, readOptions.withBadRowLog(log), profileSettings, progress);
        skipped.put(file, log.snapshot());
        return profile;
    }

    /**
     * Both profiles. Two datasets are profiled in parallel, one per core; a stored reference is read as it is and
     * its settings are used for the current data. Should inference type a column differently in the two (a
     * column all missing in one file, say), the current data is read again with the reference's types, so that
     * both sides are summarised alike.
     */
    private Profile[] profiles(final ReadOptions readOptions, final ProfileSettings profileSettings,
            final PrintWriter progress) {
        Profile referenceProfile;
        List<Profile> currentProfiles = new ArrayList<>();
        ProfileSettings used = profileSettings;
        if (ProfileJson.isProfile(reference)) {
            // the stored profile is read while the current data is profiled; its settings are nearly always the
            // defaults, so the current data is profiled with those and only read again when they differ
            CompletableFuture<Profile> stored = CompletableFuture.supplyAsync(() -> ProfileJson.read(reference));
            for (Path file : current) {
                currentProfiles.add(load(file, readOptions, profileSettings, progress));
            }
            referenceProfile = join(stored);
            used = referenceProfile.settings();
            if (!used.equals(profileSettings)) {
                for (int i = 0; i < current.size(); i++) {
                    if (!ProfileJson.isProfile(current.get(i))) {
                        currentProfiles.set(i, load(current.get(i), readOptions, used, progress));
                    }
                }
            }
        }
        else {
            CompletableFuture<Profile> pending = CompletableFuture.supplyAsync(
                    () -> load(reference, readOptions, profileSettings, progress));
            try {
                for (Path file : current) {
                    currentProfiles.add(load(file, readOptions, profileSettings, progress));
                }
            }
            catch (RuntimeException e) {
                pending.cancel(true);
                throw e;
            }
            referenceProfile = join(pending);
        }
        for (int i = 0; i < current.size(); i++) {
            currentProfiles.set(i, retyped(current.get(i), currentProfiles.get(i), referenceProfile, readOptions,
                    used, progress));
        }
        return new Profile[] {referenceProfile, Profiles.merge(current, currentProfiles)};
    }

    /** A current file's profile, read again with the reference's types where inference typed a column otherwise. */
    private Profile retyped(final Path file, final Profile profile, final Profile referenceProfile,
            final ReadOptions readOptions, final ProfileSettings used, final PrintWriter progress) {
        Map<String, ColumnType> retype = retype(referenceProfile, profile);
        if (readOptions.schema() != null || retype.isEmpty() || ProfileJson.isProfile(file)) {
            return profile;
        }
        Map<String, ColumnType> types = new LinkedHashMap<>(retype);
        types.putAll(readOptions.types());
        try {
            return load(file, readOptions.withTypes(types), used, progress);
        }
        catch (DataException e) {
            throw new DataException(e.file(), e.line(), e.column(), "read with the reference's column types "
                    + retype + " (inference typed them otherwise here): " + e.problem(), e);
        }
    }

    private static Profile join(final CompletableFuture<Profile> pending) {
        try {
            return pending.join();
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    /** The reference's types of the columns that the current profile typed otherwise. */
    private static Map<String, ColumnType> retype(final Profile reference, final Profile current) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (ColumnProfile column : current.columns()) {
            reference.column(column.name()).filter(r -> r.type() != column.type())
                    .ifPresent(r -> types.put(r.name(), r.type()));
        }
        return types;
    }
}
