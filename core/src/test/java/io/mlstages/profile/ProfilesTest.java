package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.mlstages.data.DataReader;
import io.mlstages.data.ForwardingRowSource;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;
import org.junit.jupiter.api.Test;

/** Profiles.of on a real dataset that nobody here wrote (vega-datasets' Seattle weather). */
class ProfilesTest {
    private static final Path SEATTLE = Path.of("../test-resources/datasets/seattle-weather.csv");

    @Test
    void shouldProfileEveryRowAndRecordTheFilesSha256() throws IOException {
        Profile profile = Profiles.of(SEATTLE, ReadOptions.defaults(), ProfileSettings.defaults());

        long lines = Files.readAllLines(SEATTLE).size();
        assertThat(profile.rows()).isEqualTo(lines - 1);
        assertThat(profile.sources()).singleElement().satisfies(source -> {
            assertThat(source.file()).isEqualTo("seattle-weather.csv");
            assertThat(source.rows()).isEqualTo(lines - 1);
            assertThat(source.sha256()).isEqualTo(DataReader.sha256(SEATTLE)).hasSize(64);
        });
        assertThat(profile.columns()).extracting(ColumnProfile::name)
                .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
        ColumnProfile weather = profile.column("weather").orElseThrow();
        assertThat(weather.categories().top()).extracting(CategorySummary.Count::value)
                .containsExactlyInAnyOrder("sun", "rain", "fog", "drizzle", "snow");
        assertThat(weather.categories().total()).isEqualTo(lines - 1);
    }

    @Test
    void shouldReadThroughTheObserverGiven() {
        AtomicInteger rows = new AtomicInteger();

        Profile profile = Profiles.of(SEATTLE, ReadOptions.defaults(), ProfileSettings.defaults(),
                source -> new CountingRows(source, rows));

        assertThat(rows.get()).isEqualTo(profile.rows());
    }

    /** Counts the rows a profiler pulls, to prove that reading goes through the observer. */
    private static final class CountingRows extends ForwardingRowSource {
        private final AtomicInteger rows;

        CountingRows(final RowSource source, final AtomicInteger rows) {
            super(source);
            this.rows = rows;
        }

        @Override
        public boolean next() {
            boolean more = super.next();
            if (more) {
                rows.incrementAndGet();
            }
            return more;
        }
    }
}
