package io.mlstages.steps;

import io.mlstages.steps.Parameter.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The plugin module cannot be compiled here (the Jenkins Maven repository is out of reach), so this test compiles
 * its sources against signature stubs of the Jenkins API that it uses (steps/src/test/jenkins-signature-stubs, read
 * off the jenkinsci sources), then checks the compiled steps and build step against {@link StepCatalog}: the
 * {@code @DataBoundConstructor} takes the required parameters in order, the {@code @DataBoundSetter}s (declared
 * in the generated bases, see {@link PluginShellGenerator}) are the optional ones, with the Java type of each
 * parameter's kind, and every parameter has a getter.
 *
 * <p>The plugin folder is {@code <repository root>/plugin}, or the system property {@code mlstages.pluginDir}.
 * Without plugin sources the tests fail: the check must not pass by finding nothing.</p>
 */
class PluginSourcesCompileTest {
    private static final Map<Kind, Class<?>> JAVA_TYPES = Map.of(Kind.STRING, String.class, Kind.INTEGER,
            Integer.class, Kind.DECIMAL, Double.class, Kind.FLAG, boolean.class, Kind.LIST, String.class,
            Kind.CHOICE, String.class);

    private static PluginSources sources;

    @BeforeAll
    static void compile() {
        sources = PluginSources.compile();
    }

    @Test
    void shouldCompileTheSignatureStubs() {
        assertThat(sources.stubErrors).as("errors compiling the stubs in " + sources.stubSources).isEmpty();
    }

    @Test
    void shouldCompileThePluginSourcesAgainstTheJenkinsSignatureStubs() {
        assertThat(sources.pluginSourceFiles).as("Java sources in " + sources.pluginDir).isNotEmpty();
        assertThat(sources.pluginErrors).as("errors compiling " + sources.pluginDir
                + "/src/main/java with --release 17 against the signature stubs").isEmpty();
    }

    @Test
    void shouldUseNoDeprecatedJenkinsApi() {
        // the stubs carry core's @Deprecated marks (AbstractDescribableImpl, Extension.optional, RunList.get/size...)
        assertThat(sources.pluginErrors).isEmpty();
        assertThat(sources.pluginDeprecations).as("uses of deprecated API in " + sources.pluginDir + "/src/main/java")
                .isEmpty();
    }

    @Test
    void shouldHaveOneStepClassPerPipelineStepOfTheCatalog() throws Exception {
        Map<String, Class<?>> steps = sources.describedClasses();

        assertThat(steps).containsOnlyKeys(StepCatalog.steps().stream().map(StepSpec::functionName).toList());
    }

    @Test
    void shouldTakeTheRequiredParametersInTheDataBoundConstructorInCatalogOrder() throws Exception {
        Map<String, Class<?>> steps = sources.describedClasses();
        assertThat(steps).isNotEmpty();
        Class<? extends Annotation> dataBoundConstructor = annotation("org.kohsuke.stapler.DataBoundConstructor");
        assertSoftly(softly -> steps.forEach((name, type) -> {
            List<Constructor<?>> constructors = Arrays.stream(type.getConstructors())
                    .filter(c -> c.isAnnotationPresent(dataBoundConstructor)).toList();
            softly.assertThat(constructors).as(type.getName() + ": public @DataBoundConstructor").hasSize(1);
            if (constructors.size() == 1) {
                List<String> actual = Arrays.stream(constructors.get(0).getParameters())
                        .map(p -> p.getName() + ":" + p.getType().getSimpleName()).toList();
                List<String> expected = StepCatalog.step(name).required().stream()
                        .map(p -> p.name() + ":" + JAVA_TYPES.get(p.kind()).getSimpleName()).toList();
                softly.assertThat(actual).as(type.getName() + " @DataBoundConstructor parameters")
                        .containsExactlyElementsOf(expected);
            }
        }));
    }

    @Test
    void shouldHaveADataBoundSetterForEveryOptionalParameterAndNoOther() throws Exception {
        Map<String, Class<?>> steps = sources.describedClasses();
        assertThat(steps).isNotEmpty();
        Class<? extends Annotation> dataBoundSetter = annotation("org.kohsuke.stapler.DataBoundSetter");
        assertSoftly(softly -> steps.forEach((name, type) -> {
            Map<String, String> setters = new LinkedHashMap<>();
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(dataBoundSetter)) {
                    setters.put(property(method.getName(), "set"), Arrays.stream(method.getParameterTypes())
                            .map(Class::getSimpleName).collect(Collectors.joining(",")));
                }
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (Parameter p : StepCatalog.step(name).optional()) {
                expected.put(p.name(), JAVA_TYPES.get(p.kind()).getSimpleName());
            }
            softly.assertThat(setters).as(type.getName() + " @DataBoundSetter properties and their types")
                    .containsExactlyInAnyOrderEntriesOf(expected);
        }));
    }

    @Test
    void shouldHaveAPublicGetterForEveryParameter() throws Exception {
        Map<String, Class<?>> steps = sources.describedClasses();
        assertThat(steps).isNotEmpty();
        assertSoftly(softly -> steps.forEach((name, type) -> {
            for (Parameter p : StepCatalog.step(name).parameters()) {
                Class<?> javaType = JAVA_TYPES.get(p.kind());
                String prefix = javaType == boolean.class ? "is" : "get";
                String getter = prefix + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
                Optional<Method> method = Arrays.stream(type.getMethods())
                        .filter(m -> m.getName().equals(getter) && m.getParameterCount() == 0
                                && !Modifier.isStatic(m.getModifiers())).findFirst();
                softly.assertThat(method).as(type.getName() + "." + getter + "()").isPresent();
                method.ifPresent(m -> softly.assertThat(m.getReturnType()).as(type.getName() + "." + getter
                        + "() type").isEqualTo(javaType));
            }
        }));
    }

    private static String property(final String method, final String prefix) {
        String rest = method.startsWith(prefix) ? method.substring(prefix.length()) : method;
        return rest.isEmpty() ? rest : rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(final String name) {
        try {
            return (Class<? extends Annotation>) sources.classLoader().loadClass(name);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("The signature stubs lack " + name, e);
        }
    }
}
