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
 */
public record StepSpec(String functionName, String displayName, List<String> commands, List<Parameter> parameters,
        List<List<String>> oneOf, List<String> managedOptions) {
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
