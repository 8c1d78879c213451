package io.mlstages.drift;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import io.mlstages.data.BadRowLog;
import io.mlstages.data.BadRows;

import io.mlstages.data.ColumnType;
import io.mlstages.data.ConstraintChecker;
import io.mlstages.data.DataException;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import io.mlstages.profile.ColumnProfile;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.profile.ProfileSettings;
import io.mlstages.profile.Profiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * The drift check use case: from files to a report. The reference is a dataset or a stored profile; the current
 * data is one or more files (a stored profile also works) read as one sample. {@code mlstages drift}, the
 * {@code check} of a registered model ({@code io.mlstages.incident.Monitor}) and the demo all go through here.
 */
public final class DriftCheck {
    private DriftCheck() {
    }

    /**
     * What to compare and how.
     *
     * @param reference a CSV or JSON Lines dataset, or a profile written by {@code mlstages profile}
     * @param current   the current files, compared as one sample (their columns must agree)
     * @param drift     the drift options
     * @param read      how the data files are read
     * @param settings  how datasets are profiled (a stored reference's own settings win)
     * @param observe   wraps every source read (the command line reports progress through it)
     * @param multivariate the domain classifier's options, or null to leave it out; it needs rows on both sides,
     *                  so a stored profile on either side is then refused
     */
    public record Request(Path reference, List<Path> current, DriftOptions drift, ReadOptions read,
            ProfileSettings settings, UnaryOperator<RowSource> observe, @CheckForNull MultivariateOptions multivariate) {
        public Request {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(current, "current");
            if (current.isEmpty()) {
                throw new IllegalArgumentException("Give at least one current data file");
            }
            current = List.copyOf(current);
            drift = drift == null ? DriftOptions.defaults() : drift;
            read = read == null ? ReadOptions.defaults() : read;
            settings = settings == null ? ProfileSettings.defaults() : settings;
            observe = observe == null ? UnaryOperator.identity() : observe;
        }

        /** A request without the domain classifier. */
        public Request(final Path reference, final List<Path> current, final DriftOptions drift,
                final ReadOptions read, final ProfileSettings settings, final UnaryOperator<RowSource> observe) {
            this(reference, current, drift, read, settings, observe, null);
        }

        /** A request with default drift, read and profile options. */
        public static Request of(final Path reference, final List<Path> current) {
            return new Request(reference, current, DriftOptions.defaults(), ReadOptions.defaults(),
                    ProfileSettings.defaults(), UnaryOperator.identity());
        }
    }

    /**
     * What the check found.
     *
     * @param reference the reference profile
     * @param current   the current data's profile (the files merged)
     * @param report    the comparison
     */
    public record Result(Profile reference, Profile current, DriftReport report) {
        public Result {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * Profiles both sides and compares them. Two datasets are profiled in parallel, one per core; a stored
     * reference is read as it is and its settings are used for the current data. Should inference type a column
     * differently in the two (a column all missing in one file, say), the current data is read again with the
     * reference's types, so that both sides are summarised alike.
     *
     * @throws DataException naming the file, line and column when a file is malformed or has no rows
     * @throws io.mlstages.profile.ProfileException naming the file and column when the current files disagree
     */
    public static Result run(final Request request) {
        Path reference = request.reference();
        List<Path> current = request.current();
        ReadOptions read = projected(request.read(), request.drift());
        RowReservoirs sampled = Multivariate.sampler(request);
        UnaryOperator<RowSource> observe = sampled == null ? request.observe() : sampled.observe(request.observe());
        Skipped skipped = new Skipped(read, request.drift().segments());
        Checking checking = new Checking(read);
        Profile referenceProfile;
        List<Profile> currentProfiles = new ArrayList<>();
        ProfileSettings used = request.settings();
        if (ProfileJson.isProfile(reference)) {
            // the stored profile is read while the current data is profiled; its settings are nearly always the
            // defaults, so the current data is profiled with those and only read again when they differ
            CompletableFuture<Profile> stored = CompletableFuture.supplyAsync(() -> ProfileJson.read(reference));
            for (Path file : current) {
                currentProfiles.add(skipped.load(file, used, checking.around(observe)));
            }
            referenceProfile = join(stored);
            used = referenceProfile.settings();
            if (!used.equals(request.settings())) {
                checking.restart(); // every data file is read again: check the rows of this read only
                for (int i = 0; i < current.size(); i++) {
                    if (!ProfileJson.isProfile(current.get(i))) {
                        currentProfiles.set(i, skipped.load(current.get(i), used, checking.around(observe)));
                    }
                }
            }
        }
        else {
            ProfileSettings settings = used;
            CompletableFuture<Profile> pending = CompletableFuture.supplyAsync(
                    () -> skipped.load(reference, settings, observe));
            try {
                for (Path file : current) {
                    currentProfiles.add(skipped.load(file, settings, checking.around(observe)));
                }
            }
            catch (RuntimeException e) {
                pending.cancel(true);
                throw e;
            }
            referenceProfile = join(pending);
        }
        for (int i = 0; i < current.size(); i++) {
            Path file = current.get(i);
            if (!ProfileJson.isProfile(file)) {
                currentProfiles.set(i, retyped(file, currentProfiles.get(i), referenceProfile, skipped, used, observe,
                        "the reference's"));
            }
        }
        Profile merged = Profiles.merge(current, currentProfiles);
        List<Path> files = new ArrayList<>();
        files.add(reference);
        files.addAll(current);
        DriftReport report = DriftDetector.compare(referenceProfile, merged, request.drift());
        report = SegmentDetector.into(report, referenceProfile, merged, request.drift());
        report = sampled == null ? report : Multivariate.check(report, sampled, request);
        return new Result(referenceProfile, merged, checking.into(skipped.into(report, files)));
    }

    /**
     * Compares current data files with a reference profile already in hand (a registered model's training
     * profile): each file is profiled with the reference's settings and types, the profiles merged.
     *
     * @param referenceName how messages name the reference, e.g. "the training profile's"
     */
    public static Result against(final Profile reference, final String referenceName, final List<Path> current,
            final DriftOptions drift, final ReadOptions read) {
        Objects.requireNonNull(reference, "reference");
        if (current.isEmpty()) {
            throw new IllegalArgumentException("Give at least one current data file");
        }
        DriftOptions options = drift == null ? DriftOptions.defaults() : drift;
        // a reference without the segments asked for is known now, before the current data is read
        SegmentDetector.requireSegments(reference, "reference", options);
        ReadOptions projected = projected(read, options);
        Skipped skipped = new Skipped(projected, options.segments());
        Checking checking = new Checking(projected);
        List<Profile> profiles = new ArrayList<>(current.size());
        for (Path file : current) {
            Profile profile = skipped.load(file, reference.settings(), checking.around(UnaryOperator.identity()));
            profiles.add(retyped(file, profile, reference, skipped, reference.settings(), UnaryOperator.identity(),
                    referenceName));
        }
        Profile merged = Profiles.merge(current, profiles);
        DriftReport report = SegmentDetector.into(DriftDetector.compare(reference, merged, options), reference, merged,
                options);
        return new Result(reference, merged, checking.into(skipped.into(report, current)));
    }

    /**
     * The read options with the columns that a restricted check needs ({@code --columns}, the target, the
     * prediction, the segment columns and the constrained ones), so that a columnar file reads only those; all
     * columns when the check is not restricted or the caller chose the columns already.
     */
    static ReadOptions projected(final ReadOptions read, final DriftOptions drift) {
        if (drift.columns().isEmpty() || !read.columns().isEmpty()) {
            return read;
        }
        java.util.Set<String> needed = new java.util.LinkedHashSet<>(drift.columns());
        String target = drift.target();
        if (target != null) {
            needed.add(target);
        }
        String prediction = drift.prediction();
        if (prediction != null) {
            needed.add(prediction);
        }
        needed.addAll(drift.segments().columns());
        io.mlstages.data.Schema schema = read.schema();
        if (schema != null) {
            needed.addAll(schema.constraints().keySet());
        }
        return read.withColumns(needed);
    }

    /**
     * The profile of a file that is either a stored profile (read as it is) or a dataset (profiled now). A stored
     * profile is recognised by its content, not its name. A dataset without rows is an error: there is nothing to
     * compare.
     */
    public static Profile load(final Path file, final ReadOptions read, final ProfileSettings settings,
            final UnaryOperator<RowSource> observe) {
        return load(file, read, settings, observe, SegmentOptions.none());
    }

    /** As {@link #load(Path, ReadOptions, ProfileSettings, UnaryOperator)}, profiling these segments too. */
    public static Profile load(final Path file, final ReadOptions read, final ProfileSettings settings,
            final UnaryOperator<RowSource> observe, final SegmentOptions segments) {
        Profile profile = ProfileJson.isProfile(file) ? ProfileJson.read(file)
                : Profiles.of(file, read, settings, observe, segments.columns(), segments.capacity());
        if (profile.rows() == 0) {
            throw new DataException(file, 0, null, "has a header but no rows: there is nothing to compare");
        }
        return profile;
    }

    /** A current file's profile, read again with the reference's types where inference typed a column otherwise. */
    private static Profile retyped(final Path file, final Profile profile, final Profile reference,
            final Skipped skipped, final ProfileSettings used, final UnaryOperator<RowSource> observe,
            final String referenceName) {
        ReadOptions read = skipped.read;
        Map<String, ColumnType> retype = retype(reference, profile);
        if (read.schema() != null || retype.isEmpty()) {
            return profile;
        }
        Map<String, ColumnType> types = new LinkedHashMap<>(retype);
        types.putAll(read.types());
        try {
            return skipped.load(file, used, observe, read.withTypes(types));
        }
        catch (DataException e) {
            throw new DataException(e.file(), e.line(), e.column(), "read with " + referenceName + " column types "
                    + retype + " (inference typed them otherwise here): " + e.problem(), e);
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

    /**
     * The rows that reading skipped (with {@code --on-bad-rows skip}), per file. A file read twice (again with the
     * reference's types or settings) lists its rows once, from its last read; the report gets them all, in the
     * order of the files, and the caller's log too.
     */
    private static final class Skipped {
        private final ReadOptions read;
        private final SegmentOptions segments;
        private final Map<Path, BadRows> byFile = new java.util.concurrent.ConcurrentHashMap<>();

        Skipped(final ReadOptions read, final SegmentOptions segments) {
            this.read = read;
            this.segments = segments;
        }

        Profile load(final Path file, final ProfileSettings settings, final UnaryOperator<RowSource> observe) {
            return load(file, settings, observe, read);
        }

        Profile load(final Path file, final ProfileSettings settings, final UnaryOperator<RowSource> observe,
                final ReadOptions options) {
            BadRowLog caller = read.badRowLog();
            if (caller == null || ProfileJson.isProfile(file)) {
                return DriftCheck.load(file, options, settings, observe, segments);
            }
            BadRowLog log = new BadRowLog(caller.limit());
            Profile profile = DriftCheck.load(file, options.withBadRowLog(log), settings, observe, segments);
            byFile.put(file, log.snapshot());
            return profile;
        }

        DriftReport into(final DriftReport report, final List<Path> files) {
            BadRowLog caller = read.badRowLog();
            if (caller == null) {
                return report;
            }
            List<BadRows> parts = new ArrayList<>();
            for (Path file : new java.util.LinkedHashSet<>(files)) {
                parts.add(byFile.getOrDefault(file, BadRows.none()));
            }
            BadRows all = BadRows.combine(parts, caller.limit());
            caller.addAll(all);
            return report.withBadRows(all);
        }
    }

    /**
     * The current data checked against the schema's constraints ({@code --schema} with {@code "constraints"}) in
     * the pass that profiles it. A current file that is a stored profile has no rows to check.
     */
    private static final class Checking {
        private final ReadOptions read;
        private ConstraintChecker checker;

        Checking(final ReadOptions read) {
            this.read = read;
            checker = new ConstraintChecker(read.schema());
        }

        UnaryOperator<RowSource> around(final UnaryOperator<RowSource> observe) {
            ConstraintChecker now = checker;
            return source -> now.watch(observe.apply(source));
        }

        void restart() {
            checker = new ConstraintChecker(read.schema());
        }

        DriftReport into(final DriftReport report) {
            return checker.isEmpty() ? report : report.withConstraints(checker.result());
        }
    }

    /** The domain classifier's part of {@link #run}. */
    private static final class Multivariate {
        /** Reservoirs for the sampled rows, or null when not asked for; refuses a stored profile on either side. */
        @CheckForNull
        static RowReservoirs sampler(final Request request) {
            MultivariateOptions options = request.multivariate();
            if (options == null) {
                return null;
            }
            if (ProfileJson.isProfile(request.reference())) {
                throw DomainClassifier.needsReferenceRows("the reference " + request.reference());
            }
            for (Path file : request.current()) {
                if (ProfileJson.isProfile(file)) {
                    throw DomainClassifier.needsReferenceRows("the current file " + file);
                }
            }
            return new RowReservoirs(options.sampleRows(), options.seed());
        }

        static DriftReport check(final DriftReport report, final RowReservoirs sampled, final Request request) {
            MultivariateOptions options = Objects.requireNonNull(request.multivariate(), "multivariate options");
            long seed = options.seed();
            return report.withMultivariate(DomainClassifier.evaluate(report,
                    sampled.side(List.of(request.reference()), seed + 1), sampled.side(request.current(), seed + 2),
                    options));
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
}
