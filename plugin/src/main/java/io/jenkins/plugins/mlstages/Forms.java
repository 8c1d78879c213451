package io.jenkins.plugins.mlstages;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.AutoCompletionCandidates;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlstages.steps.OnFinding;
import io.mlstages.steps.Parameter;
import io.mlstages.steps.StepSpec;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** What the configuration forms of the steps, the build step and the global page share: lists, checks, binding. */
final class Forms {
    private Forms() {
    }

    /** Whether the current user may configure {@code item} (or Jenkins, when there is no item). */
    static boolean canConfigure(@CheckForNull final Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /**
     * The form data without empty number fields, so that they stay unset (null) instead of being bound as 0.
     */
    static JSONObject withoutEmptyNumbers(final StepSpec step, final JSONObject formData) {
        JSONObject copy = JSONObject.fromObject(formData);
        for (Parameter parameter : step.parameters()) {
            if (parameter.kind() == Parameter.Kind.INTEGER || parameter.kind() == Parameter.Kind.DECIMAL) {
                Object value = copy.opt(parameter.name());
                if (value instanceof String text && text.isBlank()) {
                    copy.remove(parameter.name());
                }
            }
        }
        return copy;
    }

    /**
     * The secret-text credentials the user may pick for {@code item}, keeping the current choice listed.
     * {@code includeCurrentValue} takes a non-null id (credentials-plugin), so an unset box (null) adds nothing.
     */
    static ListBoxModel secretTextItems(@CheckForNull final Item item, @CheckForNull final String current) {
        return credentialItems(item, current, StringCredentials.class);
    }

    /** The username-with-password credentials the item may use (an AWS key pair: id as user name, secret as password). */
    static ListBoxModel usernamePasswordItems(@CheckForNull final Item item, @CheckForNull final String current) {
        return credentialItems(item, current, StandardUsernamePasswordCredentials.class);
    }

    private static ListBoxModel credentialItems(@CheckForNull final Item item, @CheckForNull final String current,
            final Class<? extends StandardCredentials> type) {
        StandardListBoxModel model = new StandardListBoxModel();
        boolean allowed = item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        if (allowed) {
            model.includeEmptyValue().includeMatchingAs(
                    item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                    item, type, List.of(), CredentialsMatchers.always());
        }
        if (current != null && !current.isEmpty()) {
            model.includeCurrentValue(current);
        }
        return model;
    }

    /** The choices of an on-finding option; the empty choice keeps the step's default. */
    static ListBoxModel onFindingItems(final OnFinding defaultChoice) {
        ListBoxModel model = new ListBoxModel();
        model.add(Messages.Forms_DefaultChoice(defaultChoice.name()), "");
        for (OnFinding choice : OnFinding.values()) {
            model.add(choice.name(), choice.name());
        }
        return model;
    }

    /** Checks a share or probability: a number between 0 and 1, or empty for the default. */
    static FormValidation share(final boolean allowed, @CheckForNull final String value) {
        String text = StepValues.text(value);
        if (!allowed || text == null) {
            return FormValidation.ok();
        }
        try {
            double number = Double.parseDouble(text);
            if (number > 0 && number <= 1) {
                return FormValidation.ok();
            }
            return FormValidation.error(Messages.Forms_ShareOutOfRange(text));
        }
        catch (NumberFormatException e) {
            return FormValidation.error(Messages.Forms_NotANumber(text));
        }
    }

    /** Checks a whole number: at least {@code min}, or empty for the default. */
    static FormValidation whole(final boolean allowed, @CheckForNull final String value, final int min) {
        String text = StepValues.text(value);
        if (!allowed || text == null) {
            return FormValidation.ok();
        }
        try {
            int number = Integer.parseInt(text);
            return number >= min ? FormValidation.ok()
                    : FormValidation.error(Messages.Forms_TooSmall(String.valueOf(min), text));
        }
        catch (NumberFormatException e) {
            return FormValidation.error(Messages.Forms_NotAWholeNumber(text));
        }
    }

    /** Checks a required text. */
    static FormValidation required(final boolean allowed, @CheckForNull final String value, final String what) {
        if (!allowed || StepValues.text(value) != null) {
            return FormValidation.ok();
        }
        return FormValidation.error(Messages.Forms_Required(what));
    }

    /**
     * Checks the retrain job: only a check of a registered model can start one (a reference-only check never does,
     * which used to show only when the build ran); it must exist (relative to {@code item}) and the user should be
     * able to start it.
     */
    static FormValidation retrainJob(@CheckForNull final Item item, @CheckForNull final String value,
            @CheckForNull final String model) {
        String name = StepValues.text(value);
        if (!canConfigure(item) || name == null) {
            return FormValidation.ok();
        }
        if (StepValues.text(model) == null) {
            return FormValidation.error(Messages.Forms_RetrainJobWithoutModel());
        }
        Job<?, ?> job = item == null ? Jenkins.get().getItemByFullName(name, Job.class)
                : Jenkins.get().getItem(name, item, Job.class);
        if (job == null) {
            return FormValidation.error(Messages.Forms_NoSuchJob(name));
        }
        if (!job.hasPermission(Item.BUILD)) {
            return FormValidation.warning(Messages.Forms_MayNotStartJob(job.getFullName()));
        }
        return FormValidation.ok();
    }

    /** Job names for the retrain job box, relative to {@code item}. */
    static AutoCompletionCandidates jobNames(@CheckForNull final Item item, final String value) {
        return AutoCompletionCandidates.ofJobNames(Job.class, value == null ? "" : value, item,
                item == null ? Jenkins.get() : item.getParent());
    }
}
