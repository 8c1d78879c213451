package io.mlstages.report;

import io.mlstages.io.AtomicFiles;
import io.mlstages.metrics.Evaluation;
import io.mlstages.validate.GateResult;
import io.mlstages.validate.ModelIdentity;
import io.mlstages.validate.ValidationReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JUnit XML form of a {@link ValidationReport}: one test suite, one test case per gate, a failure where the
 * gate failed. Gates are grouped by kind as the class name ({@code validation.metric}, {@code validation.baseline},
 * {@code validation.data}) and named after the gate, so that Jenkins keeps each gate's history across builds.
 */
public final class ValidationJUnit {
    private ValidationJUnit() {
    }

    /** The XML text. Gate names and messages carry data (feature names): the XML writer escapes them. */
    public static String toXml(final ValidationReport report) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("model", report.model().name());
        ModelIdentity baselineModel = report.baselineModel();
        properties.put("baselineModel", baselineModel == null ? "" : baselineModel.name());
        properties.put("data", report.data());
        properties.put("dataSha256", report.dataSha256() == null ? "" : report.dataSha256());
        properties.put("passed", Boolean.toString(report.passed()));
        Evaluation metrics = report.metrics();
        if (metrics != null) {
            for (Map.Entry<String, Double> metric : metrics.metrics().entrySet()) {
                properties.put("metric." + metric.getKey(), DriftTable.format(metric.getValue()));
            }
        }
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (GateResult gate : report.gates()) {
            cases.add(new JUnitXml.Case(gate.kind().junitClass(), gate.name(),
                    gate.passed() ? null : "validation." + gate.metric(), gate.message(), details(gate)));
        }
        return JUnitXml.suite("mlstages.validation", properties, cases, "validation report");
    }

    /** Writes the XML to a file atomically. */
    public static void write(final ValidationReport report, final Path file) {
        AtomicFiles.write(file, toXml(report));
    }

    private static String details(final GateResult gate) {
        return gate.message() + "\nmetric: " + gate.metric() + "\nvalue: " + DriftTable.format(gate.value())
                + "\nbound: " + DriftTable.format(gate.bound(), "none")
                + (gate.baseline() == null ? "" : "\nbaseline: " + DriftTable.format(gate.baseline(), "")) + "\n";
    }
}
