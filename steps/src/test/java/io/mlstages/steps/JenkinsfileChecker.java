package io.mlstages.steps;

import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parses Groovy source (a Jenkinsfile, or an example from the docs) with Groovy's own parser, only as far as the
 * syntax tree (nothing is compiled against classes, nothing runs), and checks every call of an ML step against
 * {@link StepCatalog}: parameter names, required parameters, one-of groups, parameters that only apply with
 * another, and constant {@link Parameter.Kind#CHOICE} values.
 */
final class JenkinsfileChecker {
    /** One step call found in a source. */
    record Call(String source, int line, String step, Map<String, Expression> arguments) {
    }

    /** What a source holds: its step calls and the problems found in them (or in parsing it). */
    record Result(String source, List<Call> calls, List<String> problems) {
        Result {
            calls = List.copyOf(calls);
            problems = List.copyOf(problems);
        }
    }

    private JenkinsfileChecker() {
    }

    /**
     * Parses and checks one source.
     *
     * @param name      the file name used in messages
     * @param text      the Groovy source
     * @param firstLine the line of {@code name} where {@code text} starts (1 for a whole file, the line after the
     *                  fence for a Markdown block), so that messages point into the file
     */
    static Result check(final String name, final String text, final int firstLine) {
        // blank lines in front make Groovy's own line numbers those of the enclosing file
        String source = "\n".repeat(Math.max(0, firstLine - 1)) + text;
        CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
        SourceUnit sourceUnit = unit.addSource(name, source);
        try {
            unit.compile(Phases.CONVERSION);
        }
        catch (CompilationFailedException e) {
            return new Result(name, List.of(), List.of(name + " does not parse as Groovy: " + e.getMessage()));
        }
        List<Call> calls = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ModuleNode module = sourceUnit.getAST();
        StepCallVisitor visitor = new StepCallVisitor(sourceUnit, name, calls, problems);
        for (ClassNode type : module.getClasses()) {
            visitor.visitClass(type);
        }
        // statements outside any class are in the script class above; visit them again in case Groovy left them out
        module.getStatementBlock().visit(visitor);
        for (Call call : calls) {
            problems.addAll(problemsOf(call));
        }
        return new Result(name, calls, problems);
    }

    /**
     * The ```groovy fenced blocks of a Markdown text, each with the line it starts on.
     *
     * @return block text by its first line (1-based), in order
     */
    static Map<Integer, String> groovyBlocks(final String markdown) {
        Map<Integer, String> blocks = new LinkedHashMap<>();
        String[] lines = markdown.split("\n", -1);
        int start = -1;
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (start < 0 && line.matches("```\\s*groovy\\s*")) {
                start = i + 2;
                block.setLength(0);
            }
            else if (start >= 0 && line.startsWith("```")) {
                blocks.put(start, block.toString());
                start = -1;
            }
            else if (start >= 0) {
                block.append(lines[i]).append('\n');
            }
        }
        if (start >= 0) {
            // an unclosed fence: check what there is, the parse will usually say what is wrong
            blocks.put(start, block.toString());
        }
        return blocks;
    }

    private static List<String> problemsOf(final Call call) {
        StepSpec step = StepCatalog.step(call.step());
        String where = at(call, call.line());
        String known = " (" + call.step() + " takes " + String.join(", ", step.names()) + ")";
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Expression> argument : call.arguments().entrySet()) {
            String name = argument.getKey();
            Optional<Parameter> parameter = step.parameter(name);
            if (parameter.isEmpty()) {
                problems.add(at(call, argument.getValue().getLineNumber()) + " has no parameter '" + name + "'" + known);
                continue;
            }
            Parameter p = parameter.get();
            String at = at(call, argument.getValue().getLineNumber());
            if (p.requires() != null && !call.arguments().containsKey(p.requires())) {
                problems.add(at + ": parameter '" + name + "' only applies with '" + p.requires()
                        + "', which is not given" + known);
            }
            String badValue = badConstant(p, argument.getValue());
            if (badValue != null) {
                problems.add(at + ": parameter '" + name + "' " + badValue);
            }
        }
        for (Parameter required : step.required()) {
            if (!call.arguments().containsKey(required.name())) {
                problems.add(where + " lacks the required parameter '" + required.name() + "'" + known);
            }
        }
        for (List<String> group : step.oneOf()) {
            List<String> given = group.stream().filter(call.arguments()::containsKey).toList();
            if (given.size() != 1) {
                problems.add(where + " needs exactly one of " + group + ", got " + given + known);
            }
        }
        return problems;
    }

    /** "file:line: step", at the line of the argument when the parser knows it, else of the call. */
    private static String at(final Call call, final int line) {
        return call.source() + ":" + (line > 0 ? line : call.line()) + ": " + call.step();
    }

    /** Why a constant value cannot be right for the parameter, or null (non-constant values are not judged). */
    private static String badConstant(final Parameter parameter, final Expression value) {
        if (!(value instanceof ConstantExpression constant) || constant.isNullExpression()) {
            return null;
        }
        Object v = constant.getValue();
        return switch (parameter.kind()) {
            case CHOICE -> {
                try {
                    OnFinding.parse(String.valueOf(v));
                    yield null;
                }
                catch (IllegalArgumentException e) {
                    yield "is '" + v + "': " + e.getMessage();
                }
            }
            case FLAG -> v instanceof Boolean ? null : "is " + describe(v) + ", not true or false";
            case INTEGER -> v instanceof Integer || v instanceof Long || v instanceof String s && s.matches("-?\\d+")
                    ? null : "is " + describe(v) + ", not a whole number";
            case DECIMAL -> v instanceof Number || v instanceof String s && isDecimal(s)
                    ? null : "is " + describe(v) + ", not a number";
            case STRING, LIST -> v instanceof Boolean ? "is " + describe(v) + ", not a string" : null;
        };
    }

    private static boolean isDecimal(final String text) {
        try {
            Double.parseDouble(text);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    private static String describe(final Object value) {
        return value instanceof String ? "'" + value + "'" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    /** Collects calls of catalog steps, whatever the receiver ({@code steps.trainModel(...)} in a library too). */
    private static final class StepCallVisitor extends ClassCodeVisitorSupport {
        private final SourceUnit sourceUnit;
        private final String name;
        private final List<Call> calls;
        private final List<String> problems;
        private final Set<MethodCallExpression> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<String> steps = StepCatalog.steps().stream().map(StepSpec::functionName)
                .collect(Collectors.toSet());

        StepCallVisitor(final SourceUnit sourceUnit, final String name, final List<Call> calls,
                final List<String> problems) {
            this.sourceUnit = sourceUnit;
            this.name = name;
            this.calls = calls;
            this.problems = problems;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return sourceUnit;
        }

        @Override
        public void visitMethodCallExpression(final MethodCallExpression call) {
            String method = call.getMethodAsString();
            if (method != null && steps.contains(method) && seen.add(call)) {
                record(call, method);
            }
            super.visitMethodCallExpression(call);
        }

        private void record(final MethodCallExpression call, final String step) {
            String where = name + ":" + call.getLineNumber() + ": " + step;
            Map<String, Expression> arguments = new LinkedHashMap<>();
            List<Expression> positional = new ArrayList<>();
            Expression args = call.getArguments();
            List<Expression> items = args instanceof TupleExpression tuple ? tuple.getExpressions() : List.of(args);
            for (Expression item : items) {
                if (item instanceof MapExpression map) {
                    for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                        if (entry.getKeyExpression() instanceof ConstantExpression key
                                && key.getValue() instanceof String text) {
                            if (arguments.put(text, entry.getValueExpression()) != null) {
                                problems.add(where + " gives '" + text + "' twice");
                            }
                        }
                        else {
                            problems.add(where + " has a parameter name that is not a constant ("
                                    + entry.getKeyExpression().getText() + "): it cannot be checked");
                        }
                    }
                }
                else {
                    positional.add(item);
                }
            }
            List<Parameter> required = StepCatalog.step(step).required();
            if (!positional.isEmpty()) {
                // Pipeline takes one unnamed argument as the only required parameter; anything else is an error
                if (positional.size() == 1 && arguments.isEmpty() && required.size() == 1) {
                    arguments.put(required.get(0).name(), positional.get(0));
                }
                else {
                    problems.add(where + " has " + positional.size() + " unnamed argument(s): give parameters by name");
                }
            }
            calls.add(new Call(name, call.getLineNumber(), step, arguments));
        }
    }
}
