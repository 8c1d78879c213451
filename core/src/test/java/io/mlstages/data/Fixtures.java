package io.mlstages.data;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the data tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A fixture file under src/test/resources/data. */
    static Path fixture(final String name) {
        URL url = Fixtures.class.getResource("/data/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Every row's cells as text, with null for a missing cell. */
    static List<List<String>> cells(final RowSource source) {
        List<List<String>> rows = new ArrayList<>();
        while (source.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < source.schema().size(); i++) {
                row.add(source.isMissing(i) ? null : source.text(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The line of every row. */
    static List<Long> lines(final RowSource source) {
        List<Long> lines = new ArrayList<>();
        while (source.next()) {
            lines.add(source.line());
        }
        return lines;
    }

    /** One column's numbers, with null for a missing cell. */
    static List<Double> numbers(final RowSource source, final String column) {
        int index = source.schema().indexOf(column);
        List<Double> values = new ArrayList<>();
        while (source.next()) {
            values.add(source.isMissing(index) ? null : source.number(index));
        }
        return values;
    }

    /** Reads a whole file (to provoke errors met while streaming). */
    static long readAll(final Path file, final ReadOptions options) {
        long rows = 0;
        try (RowSource source = DataReader.open(file, options)) {
            while (source.next()) {
                rows++;
            }
        }
        return rows;
    }
}
