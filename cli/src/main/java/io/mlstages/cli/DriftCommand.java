package io.mlstages.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.data.ReadOptions;
import io.mlstages.drift.DriftCheck;
import io.mlstages.drift.DriftOptions;
import io.mlstages.drift.DriftReport;
import io.mlstages.profile.ProfileSettings;
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
import java.util.List;
import java.util.concurrent.Callable;

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
            description = "The reference: a CSV, JSON Lines or Parquet dataset (a folder of Parquet part files too), or a "
                    + "profile written by 'mlstages profile'.")
    Path reference;

    @Option(names = {"-c", "--current"}, paramLabel = "DATA", required = true,
            description = "The current data (CSV, JSON Lines, Parquet or a folder of Parquet parts; a profile also works). Repeatable: several files are "
                    + "compared as one sample (their columns must agree).")
    List<Path> current;

    @Option(names = "--columns", paramLabel = "NAME", split = ",",
            description = "Compare only these columns (the target and prediction are added); a Parquet file "
                    + "reads only these.")
    List<String> columns = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME", description = "The target column: reported apart, not counted.")
    @CheckForNull String target;

    @Option(names = "--prediction", paramLabel = "NAME",
            description = "The prediction column: reported apart, not counted.")
    @CheckForNull String prediction;

    @Mixin
    DriftOptionsMixin drift;

    @Mixin
    SegmentOptionsMixin segments;

    @Mixin
    MultivariateOptionsMixin multivariate;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-", description = "Write the report as JSON ('-' for stdout).")
    @CheckForNull String json;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write the report as JUnit XML: one test case per column, a failure per drifted column.")
    @CheckForNull Path junit;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write the report as a self-contained HTML page (no script; histograms per column).")
    @CheckForNull Path html;

    @Mixin
    ReadOptionsMixin read;

    @Mixin
    ProfileOptionsMixin settings;

    @Mixin
    OutputMixin out;

    @Override
    public Integer call() {
        DriftOptions options = drift.toDriftOptions().withTarget(target).withPrediction(prediction)
                .withColumns(columns).withSegments(segments.toSegmentOptions());
        ReadOptions readOptions = read.toReadOptions();
        ProfileSettings profileSettings = settings.toSettings();
        PrintWriter progress = out.progress(spec);

        DriftCheck.Result checked = DriftCheck.run(new DriftCheck.Request(reference, current, options, readOptions,
                profileSettings, source -> Progress.of(source, progress), multivariate.toOptions(drift.alpha)));
        DriftReport report = checked.report();

        PrintWriter stdout = spec.commandLine().getOut();
        if (json != null && !"-".equals(json)) {
            DriftReportJson.write(report, Converters.path(json));
        }
        if (junit != null) {
            DriftJUnit.write(report, junit);
        }
        if (html != null) {
            DriftHtml.write(report, checked.reference(), checked.current(), html);
        }
        if ("-".equals(json)) {
            stdout.println(DriftReportJson.toString(report));
        }
        else {
            stdout.print(DriftTable.toText(report));
        }
        stdout.flush();
        return report.finding() ? ExitCodes.FINDING : ExitCodes.OK;
    }
}
