package io.mlstages.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlstages.drift.DriftReport;
import io.mlstages.drift.MultivariateDrift;

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

    /** Adds the {@code multivariate} object to a report's JSON (nothing without the classifier). */
    public static void putJson(final ObjectNode root, final DriftReport report) {
        MultivariateDrift m = report.multivariate();
        if (m == null) {
            return;
        }
        ObjectNode node = root.putObject("multivariate");
        number(node, "auc", m.auc());
        number(node, "pValue", m.pValue());
        number(node, "aucFloor", m.aucFloor());
        number(node, "alpha", m.alpha());
        node.put("drift", m.drift());
        node.put("referenceSample", m.referenceSample());
        node.put("currentSample", m.currentSample());
        node.put("folds", m.folds());
        ArrayNode features = node.putArray("features");
        for (MultivariateDrift.Feature f : m.features()) {
            ObjectNode feature = features.addObject();
            feature.put("name", f.name());
            number(feature, "gain", f.gain());
            number(feature, "share", f.share());
        }
        node.put("note", m.note());
    }

    /** The classifier's verdict from a report's JSON, or null when the report has none. */
    public static MultivariateDrift readJson(final JsonNode root) {
        JsonNode node = root.path("multivariate");
        if (!node.isObject()) {
            return null;
        }
        List<MultivariateDrift.Feature> features = new ArrayList<>();
        for (JsonNode f : node.path("features")) {
            features.add(new MultivariateDrift.Feature(f.path("name").asText(), number(f, "gain"),
                    number(f, "share")));
        }
        return new MultivariateDrift(number(node, "auc"), number(node, "pValue"), number(node, "aucFloor"),
                number(node, "alpha"), node.path("drift").asBoolean(), node.path("referenceSample").asLong(),
                node.path("currentSample").asLong(), node.path("folds").asInt(), features,
                node.path("note").asText(""));
    }

    /** The JUnit test case of the classifier, or null without it. */
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
                .append(DriftHtml.escape(m.note())).append("</span></td></tr>\n</table>\n");
        if (!m.features().isEmpty()) {
            html.append("<table id=\"multivariate-features\">\n<thead><tr><th>Column</th><th>Share of the "
                    + "separation (gain)</th></tr></thead>\n<tbody>\n");
            for (MultivariateDrift.Feature f : m.features().subList(0, Math.min(SHOWN, m.features().size()))) {
                html.append("<tr><td>").append(DriftHtml.escape(f.name())).append("</td><td class=\"num\">")
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

    private static void number(final ObjectNode node, final String field, final double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        }
        else {
            node.putNull(field);
        }
    }

    private static double number(final JsonNode node, final String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : Double.NaN;
    }
}
