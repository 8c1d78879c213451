package io.mlstages.steps;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The plugin's Java sources compiled here, where the Jenkins Maven repository is out of reach: against the steps
 * module, Jackson, and the signature stubs of the Jenkins API in {@code steps/src/test/jenkins-signature-stubs}
 * (compiled first, into a temporary folder). Compiled once per test run and shared by the tests that need it.
 */
final class PluginSources {
    /** The system property naming the plugin module's folder (default: {@code plugin} in the repository). */
    static final String PLUGIN_DIR_PROPERTY = "mlstages.pluginDir";

    private static PluginSources compiled;

    private URLClassLoader loader;
    private Map<String, Class<?>> described;

    final Path pluginDir;
    final Path stubSources;
    final Path stubClasses;
    final Path pluginClasses;
    final List<String> stubErrors;
    final List<String> pluginErrors;
    final List<String> pluginSourceFiles;
    /** Uses of deprecated API in {@code src/main/java} (javac's deprecation warnings, as the stubs mark the real ones). */
    final List<String> pluginDeprecations;
    /** Errors compiling {@code src/test/java} against the plugin's classes, the stubs, JUnit and AssertJ. */
    final List<String> testErrors;
    final List<String> testSourceFiles;
    /** Uses of deprecated API in {@code src/test/java}. */
    final List<String> testDeprecations;

    private PluginSources(final Path pluginDir, final Path stubSources, final Path stubClasses,
            final Path pluginClasses, final List<String> stubErrors, final Compilation plugin,
            final List<String> pluginSourceFiles, final Compilation tests, final List<String> testSourceFiles) {
        this.pluginDir = pluginDir;
        this.stubSources = stubSources;
        this.stubClasses = stubClasses;
        this.pluginClasses = pluginClasses;
        this.stubErrors = List.copyOf(stubErrors);
        this.pluginErrors = plugin.errors();
        this.pluginDeprecations = plugin.deprecations();
        this.pluginSourceFiles = List.copyOf(pluginSourceFiles);
        this.testErrors = tests.errors();
        this.testDeprecations = tests.deprecations();
        this.testSourceFiles = List.copyOf(testSourceFiles);
    }

    /** The plugin module's folder: the system property, else {@code <repository root>/plugin}. */
    static Path pluginDir() {
        String property = System.getProperty(PLUGIN_DIR_PROPERTY);
        return property == null || property.isBlank() ? RepositoryRoot.find().resolve("plugin")
                : Path.of(property).toAbsolutePath();
    }

    static Path stubSourceDir() {
        return RepositoryRoot.find().resolve("steps/src/test/jenkins-signature-stubs");
    }

    /** Compiles the stubs, then the plugin's sources, once. */
    static synchronized PluginSources compile() {
        if (compiled == null) {
            compiled = compileNow();
        }
        return compiled;
    }

    private static PluginSources compileNow() {
        Path pluginDir = pluginDir();
        Path javaDir = pluginDir.resolve("src/main/java");
        if (!Files.isDirectory(javaDir)) {
            throw new IllegalStateException("No plugin sources at " + javaDir + ": the plugin module is missing "
                    + "(or give its folder with -D" + PLUGIN_DIR_PROPERTY + "=DIR)");
        }
        try {
            Path work = Files.createTempDirectory("mlstages-plugin-compile");
            Path stubClasses = Files.createDirectories(work.resolve("stubs"));
            Path pluginClasses = Files.createDirectories(work.resolve("plugin"));
            List<Path> stubFiles = javaFiles(stubSourceDir());
            List<String> stubErrors = javac(stubFiles, List.of(), stubClasses);
            List<Path> pluginFiles = new ArrayList<>(javaFiles(javaDir));
            // the Messages classes that Jenkins' localizer generates from Messages.properties in the real build
            pluginFiles.addAll(LocalizerMessages.generate(pluginDir.resolve("src/main/resources"),
                    Files.createDirectories(work.resolve("generated"))));
            List<Path> classpath = new ArrayList<>();
            classpath.add(stubClasses);
            classpath.add(location(StepCatalog.class));
            classpath.add(location(ObjectMapper.class));
            classpath.add(location(JsonParser.class));
            classpath.add(location(JsonProperty.class));
            Compilation plugin = stubErrors.isEmpty() ? compile(pluginFiles, classpath, pluginClasses)
                    : Compilation.failed("not compiled: the stubs do not compile");
            // the tests: against the plugin's classes too, with the JUnit 5 and AssertJ jars of this test run
            Path testDir = pluginDir.resolve("src/test/java");
            List<Path> testFiles = Files.isDirectory(testDir) ? javaFiles(testDir) : List.of();
            List<Path> testClasspath = new ArrayList<>(classpath);
            testClasspath.add(pluginClasses);
            testClasspath.add(location(org.junit.jupiter.api.Test.class));
            testClasspath.add(location(org.assertj.core.api.Assertions.class));
            Compilation tests = stubErrors.isEmpty() && plugin.errors().isEmpty()
                    ? compile(testFiles, testClasspath, Files.createDirectories(work.resolve("plugin-tests")))
                    : Compilation.failed("not compiled: the stubs or the plugin's main sources do not compile");
            return new PluginSources(pluginDir, stubSourceDir(), stubClasses, pluginClasses, stubErrors,
                    plugin, pluginFiles.stream().filter(p -> p.startsWith(javaDir))
                            .map(p -> javaDir.relativize(p).toString()).toList(),
                    tests, testFiles.stream().map(p -> testDir.relativize(p).toString()).toList());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot compile the plugin sources of " + pluginDir, e);
        }
    }

    /**
     * The class loader over the compiled plugin and stubs (the steps module and Jackson come from the test's),
     * open for the rest of the test run.
     */
    synchronized ClassLoader classLoader() {
        if (loader == null) {
            try {
                loader = new URLClassLoader(new URL[] {pluginClasses.toUri().toURL(), stubClasses.toUri().toURL()},
                        PluginSources.class.getClassLoader());
            }
            catch (MalformedURLException e) {
                throw new IllegalStateException("Bad class folder " + pluginClasses, e);
            }
        }
        return loader;
    }

    /**
     * The plugin's steps and build step by the name users write: a {@code Step} by its nested descriptor's
     * function name, a {@code Builder} by its nested descriptor's {@code @Symbol}.
     *
     * @throws IllegalStateException naming the classes whose name cannot be told
     */
    synchronized Map<String, Class<?>> describedClasses() {
        if (described == null) {
            try {
                described = findDescribedClasses();
            }
            catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot inspect the compiled plugin classes in " + pluginClasses, e);
            }
        }
        return described;
    }

    private Map<String, Class<?>> findDescribedClasses() throws ReflectiveOperationException {
        if (!stubErrors.isEmpty() || !pluginErrors.isEmpty()) {
            // javac leaves out the classes of files with errors: what is left would be judged wrongly
            throw new IllegalStateException("The plugin sources do not compile against the signature stubs, so their "
                    + "classes cannot be inspected: " + String.join("; ", stubErrors.isEmpty() ? pluginErrors : stubErrors));
        }
        ClassLoader classes = classLoader();
        Map<String, Class<?>> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Class<?> step = classes.loadClass("org.jenkinsci.plugins.workflow.steps.Step");
        Class<?> stepDescriptor = classes.loadClass("org.jenkinsci.plugins.workflow.steps.StepDescriptor");
        Class<?> builder = classes.loadClass("hudson.tasks.Builder");
        @SuppressWarnings("unchecked")
        Class<? extends Annotation> symbol = (Class<? extends Annotation>) classes.loadClass("org.jenkinsci.Symbol");
        for (String className : pluginClassNames()) {
            Class<?> type = Class.forName(className, false, classes);
            if (Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            if (step.isAssignableFrom(type)) {
                String name = functionName(type, stepDescriptor, problems);
                if (name != null && found.put(name, type) != null) {
                    problems.add("two steps named " + name);
                }
            }
            else if (builder.isAssignableFrom(type)) {
                for (Class<?> nested : type.getDeclaredClasses()) {
                    Annotation a = nested.getAnnotation(symbol);
                    if (a != null) {
                        for (String value : (String[]) symbol.getMethod("value").invoke(a)) {
                            found.put(value, type);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return Map.copyOf(found);
    }

    /**
     * A step's function name, as its nested descriptor's {@code getFunctionName()} returns it. The descriptor is
     * allocated without running a constructor (the stubs' constructors throw, and Jenkins is not here): a
     * {@code getFunctionName()} that returns a constant needs nothing else.
     */
    private static String functionName(final Class<?> type, final Class<?> stepDescriptor, final List<String> problems)
            throws ReflectiveOperationException {
        List<Class<?>> descriptors = Arrays.stream(type.getDeclaredClasses())
                .filter(stepDescriptor::isAssignableFrom).toList();
        if (descriptors.size() != 1) {
            problems.add(type.getName() + " has " + descriptors.size() + " nested StepDescriptor classes, not 1");
            return null;
        }
        Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
        Field theUnsafe = unsafeType.getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        Object descriptor = unsafeType.getMethod("allocateInstance", Class.class)
                .invoke(theUnsafe.get(null), descriptors.get(0));
        try {
            return (String) descriptors.get(0).getMethod("getFunctionName").invoke(descriptor);
        }
        catch (InvocationTargetException e) {
            problems.add(descriptors.get(0).getName() + ".getFunctionName() does not return a constant: "
                    + e.getCause());
            return null;
        }
    }

    /** The resource folder of a class's views and help files. */
    Path resourceFolder(final Class<?> type) {
        return pluginDir.resolve("src/main/resources").resolve(type.getName().replace('.', '/').replace('$', '/'));
    }

    /** The binary names of every compiled plugin class. */
    List<String> pluginClassNames() {
        try (Stream<Path> files = Files.walk(pluginClasses)) {
            return files.filter(p -> p.toString().endsWith(".class")).map(p -> {
                String relative = pluginClasses.relativize(p).toString().replace('\\', '/');
                return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
            }).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + pluginClasses, e);
        }
    }

    /** What javac reported: errors, and uses of deprecated API (warnings, which do not stop the compilation). */
    record Compilation(List<String> errors, List<String> deprecations) {
        Compilation {
            errors = List.copyOf(errors);
            deprecations = List.copyOf(deprecations);
        }

        static Compilation failed(final String why) {
            return new Compilation(List.of(why), List.of());
        }
    }

    /** Compiles Java sources (--release 17, parameter names kept, no annotation processing); returns the errors. */
    static List<String> javac(final List<Path> sources, final List<Path> classpath, final Path output)
            throws IOException {
        return compile(sources, classpath, output).errors();
    }

    /**
     * Compiles Java sources as {@link #javac} does, with javac's deprecation lint on, so that a use of an API the
     * stubs mark {@code @Deprecated} (as the real one is) is reported too.
     */
    static Compilation compile(final List<Path> sources, final List<Path> classpath, final Path output)
            throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this runtime (a JRE?): " + System.getProperty("java.home"));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of("--release", "17", "-proc:none", "-parameters",
                    "-encoding", "UTF-8", "-d", output.toString(), "-Xlint:none,deprecation", "-Xmaxerrs", "1000",
                    "-Xmaxwarns", "1000"));
            if (!classpath.isEmpty()) {
                options.add("-classpath");
                options.add(classpath.stream().map(Path::toString)
                        .collect(Collectors.joining(System.getProperty("path.separator"))));
            }
            boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(PluginSources::describe).toList();
            // javac's keys for a use of something deprecated (compiler.warn.has.been.deprecated[.for.removal])
            List<String> deprecations = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() != Diagnostic.Kind.ERROR && d.getCode() != null
                            && d.getCode().contains("deprecated"))
                    .map(PluginSources::describe).toList();
            if (!ok && errors.isEmpty()) {
                return Compilation.failed("javac failed without an error message");
            }
            return new Compilation(errors, deprecations);
        }
    }

    private static String describe(final Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).toString();
        return file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
    }

    private static List<Path> javaFiles(final Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Path location(final Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type.getName(), e);
        }
    }
}
