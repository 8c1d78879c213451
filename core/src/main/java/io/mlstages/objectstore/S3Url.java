package io.mlstages.objectstore;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} URL, checked: a bucket name as S3 allows it (3 to 63 lower-case letters, digits, dots
 * and hyphens, starting and ending with a letter or digit) and a key without control characters. An empty key
 * names the whole bucket; a key ending in {@code /} names a prefix (a "folder" of part files).
 *
 * @param bucket the bucket
 * @param key    the key, possibly empty; never starts with {@code /}
 */
public record S3Url(String bucket, String key) {
    public static final String SCHEME = "s3://";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Url {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new ObjectStoreException(SCHEME + printable(bucket) + "/" + printable(key) + ": invalid bucket name '"
                    + printable(bucket) + "': 3 to 63 lower-case letters, digits, '.' or '-', starting and ending"
                    + " with a letter or digit");
        }
        if (key.startsWith("/")) {
            throw new ObjectStoreException(SCHEME + bucket + "/" + printable(key) + ": a key must not start with '/'");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new ObjectStoreException(SCHEME + bucket + "/" + printable(key)
                        + ": a key must not hold control characters");
            }
        }
        if (key.length() > 1024) {
            throw new ObjectStoreException(SCHEME + bucket + "/" + printable(key) + ": a key is at most 1024 characters");
        }
    }

    /** Whether the text is meant as an S3 URL (starts with {@code s3://}, in any case). */
    public static boolean is(final String text) {
        return text.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses {@code s3://bucket/key} ({@code s3://bucket} and {@code s3://bucket/} name the bucket).
     *
     * @throws ObjectStoreException naming the URL when it is not an S3 URL or its bucket or key is invalid
     */
    public static S3Url parse(final String text) {
        if (!is(text)) {
            throw new ObjectStoreException(printable(text) + ": not an S3 URL (s3://bucket/key)");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new ObjectStoreException(printable(text) + ": no bucket; an S3 URL is s3://bucket/key");
        }
        if (!bucket.equals(bucket.toLowerCase(Locale.ROOT))) {
            throw new ObjectStoreException(printable(text) + ": invalid bucket name '" + printable(bucket)
                    + "': bucket names are lower case");
        }
        return new S3Url(bucket, key);
    }

    /** This URL with {@code name} appended to its key, with one {@code /} between them. */
    public S3Url resolve(final String name) {
        if (key.isEmpty() || key.endsWith("/")) {
            return new S3Url(bucket, key + name);
        }
        return new S3Url(bucket, key + "/" + name);
    }

    /** The key as a prefix: ending in {@code /} unless empty. */
    public String prefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    /** The last segment of the key (the "file name"); empty for a bucket or a prefix ending in {@code /}. */
    public String name() {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }

    /** The text with control characters escaped and cut to a readable length, for error messages. */
    static String printable(final String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.length() >= 200 ? out + "..." : out.toString();
    }
}
