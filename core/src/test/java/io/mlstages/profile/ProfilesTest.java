package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldHashFileLikeSha256sum() throws IOException {
        Path file = dir.resolve("abc.txt");
        Files.write(file, "abc".getBytes(StandardCharsets.US_ASCII));

        // the FIPS 180-2 test vector for "abc"
        assertThat(Profiles.sha256(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void shouldHashFilesLargerThanTheBuffer() throws IOException {
        Path file = dir.resolve("big.bin");
        byte[] block = new byte[(1 << 20) + 17];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 31);
        }
        Files.write(file, block);
        Path copy = dir.resolve("copy.bin");
        Files.write(copy, block);
        block[block.length - 1]++;
        Path changed = dir.resolve("changed.bin");
        Files.write(changed, block);

        assertThat(Profiles.sha256(file)).isEqualTo(Profiles.sha256(copy)).isNotEqualTo(Profiles.sha256(changed))
                .hasSize(64);
    }

    @Test
    void shouldNameMissingFile() {
        assertThatThrownBy(() -> Profiles.sha256(dir.resolve("gone.csv"))).isInstanceOf(ProfileException.class)
                .hasMessageContaining("gone.csv");
    }
}
