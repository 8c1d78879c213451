package io.mlstages.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input ends with exit code 2 and a message naming the file (and line and column). */
class BadInputTest {
    @TempDir
    Path dir;

    private Path good() throws Exception {
        Path file = dir.resolve("good.csv");
        StringBuilder text = new StringBuilder("x,y,colour\n");
        for (int i = 0; i < 50; i++) {
            text.append(i).append(',').append(i * 0.5).append(',').append(i % 2 == 0 ? "red" : "blue").append('\n');
        }
        Files.writeString(file, text);
        return file;
    }

    private Path write(final String name, final byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(final String name, final String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBadInput(final CliRun run, final Path file, final String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("mlstages: ").contains(file.getFileName().toString())
                .doesNotContain("Exception", "\tat ");
        for (String fragment : fragments) {
            assertThat(run.err()).contains(fragment);
        }
    }

    @Test
    void shouldNameFileLineAndCountsForARaggedRow() throws Exception {
        Path bad = write("ragged.csv", "x,y,colour\n1,2,red\n3,4\n5,6,blue\n");

        assertBadInput(CliRun.of("drift", "--reference", good().toString(), "--current", bad.toString()), bad,
                "line 3");
    }

    @Test
    void shouldRefuseABinaryFile() throws Exception {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 % 256);
        }
        Path bad = write("model.bin", bytes);

        assertBadInput(CliRun.of("profile", bad.toString(), "-o", dir.resolve("p.json").toString()), bad);
    }

    @Test
    void shouldRefuseAnEmptyFile() throws Exception {
        Path bad = write("empty.csv", "");

        assertBadInput(CliRun.of("profile", bad.toString(), "-o", dir.resolve("p.json").toString()), bad,
                "empty");
    }

    @Test
    void shouldRefuseAHeaderWithoutRowsAsCurrentData() throws Exception {
        Path bad = write("header.csv", "x,y,colour\n");

        CliRun run = CliRun.of("drift", "--reference", good().toString(), "--current", bad.toString());

        assertBadInput(run, bad, "no rows");
    }

    @Test
    void shouldNameAColumnMissingFromTheCurrentData() throws Exception {
        Path bad = write("fewer.csv", "x,y\n1,2\n3,4\n5,6\n");

        CliRun run = CliRun.of("drift", "--reference", good().toString(), "--current", bad.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("colour").doesNotContain("\tat ");
    }

    @Test
    void shouldNameTheLineOfInvalidUtf8() throws Exception {
        byte[] head = "x,y,colour\n1,2,red\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "3,4,gr\u00fcn\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(latin1, 0, bytes, head.length, latin1.length);
        Path bad = write("latin1.csv", bytes);

        assertBadInput(CliRun.of("profile", bad.toString(), "-o", dir.resolve("p.json").toString()), bad,
                "UTF-8");
    }

    @Test
    void shouldSayWhenAFileDoesNotExist() {
        Path missing = dir.resolve("nowhere.csv");

        assertBadInput(CliRun.of("profile", missing.toString(), "-o", dir.resolve("p.json").toString()), missing);
    }

    @Test
    void shouldExitWithTwoOnAnUnknownOption() {
        CliRun run = CliRun.of("drift", "--reference", "a.csv", "--current", "b.csv", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option").contains("--help");
    }

    @Test
    void shouldNotLeaveAProfileBehindWhenTheInputIsBad() throws Exception {
        Path bad = write("ragged2.csv", "x,y\n1,2\n3\n");
        Path output = dir.resolve("p.json");

        CliRun run = CliRun.of("profile", bad.toString(), "-o", output.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(output).doesNotExist();
    }
}
