package io.mlstages.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Target specifications as the command line writes them, and tokens that never show. */
class TargetsAndSecretsTest {
    private static final String TOKEN = "s3cr3t-Token_value.42";

    @TempDir
    Path dir;

    @Test
    void shouldReadEachKindOfTargetSpecification() {
        Secret token = Secret.of(TOKEN, "test");
        DeployTarget.Options options = DeployTarget.Options.defaults().withKeep(3).withToken(token);

        List<DeployTarget> targets = DeployTarget.parseAll(List.of("registry", "directory=/srv/models/churn",
                "HTTP=https://deploy.example/api/models"), options);

        assertThat(targets).containsExactly(new DeployTarget.RegistryAlias(),
                new DeployTarget.Directory(Path.of("/srv/models/churn"), 3),
                new DeployTarget.Http(URI.create("https://deploy.example/api/models"), token, HttpSettings.defaults()));
        assertThat(targets).extracting(DeployTarget::kind).containsExactly(DeployTarget.Kind.REGISTRY,
                DeployTarget.Kind.DIRECTORY, DeployTarget.Kind.HTTP);
    }

    @Test
    void shouldNameAnUnknownOrIncompleteTarget() {
        DeployTarget.Options options = DeployTarget.Options.defaults();

        assertThatThrownBy(() -> DeployTarget.parse("s3=bucket", options)).isInstanceOf(DeployException.class)
                .hasMessageContaining("Unknown deployment target 's3'")
                .hasMessageContaining("[registry, directory, http]");
        assertThatThrownBy(() -> DeployTarget.parse("directory", options))
                .hasMessageContaining("'directory' needs a value: directory=DIR");
        assertThatThrownBy(() -> DeployTarget.parse("registry=x", options))
                .hasMessageContaining("'registry' takes no value");
        assertThatThrownBy(() -> DeployTarget.parse("http=https://deploy.example", options))
                .hasMessageContaining("needs a bearer token: give --token-env NAME or --token-file FILE");
        DeployTarget.Options withToken = options.withToken(Secret.of(TOKEN, "test"));
        assertThatThrownBy(() -> DeployTarget.parse("http=ftp://deploy.example/x", withToken))
                .hasMessageContaining("must start with http:// or https://, not 'ftp://deploy.example/x'");
        assertThatThrownBy(() -> DeployTarget.parse("http=https://bob:pw@deploy.example/x", withToken))
                .hasMessageContaining("must not hold user information").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> DeployTarget.parse("http=https://deploy example/x", withToken))
                .hasMessageContaining("invalid URL");
    }

    @Test
    void shouldRefuseSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> HttpSettings.defaults().withAttempts(0)).hasMessageContaining("not 0");
        assertThatThrownBy(() -> HttpSettings.defaults().withRequestTimeout(Duration.ZERO))
                .hasMessageContaining("requestTimeout must be positive");
        assertThatThrownBy(() -> HttpSettings.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff (PT1S) must not be shorter than initialBackoff (PT2S)");
        assertThatThrownBy(() -> new DeployTarget.Directory(dir, -1)).hasMessageContaining("not -1");
    }

    @Test
    void shouldDoubleTheBackoffUpToTheCapWithJitterInTheUpperHalf() {
        HttpSettings settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 200; i++) {
            assertThat(HttpPublisher.backoff(settings, 1).toMillis()).isBetween(50L, 100L);
            assertThat(HttpPublisher.backoff(settings, 3).toMillis()).isBetween(200L, 400L);
            assertThat(HttpPublisher.backoff(settings, 10).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void shouldReadATokenFromTheEnvironmentOrAFileWithoutShowingIt() throws IOException {
        Secret fromEnv = Secret.fromEnvironment("MLSTAGES_DEPLOY_TOKEN",
                Map.of("MLSTAGES_DEPLOY_TOKEN", " " + TOKEN + "\n"));
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        Secret fromFile = Secret.fromFile(file);

        assertThat(fromEnv.reveal()).isEqualTo(TOKEN);
        assertThat(fromFile.reveal()).isEqualTo(TOKEN);
        assertThat(fromEnv).hasToString("****");
        assertThat(fromFile.source()).isEqualTo("token file " + file);
        assertThat(fromEnv.mask("a " + TOKEN + " b " + TOKEN)).isEqualTo("a **** b ****");
    }

    @Test
    void shouldNameTheSourceOfABadTokenButNeverTheToken() throws IOException {
        assertThatThrownBy(() -> Secret.fromEnvironment("DEPLOY_TOKEN", Map.of()))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("environment variable DEPLOY_TOKEN is not set");
        assertThatThrownBy(() -> Secret.fromEnvironment("DEPLOY_TOKEN", Map.of("DEPLOY_TOKEN", "  ")))
                .hasMessageContaining("environment variable DEPLOY_TOKEN is empty");
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("absent")))
                .hasMessageContaining("Cannot read the token file " + dir.resolve("absent"));
        Path file = dir.resolve("token");
        Files.writeString(file, "abc def" + TOKEN);
        assertThatThrownBy(() -> Secret.fromFile(file)).hasMessageContaining("token file " + file)
                .hasMessageContaining("position 4").hasMessageNotContaining(TOKEN).hasMessageNotContaining("abc");
    }
}
