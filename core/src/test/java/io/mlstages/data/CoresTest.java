package io.mlstages.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CoresTest {

    @Test
    void shouldLeaveNoCoreSpareWhileAsManyFilesAreReadAsThereAreProcessors() {
        List<Runnable> done = new ArrayList<>();
        try {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                done.add(Cores.reading());
            }

            assertThat(Cores.spare()).isFalse();
        } finally {
            done.forEach(Runnable::run);
        }
    }

    @Test
    void shouldCountAFileOnceHoweverOftenItIsClosed() {
        int before = Cores.filesBeingRead();
        Runnable done = Cores.reading();
        assertThat(Cores.filesBeingRead()).isEqualTo(before + 1);

        done.run();
        done.run(); // a second close must not uncount another file

        assertThat(Cores.filesBeingRead()).isEqualTo(before);
    }

    @Test
    void shouldUncountAFileWhenItsSourceIsClosed() throws IOException {
        Path file = Files.createTempFile("cores", ".csv");
        try {
            Files.writeString(file, "a,b\n1,x\n2,y\n");
            int before = Cores.filesBeingRead();
            RowSource source = DataReader.open(file, ReadOptions.defaults());
            assertThat(Cores.filesBeingRead()).isEqualTo(before + 1);

            source.close();

            assertThat(Cores.filesBeingRead()).isEqualTo(before);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
