package io.mlstages.steps;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A step as users write it: its name in a Jenkinsfile, the {@code mlstages} command(s) it runs, its parameters,
 * and the options the step sets itself (report files, quiet output, secrets' environment variables) so that users
 * cannot.
 *
 * @param functionName   the name in a Jenkinsfile ({@code trainModel}) or the freestyle step's symbol
 * @param displayName    the name on the job configuration page and in the pipeline syntax generator
 * @param commands       the {@code mlstages} commands it runs (checkDrift runs {@code check} for a registered model,
 *                       {@code drift} for a profile or dataset)
 * @param parameters     every parameter, required ones first
 * @param oneOf          groups of parameters of which exactly one must be given (e.g. {@code model} or
 *                       {@code reference}); empty when none
 * @param managedOptions command-line options the step sets itself, never users
 * @param sections       how the configuration form groups the optional parameters under Advanced; empty for one
 *                       flat list in catalog order. The required and one-of parameters always come first, outside.
 */
public record StepSpec(String functionName, String displayName, List<String> commands, List<Parameter> parameters,
        List<List<String>> oneOf, List<String> managedOptions, List<Section> sections) {
    /**
     * A titled group of fields under the form's Advanced button.
     *
     * @param title  the section's title
     * @param fields the parameter names, in form order
     */
    public record Section(String title, List<String> fields) {
        public Section {
            Objects.requireNonNull(title, "title");
            fields = List.copyOf(fields);
        }
    }

    /** A step whose form lists its optional parameters in catalog order, with no sections. */
    public StepSpec(final String functionName, final String displayName, final List<String> commands,
            final List<Parameter> parameters, final List<List<String>> oneOf, final List<String> managedOptions) {
        this(functionName, displayName, commands, parameters, oneOf, managedOptions, List.of());
    }

    public StepSpec {
        Objects.requireNonNull(functionName, "functionName");
        commands = List.copyOf(commands);
        parameters = List.copyOf(parameters);
        oneOf = oneOf.stream().map(List::copyOf).toList();
        managedOptions = List.copyOf(managedOptions);
        Set<String> names = new HashSet<>();
        for (Parameter parameter : parameters) {
            if (!names.add(parameter.name())) {
                throw new IllegalArgumentException(functionName + " declares parameter " + parameter.name() + " twice");
            }
        }
        for (Parameter parameter : parameters) {
            if (parameter.requires() != null && !names.contains(parameter.requires())) {
                throw new IllegalArgumentException(functionName + "." + parameter.name() + " requires unknown "
                        + parameter.requires());
            }
        }
        for (List<String> group : oneOf) {
            for (String name : group) {
                if (!names.contains(name)) {
                    throw new IllegalArgumentException(functionName + ": one-of group names unknown " + name);
                }
            }
        }
        sections = List.copyOf(sections);
        if (!sections.isEmpty()) {
            checkSections(functionName, parameters, oneOf, sections);
        }
    }

    /** Every parameter of the Advanced part in exactly one section, and no other. */
    private static void checkSections(final String functionName, final List<Parameter> parameters,
            final List<List<String>> oneOf, final List<Section> sections) {
        List<String> expected = parameters.stream().filter(p -> !p.required()
                && oneOf.stream().noneMatch(g -> g.contains(p.name()))).map(Parameter::name).sorted().toList();
        List<String> placed = sections.stream().flatMap(s -> s.fields().stream()).sorted().toList();
        if (!placed.equals(expected)) {
            throw new IllegalArgumentException(functionName + ": the form sections place " + placed
                    + ", not the optional parameters " + expected);
        }
    }

    /** The fields the form shows first, outside Advanced: the required parameters and every one-of choice. */
    public List<Parameter> mainFields() {
        return parameters.stream().filter(p -> p.required() || oneOf.stream().anyMatch(g -> g.contains(p.name())))
                .toList();
    }

    /** The fields under Advanced: the rest, in catalog order. */
    public List<Parameter> advancedFields() {
        List<Parameter> main = mainFields();
        return parameters.stream().filter(p -> !main.contains(p)).toList();
    }

    /** The parameter of that name, or empty. */
    public Optional<Parameter> parameter(final String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The required parameters: the arguments of the step's {@code @DataBoundConstructor}, in this order. */
    public List<Parameter> required() {
        return parameters.stream().filter(Parameter::required).toList();
    }

    /** The optional parameters: the step's {@code @DataBoundSetter}s. */
    public List<Parameter> optional() {
        return parameters.stream().filter(p -> !p.required()).toList();
    }

    /** The parameter names, in declaration order. */
    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }
}
