/**
 * Incidents: the closed loop from a drift finding to a resolved model. A {@link io.mlstages.incident.Monitor} check
 * compares current data with the training profile of a registered model; a finding opens an incident (or attaches to
 * the one already open) in an {@link io.mlstages.incident.IncidentStore} kept with the registry; a retrain request,
 * a deployment and a clean check then move it through retraining, mitigated and resolved. See docs/incidents.md.
 */
@DefaultAnnotation(NonNull.class)
package io.mlstages.incident;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
