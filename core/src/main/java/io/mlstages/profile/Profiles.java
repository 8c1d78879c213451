package io.mlstages.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.mlstages.MlStagesException;
import io.mlstages.data.DataReader;
import io.mlstages.data.ReadOptions;
import io.mlstages.data.RowSource;

/** Entry points: profile a file, hash a file. */
public final class Profiles {
    private static final int BUFFER = 1 << 20;

    private Profiles() {
    }

    /**
     * Reads a CSV or JSON Lines file and profiles it. The file's SHA-256 is computed on a second thread while
     * the rows are profiled, so on a machine with two cores it costs no extra time.
     *
     * @throws io.mlstages.data.DataException when the file cannot be read or a row is malformed
     * @throws ProfileException when the file cannot be hashed
     */
    public static Profile of(final Path file, final ReadOptions options, final ProfileSettings settings) {
        // its own daemon thread rather than the common pool, which other work may be using
        CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> sha256(file), command -> {
            Thread thread = new Thread(command, "mlstages-sha256");
            thread.setDaemon(true);
            thread.start();
        });
        Profile profile;
        try (RowSource source = DataReader.open(file, options)) {
            profile = Profiler.profile(source, settings, null);
        } catch (RuntimeException e) {
            hash.cancel(false);
            throw e;
        }
        String sha256;
        try {
            sha256 = hash.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MlStagesException) {
                throw (MlStagesException) e.getCause();
            }
            throw new ProfileException(file + ": cannot compute the SHA-256: " + e.getCause(), e.getCause());
        }
        Profile.Source read = profile.sources().get(0);
        return new Profile(profile.schemaVersion(), List.of(new Profile.Source(read.file(), sha256, read.rows())),
                profile.rows(), profile.settings(), profile.columns());
    }

    /**
     * The SHA-256 of a file's bytes, lower-case hex, read in 1 MB blocks.
     *
     * @throws ProfileException naming the file when it cannot be read
     */
    public static String sha256(final Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot read the file to hash it: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
