package io.mlstages.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mlstages.TestData;

/**
 * The German credit test split with drift in one segment only: the tenants' ({@code housing=rent}) loans 24 months
 * longer and three times larger, as in docs/drift.md's example. The whole data's numeric columns do not drift; the
 * rent segment does.
 */
final class RentDrift {
    /** The columns the example compares. */
    static final List<String> COLUMNS = List.of("duration", "credit_amount", "age");

    private RentDrift() {
    }

    /** Writes the edited test split into this folder and returns its path. */
    static Path write(final Path folder) {
        try {
            List<String> lines = Files.readAllLines(TestData.dataset("german-credit-test.csv"), StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split(",", -1));
            int housing = header.indexOf("housing");
            int duration = header.indexOf("duration");
            int amount = header.indexOf("credit_amount");
            List<String> out = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                String[] row = line.split(",", -1);
                if (row[housing].equals("rent")) {
                    row[duration] = Integer.toString(Integer.parseInt(row[duration]) + 24);
                    row[amount] = Integer.toString(Integer.parseInt(row[amount]) * 3);
                }
                out.add(String.join(",", row));
            }
            Path file = folder.resolve("german-credit-test-rent-drift.csv");
            Files.write(file, out, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
