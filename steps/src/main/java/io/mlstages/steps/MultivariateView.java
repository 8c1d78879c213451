package io.mlstages.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.model.MultivariateVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The domain classifier's verdict ({@code --multivariate}) as the build page shows it, read from the report's
 * {@code multivariate} object; numbers formatted here.
 *
 * @param drift    whether the classifier found drift (it then counts as dataset drift)
 * @param auc      the out-of-fold AUC, formatted
 * @param pValue   its p-value against 0.5, formatted
 * @param aucFloor the AUC floor, formatted
 * @param features the columns that drive the separation, largest share first, as {@code name (share)}
 * @param note     the engine's one-line explanation
 */
public record MultivariateView(boolean drift, String auc, String pValue, String aucFloor, List<String> features,
        String note) {

    /** Columns named on the build page. */
    private static final int SHOWN = 5;

    public MultivariateView {
        features = List.copyOf(features);
    }

    /** The view of a report's {@code multivariate}, or null when the report has none. */
    @CheckForNull
    static MultivariateView of(@CheckForNull final MultivariateVerdict verdict) {
        if (verdict == null) {
            return null;
        }
        List<String> features = new ArrayList<>();
        for (MultivariateVerdict.Feature feature : verdict.features()) {
            if (features.size() == SHOWN) {
                break;
            }
            features.add((feature.name() == null ? "" : feature.name()) + " (" + DriftView.percent(feature.share())
                    + ")");
        }
        return new MultivariateView(verdict.drift(), DriftView.format(verdict.auc()),
                DriftView.format(verdict.pValue()), DriftView.format(verdict.aucFloor()), features,
                verdict.note() == null ? "" : verdict.note());
    }

    /**
     * One line for the build page, e.g. {@code Multivariate drift (domain classifier): AUC 0.7671 >= 0.55,
     * p 2.59e-138; separated by temp_max (51%), temp_min (41.7%)}.
     */
    public String summary() {
        return (drift ? "Multivariate drift" : "No multivariate drift") + " (domain classifier): AUC " + auc
                + (drift ? " >= " : ", floor ") + aucFloor + ", p " + pValue
                + (drift && !features.isEmpty() ? "; separated by " + String.join(", ", features) : "");
    }
}
