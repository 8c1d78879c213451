package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.util.Objects;

/**
 * Where a report page of a build is. Jenkins knows its own absolute URL only when it is configured (Manage Jenkins ›
 * System › Jenkins URL); a path such as {@code /job/…} alone is wrong when Jenkins runs under a context path
 * ({@code /jenkins}). So the console gets a hyperlink note with the path relative to the context (Jenkins adds the
 * context path when it shows the log), and the retrain job's {@code DRIFT_REPORT_URL} gets the absolute URL only when
 * it is known; otherwise the path relative to the Jenkins root, and the parameter's description says so.
 *
 * @param path     the page relative to the Jenkins root, e.g. {@code job/drift/5/mlstages-drift/}
 * @param absolute the absolute URL, or null when Jenkins does not know its root URL
 */
public record ReportLink(String path, @CheckForNull String absolute) {
    public ReportLink {
        Objects.requireNonNull(path, "path");
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("A report path is relative to the Jenkins root: " + path);
        }
    }

    /**
     * The link of a build's report page.
     *
     * @param rootUrl Jenkins' root URL ending with {@code /}, or null when it is not configured
     * @param runUrl  the build's URL relative to the root ({@code job/drift/5/}, as {@code Run.getUrl()} gives it)
     * @param urlName the report action's URL name, e.g. {@code mlstages-drift}
     */
    public static ReportLink of(@CheckForNull final String rootUrl, final String runUrl, final String urlName) {
        Objects.requireNonNull(runUrl, "runUrl");
        Objects.requireNonNull(urlName, "urlName");
        String run = runUrl.startsWith("/") ? runUrl.substring(1) : runUrl;
        String path = (run.isEmpty() || run.endsWith("/") ? run : run + "/") + urlName + "/";
        String root = rootUrl == null || rootUrl.isBlank() ? null : rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
        return new ReportLink(path, root == null ? null : root + path);
    }

    /** The URL of a console hyperlink note: starts with {@code /}, which Jenkins reads as "within the context path". */
    public String consoleHref() {
        return "/" + path;
    }

    /** The text of the console link: the absolute URL when known, else the path (still a working link). */
    public String consoleText() {
        return absolute != null ? absolute : path;
    }

    /** The value of {@code DRIFT_REPORT_URL} and of the result map's {@code reportUrl}. */
    public String value() {
        return absolute != null ? absolute : path;
    }

    /** Whether {@link #value()} is an absolute URL. */
    public boolean isAbsolute() {
        return absolute != null;
    }

    /** The description of the {@code DRIFT_REPORT_URL} parameter: null for an absolute URL, else what the value is. */
    @CheckForNull
    public String parameterDescription() {
        return absolute != null ? null : "Relative to the Jenkins root URL, which is not configured (Manage Jenkins"
                + " \u203a System \u203a Jenkins URL); prefix it with the address of this Jenkins";
    }
}
