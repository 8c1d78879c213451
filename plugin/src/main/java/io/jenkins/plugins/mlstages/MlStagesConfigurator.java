package io.jenkins.plugins.mlstages;

import io.jenkins.plugins.casc.BaseConfigurator;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.model.Source;
import io.mlstages.steps.DecimalSettings;
import java.io.UncheckedIOException;
import java.util.List;
import org.jenkinsci.plugins.variant.OptionalExtension;

/**
 * Configuration as Code for the global settings ({@code unclassified: mlStages:}): the usual binding of the
 * {@code @DataBoundSetter}s, after putting back the unquoted decimals ({@code driftShare: 0.25}) that
 * configuration-as-code's YAML reader drops before any setter sees them. {@link DecimalSettings} explains why and
 * reads them back from the mapping's source file; a dropped value that cannot be read back fails the configuration
 * with its name instead of silently leaving the default.
 */
@OptionalExtension(requirePlugins = "configuration-as-code")
public class MlStagesConfigurator extends BaseConfigurator<MlStagesConfiguration> {
    @Override
    public Class<MlStagesConfiguration> getTarget() {
        return MlStagesConfiguration.class;
    }

    @Override
    protected MlStagesConfiguration instance(final Mapping mapping, final ConfigurationContext context) {
        return MlStagesConfiguration.get();
    }

    @Override
    protected void configure(final Mapping config, final MlStagesConfiguration instance, final boolean dryrun,
            final ConfigurationContext context) throws ConfiguratorException {
        Source source = config.getSource();
        // no source (a mapping CasC built itself): nothing to read back, and "" names no file
        String file = source == null || source.file() == null ? "" : source.file();
        int line = source == null ? 0 : source.line();
        try {
            List<String> lines = DecimalSettings.sourceLines(file);
            DecimalSettings.readBack(config, lines, line, file).forEach((name, text) -> config.put(name, text));
        }
        catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfiguratorException(e.getMessage(), e);
        }
        super.configure(config, instance, dryrun, context);
    }
}
