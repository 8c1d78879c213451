package io.mlstages.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.MultivariateDrift;
import io.mlstages.model.Html;
import io.mlstages.model.MultivariateVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The domain classifier's part of every drift report form (text, JSON, JUnit, HTML), kept in one place: each
 * writer makes one call here, and a report without it ({@code --multivariate} not given) looks as before.
 */
public final class MultivariateReport {
    /** The columns listed in text and HTML; JSON lists them all. */
    private static final int SHOWN = 10;

    private MultivariateReport() {
    }

    /** The text block after the column table, starting with a blank line; empty without the classifier. */
    public static String text(final DriftReport report) {
        MultivariateDrift m = report.multivariate();
        if (m == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("\nMultivariate (domain classifier): ")
                .append(m.drift() ? "DRIFT" : "no drift").append(m.drift() ? " (counts as dataset drift)" : "")
                .append("\n  AUC ").append(DriftTable.format(m.auc())).append(", p-value ")
                .append(DriftTable.formatP(m.pValue())).append(", floor ").append(DriftTable.format(m.aucFloor()))
                .append(", alpha ").append(DriftTable.format(m.alpha())).append("; ").append(m.folds())
                .append("-fold, ").append(m.referenceSample()).append(" reference + ").append(m.currentSample())
                .append(" current rows sampled\n");
        if (!m.features().isEmpty()) {
            text.append("  separated by: ").append(String.join(", ", top(m))).append('\n');
        }
        text.append("  ").append(DriftTable.clean(m.note())).append('\n');
        return text.toString();
    }

    /** The model's {@code multivariate}, or null without the classifier. */
    @CheckForNull
    static MultivariateVerdict verdict(final DriftReport report) {
        MultivariateDrift m = report.multivariate();
        if (m == null) {
            return null;
        }
        return new MultivariateVerdict(m.auc(), m.pValue(), m.aucFloor(), m.alpha(), m.drift(), m.referenceSample(),
                m.currentSample(), m.folds(), m.features().stream()
                        .map(f -> new MultivariateVerdict.Feature(f.name(), f.gain(), f.share())).toList(), m.note());
    }

    /** The engine's verdict of a report's {@code multivariate}, or null when the report has none. */
    @CheckForNull
    static MultivariateDrift drift(@CheckForNull final MultivariateVerdict verdict) {
        if (verdict == null) {
            return null;
        }
        return new MultivariateDrift(verdict.auc(), verdict.pValue(), verdict.aucFloor(), verdict.alpha(),
                verdict.drift(), verdict.referenceSample(), verdict.currentSample(), verdict.folds(),
                verdict.features().stream().map(f -> new MultivariateDrift.Feature(String.valueOf(f.name()), f.gain(),
                        f.share())).toList(), verdict.note() == null ? "" : verdict.note());
    }

    /** The JUnit test case of the classifier, or null without it. */
    @CheckForNull
    static JUnitXml.Case junitCase(final DriftReport report) {
        MultivariateDrift m = report.multivariate();
        if (m == null) {
            return null;
        }
        String verdict = "domain classifier AUC " + DriftTable.format(m.auc()) + " >= "
                + DriftTable.format(m.aucFloor()) + ", p-value " + DriftTable.formatP(m.pValue())
                + (m.features().isEmpty() ? "" : "; separated by " + String.join(", ", top(m)));
        return new JUnitXml.Case("drift.multivariate", "domain classifier", m.drift() ? "drift" : null, verdict,
                "auc: " + DriftTable.format(m.auc()) + "\np-value: " + DriftTable.formatP(m.pValue()) + "\nfloor: "
                        + DriftTable.format(m.aucFloor()) + "\nalpha: " + DriftTable.format(m.alpha())
                        + "\nsampled: " + m.referenceSample() + " reference, " + m.currentSample() + " current rows, "
                        + m.folds() + " folds\nnote: " + m.note() + "\n");
    }

    /** The HTML section (a verdict, the figures and the ranked columns); nothing without the classifier. */
    static void html(final StringBuilder html, final DriftReport report) {
        MultivariateDrift m = report.multivariate();
        if (m == null) {
            return;
        }
        html.append("<section id=\"multivariate\">\n<h2><span class=\"badge ").append(m.drift() ? "drift" : "ok")
                .append("\">").append(m.drift() ? "drift" : "ok")
                .append("</span> Multivariate drift (domain classifier)</h2>\n<table class=\"figures\">\n")
                .append("<tr><th scope=\"row\">Out-of-fold AUC</th><td class=\"num\">")
                .append(DriftTable.format(m.auc())).append(" (floor ").append(DriftTable.format(m.aucFloor()))
                .append(")</td></tr>\n<tr><th scope=\"row\">p-value</th><td class=\"num\">")
                .append(DriftTable.formatP(m.pValue())).append(" (alpha ").append(DriftTable.format(m.alpha()))
                .append(")</td></tr>\n<tr><th scope=\"row\">Rows sampled</th><td class=\"num\">")
                .append(m.referenceSample()).append(" reference, ").append(m.currentSample()).append(" current, ")
                .append(m.folds()).append(" folds</td></tr>\n<tr><th scope=\"row\">Note</th><td><span class=\"note\">")
                .append(Html.escape(m.note())).append("</span></td></tr>\n</table>\n");
        if (!m.features().isEmpty()) {
            html.append("<table id=\"multivariate-features\">\n<thead><tr><th>Column</th><th>Share of the "
                    + "separation (gain)</th></tr></thead>\n<tbody>\n");
            for (MultivariateDrift.Feature f : m.features().subList(0, Math.min(SHOWN, m.features().size()))) {
                html.append("<tr><td>").append(Html.escape(f.name())).append("</td><td class=\"num\">")
                        .append(DriftTable.percent(f.share())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    private static List<String> top(final MultivariateDrift m) {
        List<String> names = new ArrayList<>();
        for (MultivariateDrift.Feature f : m.features().subList(0, Math.min(SHOWN, m.features().size()))) {
            names.add(DriftTable.printable(f.name()) + " " + String.format(Locale.ROOT, "%.0f%%", 100 * f.share()));
        }
        return names;
    }
}
