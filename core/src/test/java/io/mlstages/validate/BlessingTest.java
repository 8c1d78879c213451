package io.mlstages.validate;

import io.mlstages.metrics.Evaluation;

import io.mlstages.data.DataReader;
import io.mlstages.report.ValidationReportJson;
import io.mlstages.metrics.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A blessing is written when every gate passes, never otherwise, and a failed re-validation removes it. */
class BlessingTest {
    @TempDir
    Path dir;

    private static ValidationReport validate(final double rmse) {
        Evaluation evaluation = new Evaluation(Task.REGRESSION, 50, List.of(), Map.of("rmse", rmse, "r2", 0.7),
                null, List.of());
        return Gates.check(ValidationInput.of(new ModelIdentity("ridership", "3", null, "pkg"), evaluation,
                "test.csv", "0f".repeat(32)), List.of(Gate.parseMax("rmse=3.2"), Gate.parseMin("r2=0.5")));
    }

    @Test
    void shouldBlessOnPassRecordingTheReportDigestAndUnblessOnFail() throws IOException {
        ValidationReport passed = validate(3.0);
        String sha = ValidationReportJson.write(passed, dir.resolve("validation.json"));
        Instant before = Instant.now().minusMillis(1);

        Optional<Blessing> blessing = Blessing.apply(dir, passed, sha);

        assertThat(blessing).isPresent();
        assertThat(Files.exists(dir.resolve("blessing.json"))).isTrue();
        Blessing read = Blessing.read(dir).orElseThrow();
        assertThat(read).isEqualTo(blessing.get());
        assertThat(read.reportSha256()).isEqualTo(DataReader.sha256(dir.resolve("validation.json")));
        assertThat(read.dataSha256()).isEqualTo("0f".repeat(32));
        assertThat(read.gates()).containsExactly("max rmse", "min r2");
        assertThat(read.model().version()).isEqualTo("3");
        assertThat(read.blessedAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());

        ValidationReport failed = validate(3.5);
        assertThat(Blessing.apply(dir, failed, ValidationReportJson.sha256(failed))).isEmpty();

        assertThat(Files.exists(dir.resolve("blessing.json"))).isFalse();
        assertThat(Blessing.read(dir)).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("validation.json");
        }
    }

    @Test
    void shouldNeverWriteABlessingForAFailedReport() {
        ValidationReport failed = validate(4.0);

        assertThatThrownBy(() -> Blessing.write(dir, failed, ValidationReportJson.sha256(failed)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1 of 2 gates failed");
        assertThat(Files.exists(dir.resolve("blessing.json"))).isFalse();
    }

    @Test
    void shouldNameTheFileOfACorruptBlessing() throws IOException {
        Files.writeString(dir.resolve("blessing.json"), "{\"kind\": \"mlstages-blessing\", \"schemaVersion\": 1}");

        assertThatThrownBy(() -> Blessing.read(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("blessing.json").hasMessageContaining("\"blessedAt\"");
        Files.writeString(dir.resolve("blessing.json"), "not json");
        assertThatThrownBy(() -> Blessing.read(dir)).hasMessageContaining("not a readable blessing");
    }

    @Test
    void shouldRefuseADirectoryThatDoesNotExist() {
        ValidationReport passed = validate(3.0);

        assertThatThrownBy(() -> Blessing.apply(dir.resolve("absent"), passed, ValidationReportJson.sha256(passed)))
                .hasMessageContaining("absent: not a model package directory");
    }
}
