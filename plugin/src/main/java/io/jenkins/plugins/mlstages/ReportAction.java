package io.jenkins.plugins.mlstages;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Run;
import io.mlstages.steps.ReportLink;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;

/**
 * What the build page's ML results ({@link DriftAction}, {@link ModelAction}) share: an id unique in the build, the
 * build they belong to, their folder {@code <build>/mlstages/<id>/} and the URL of their report page. Its fields are
 * JDK types only (actions are saved in build.xml).
 */
public abstract class ReportAction implements RunAction2 {
    private final String id;

    private transient Run<?, ?> run;

    protected ReportAction(final String id) {
        this.id = id;
    }

    /**
     * The next id of a build's series: {@code prefix}, then {@code prefix-2}, … Ids are reserved as they are handed
     * out, so that two steps running in parallel before either added its action get different ones.
     *
     * @param reserved the ids handed out so far, per build, of this series
     * @param existing how many actions of the series the build holds
     */
    static synchronized String nextId(final Map<Run<?, ?>, Integer> reserved, final Run<?, ?> run,
            final String prefix, final int existing) {
        int used = Math.max(reserved.getOrDefault(run, 0), existing);
        reserved.put(run, used + 1);
        return used == 0 ? prefix : prefix + "-" + (used + 1);
    }

    /** The report page's link: absolute only when Jenkins knows its root URL (see {@link ReportLink}). */
    static ReportLink link(final Run<?, ?> run, final String id) {
        return ReportLink.of(Jenkins.get().getRootUrl(), run.getUrl(), urlNameOf(id));
    }

    static String urlNameOf(final String id) {
        return "mlstages-" + id;
    }

    /** The result's folder in the build. */
    static File folder(final Run<?, ?> run, final String id) {
        return new File(new File(run.getRootDir(), "mlstages"), id);
    }

    /**
     * Copies a file the engine wrote in the workspace into the result's folder.
     *
     * @return the copy, or null when there is no such file in the workspace
     */
    @CheckForNull
    static File keep(final Run<?, ?> run, final FilePath workspace, final String id, @CheckForNull final String file,
            final String name) throws IOException, InterruptedException {
        if (file == null || !workspace.child(file).exists()) {
            return null;
        }
        File folder = folder(run, id);
        Files.createDirectories(folder.toPath());
        File copy = new File(folder, name);
        workspace.child(file).copyTo(new FilePath(copy));
        return copy;
    }

    @Override
    public void onAttached(final Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(final Run<?, ?> r) {
        this.run = r;
    }

    /** The build this belongs to. */
    public Run<?, ?> getRun() {
        return run;
    }

    public String getId() {
        return id;
    }
}
