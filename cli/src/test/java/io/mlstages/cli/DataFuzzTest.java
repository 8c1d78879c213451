package io.mlstages.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuzz harness over data files, on a fixed budget and seed so that it runs in the normal test suite: a real
 * dataset (Seattle weather, CSV and JSON Lines) is damaged at random (truncated, random bytes, wrong field counts,
 * huge cells, NUL bytes, bad UTF-8, stray quotes, control characters in names) and given to profile, drift, train
 * and validate. Whatever the damage, the command exits 0, 1 or 2, never 3; prints no stack trace; and when it
 * refuses the file it says so on one bounded line naming the file (and the line, where the damage has one).
 * A failure prints the seed and case number: {@code -Dmlstages.fuzz.seed=S -Dmlstages.fuzz.cases=N} replays it.
 */
class DataFuzzTest {
    private static final long SEED = Long.getLong("mlstages.fuzz.seed", 20_261_206L);
    private static final int CASES = Integer.getInteger("mlstages.fuzz.cases", 200);
    private static final Path SOURCE = Path.of("../test-resources/datasets/seattle-weather-2012.csv");

    @TempDir
    static Path dir;

    private static Path goodCsv;
    private static Path model;

    @BeforeAll
    static void trainTheModelThatValidateScores() throws Exception {
        goodCsv = Files.copy(SOURCE, dir.resolve("good.csv"));
        model = dir.resolve("model");
        CliRun train = CliRun.of("train", "-q", "--data", goodCsv.toString(), "--target", "weather", "--algorithm",
                "logistic", "-o", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
    }

    /** A damaged file and what is known of the damage. */
    record Damaged(String kind, byte[] bytes, boolean hasLine) {
    }

    private static byte[] jsonl(final byte[] csv) {
        List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
        String[] header = lines.get(0).split(",");
        StringBuilder text = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            text.append('{');
            for (int i = 0; i < header.length; i++) {
                String cell = i < cells.length ? cells[i] : "";
                boolean number = cell.matches("-?[0-9.]+");
                text.append(i == 0 ? "" : ", ").append('"').append(header[i]).append("\": ")
                        .append(number ? cell : '"' + cell + '"');
            }
            text.append("}\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The offset of the start of a random line after the first (a data row). */
    private static int rowStart(final byte[] bytes, final Random random) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.get(1 + random.nextInt(starts.size() - 2));
    }

    /** The offset just after the first line break at or after {@code from}. */
    private static int indexAfterNewline(final byte[] bytes, final int from) {
        int i = from;
        while (bytes[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    private static byte[] splice(final byte[] bytes, final int at, final int removed, final byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(bytes, Math.min(bytes.length, at + removed), Math.max(0, bytes.length - at - removed));
        return out.toByteArray();
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Damaged damage(final byte[] clean, final boolean isJsonl, final Random random) {
        int kind = random.nextInt(15);
        int row = rowStart(clean, random);
        return switch (kind) {
            case 0 -> new Damaged("truncated", Arrays.copyOf(clean, random.nextInt(clean.length)), false);
            case 1 -> {
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                yield new Damaged("random bytes", splice(clean, random.nextInt(clean.length), 0, noise), false);
            }
            case 2 -> {
                byte[] noise = new byte[1 + random.nextInt(4096)];
                random.nextBytes(noise);
                int at = random.nextInt(clean.length);
                yield new Damaged("overwritten", splice(clean, at, noise.length, noise), false);
            }
            case 3 -> new Damaged("extra field", splice(clean, row, 0, ascii(isJsonl ? "{\"extra\": 1}\n" : "1,2,3,4,5,6,7,8\n")),
                    !isJsonl);
            case 4 -> new Damaged("missing fields", splice(clean, row, 0, ascii(isJsonl ? "[1, 2]\n" : "2012-13-01,1\n")),
                    true);
            case 5 -> {
                String huge = "h".repeat(1 + random.nextInt(1_000_000));
                yield new Damaged("huge cell", splice(clean, row, 0, ascii(isJsonl
                        ? "{\"date\": \"x\", \"precipitation\": \"" + huge + "\"}\n" : "x," + huge + ",1,1,1,rain\n")), false);
            }
            case 6 -> new Damaged("NUL", splice(clean, row + random.nextInt(5), 0, new byte[] {0}), true);
            case 7 -> new Damaged("bad UTF-8", splice(clean, row, 0, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}), true);
            case 8 -> new Damaged("stray quote", splice(clean, row, 0, ascii("\"")), false);
            case 9 -> new Damaged("text in a number", splice(clean, row, 0, ascii(isJsonl
                    ? "{\"date\": \"d\", \"precipitation\": \"wet\", \"temp_max\": 1, \"temp_min\": 1, \"wind\": 1, "
                    + "\"weather\": \"rain\"}\n" : "2012-12-31,wet,1,1,1,rain\n")), false);
            case 10 -> new Damaged("empty", new byte[0], false);
            case 11 -> new Damaged("header only", isJsonl ? ascii("\n") : ascii("date,precipitation,temp_max\n"), false);
            case 12 -> {
                String name = "bad\nname\u001b[31m" + "n".repeat(random.nextInt(50_000));
                byte[] renamed = isJsonl ? splice(clean, row, 0, ascii("{\"" + name.replace("\n", "\\n")
                        .replace("\u001b", "\\u001b") + "\": 1}\n"))
                        : splice(clean, 0, "date".length(), ascii("\"" + name + "\""));
                yield new Damaged("control characters in a name", renamed, false);
            }
            case 13 -> {
                // past the 64 KB that opening sniffs: the rows again until the file is large enough, then a NUL
                ByteArrayOutputStream longer = new ByteArrayOutputStream();
                longer.write(clean, 0, clean.length);
                int firstRow = isJsonl ? 0 : indexAfterNewline(clean, 0);
                while (longer.size() < 100_000) {
                    longer.write(clean, firstRow, clean.length - firstRow);
                }
                byte[] big = longer.toByteArray();
                int at = indexAfterNewline(big, 70_000 + random.nextInt(20_000)) + random.nextInt(5);
                yield new Damaged("NUL after 64 KB", splice(big, at, 0, new byte[] {0}), true);
            }
            default -> new Damaged("no line breaks", new String(clean, StandardCharsets.UTF_8).replace('\n', ',')
                    .getBytes(StandardCharsets.UTF_8), false);
        };
    }

    @Test
    void shouldNeverExitThreeNorPrintATraceAndLocateEveryRefusal() throws Exception {
        byte[] csv = Files.readAllBytes(SOURCE);
        byte[] jsonl = jsonl(csv);
        Random random = new Random(SEED);
        Map<String, Integer> exits = new LinkedHashMap<>();
        for (int n = 0; n < CASES; n++) {
            boolean isJsonl = random.nextInt(3) == 0;
            Damaged damaged = damage(isJsonl ? jsonl : csv, isJsonl, random);
            Path file = Files.write(dir.resolve("case-" + n + (isJsonl ? ".jsonl" : ".csv")), damaged.bytes());
            String command = List.of("profile", "drift", "drift-reference", "train", "validate").get(random.nextInt(5));
            CliRun run = run(command, file, n);
            String what = "case " + n + " (seed " + SEED + "): " + command + " on " + damaged.kind() + " "
                    + file.getFileName() + " -> exit " + run.exitCode() + ": " + run.err();
            exits.merge(run.exitCode() + " " + command, 1, Integer::sum);

            assertThat(run.exitCode()).as(what).isIn(0, 1, 2);
            assertThat(run.err()).as(what).doesNotContain("\tat ", "Exception", "internal error");
            if (run.exitCode() == 2) {
                assertThat(run.err().strip()).as(what).startsWith("mlstages: ").doesNotContain("\n")
                        .hasSizeLessThan(1500);
                if (!"validate".equals(command) || !damaged.kind().equals("header only")) {
                    assertThat(run.err()).as(what).contains(file.getFileName().toString());
                }
                if (damaged.hasLine()) {
                    assertThat(run.err()).as(what).containsPattern("line [0-9]+");
                }
            }
            Files.delete(file);
        }
        System.out.println("DataFuzzTest: " + CASES + " cases, seed " + SEED + ", exit code and command: " + exits);
        // the harness must exercise refusals, not only files that happen to read
        assertThat(exits.entrySet().stream().filter(e -> e.getKey().startsWith("2 ")).mapToInt(Map.Entry::getValue)
                .sum()).as(exits.toString()).isGreaterThan(CASES / 2);
    }

    private static CliRun run(final String command, final Path file, final int n) {
        Path out = dir.resolve("out-" + n);
        return switch (command) {
            case "profile" -> CliRun.of("profile", "-q", file.toString(), "-o", out + ".json");
            case "drift" -> CliRun.of("drift", "-q", "--reference", goodCsv.toString(), "--current", file.toString());
            case "drift-reference" -> CliRun.of("drift", "-q", "--reference", file.toString(), "--current",
                    goodCsv.toString());
            case "train" -> CliRun.of("train", "-q", "--data", file.toString(), "--target", "weather", "--algorithm",
                    "logistic", "-o", out.toString());
            default -> CliRun.of("validate", "-q", "--model", model.toString(), "--data", file.toString(),
                    "--no-bless");
        };
    }
}
