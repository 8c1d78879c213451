package io.mlstages.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A credential (the bearer token of an HTTP target) that never shows: {@link #toString()} is {@value #MASK}, no
 * accessor is public, and error messages name where the token came from, never what it is. Only this package reads
 * the value, to put it in an {@code Authorization} header and to mask it in text received from a server.
 */
public final class Secret {
    /** What a secret prints as. */
    public static final String MASK = "****";
    /** The most a token file may hold. */
    static final int MAX_FILE_BYTES = 8192;

    private final String value;
    private final String source;

    private Secret(final String value, final String source) {
        this.value = value;
        this.source = source;
    }

    /**
     * A secret given directly (a plugin's credential store, a test).
     *
     * @param source a description for error messages, such as {@code credential deploy-token}; never the value
     * @throws DeployException when the value is empty or holds a character an HTTP header cannot carry
     */
    public static Secret of(final String value, final String source) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        return new Secret(checked(value, source), source);
    }

    /**
     * A secret known only to be masked, never sent (a token variable kept from a child process): any text but the
     * empty one.
     *
     * @throws DeployException when the value is empty
     */
    public static Secret forMasking(final String value, final String source) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        if (value.isEmpty()) {
            throw new DeployException("The " + source + " is empty");
        }
        return new Secret(value, source);
    }

    /**
     * The token in an environment variable, surrounding white space removed.
     *
     * @throws DeployException naming the variable when it is unset, empty or not a valid token
     */
    public static Secret fromEnvironment(final String variable) {
        return fromEnvironment(variable, System.getenv());
    }

    static Secret fromEnvironment(final String variable, final Map<String, String> env) {
        Objects.requireNonNull(variable, "variable");
        String source = "environment variable " + variable;
        String value = env.get(variable);
        if (value == null) {
            throw new DeployException("The token's " + source + " is not set");
        }
        return new Secret(checked(value.strip(), source), source);
    }

    /**
     * The token in a file (its first line, surrounding white space removed): a Jenkins secret file, a mounted
     * Kubernetes secret.
     *
     * @throws DeployException naming the file when it cannot be read, is empty or does not hold a valid token
     */
    public static Secret fromFile(final Path file) {
        Objects.requireNonNull(file, "file");
        String source = "token file " + file;
        if (Files.isDirectory(file)) {
            throw new DeployException("Cannot read the " + source + ": it is a folder");
        }
        String text;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            // a token is short: reading at most this much keeps /dev/zero or a wrong, huge file from using up memory
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new DeployException("The " + source + " is larger than " + MAX_FILE_BYTES
                        + " bytes: it must hold only the bearer token");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            // the exception's own message names the file and the reason, nothing of the content
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : "an I/O error (" + e.getClass().getSimpleName() + ")";
            throw new DeployException("Cannot read the " + source + ": " + reason, e);
        }
        String firstLine = text.strip().lines().findFirst().orElse("");
        return new Secret(checked(firstLine.strip(), source), source);
    }

    private static String checked(final String value, final String source) {
        if (value.isEmpty()) {
            throw new DeployException("The " + source + " is empty: it must hold the bearer token");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // visible ASCII only: anything else could not travel in a header, or could split it (CR, LF)
            if (c < 0x21 || c > 0x7e) {
                throw new DeployException("The token from the " + source + " holds a character an HTTP header"
                        + " cannot carry at position " + (i + 1) + " (only visible ASCII characters are allowed)");
            }
        }
        return value;
    }

    /** Where the secret came from, such as {@code environment variable MLSTAGES_DEPLOY_TOKEN}. */
    public String source() {
        return source;
    }

    /** The value, for the {@code Authorization} header only. */
    String reveal() {
        return value;
    }

    /**
     * The text with every echo of the secret replaced by {@value #MASK}: the secret itself, its JSON-, URL- and
     * HTML-escaped forms, in any letter case, its Base64 forms, and any run of {@link SecretMask#MIN_RUN} or more of
     * its characters (a truncated echo); null stays null.
     */
    public String mask(final String text) {
        return SecretMask.mask(text, value);
    }

    /** Always {@value #MASK}, so that a secret logged or concatenated by mistake shows nothing. */
    @Override
    public String toString() {
        return MASK;
    }
}
