package io.mlstages.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Masks the echoes of a secret in text received from elsewhere (a server's answer, a child process's output). A
 * server rarely echoes a token byte for byte: it JSON-escapes {@code /} as {@code \/}, URL- or HTML-encodes it,
 * lower-cases it, or cuts it short. So the text is decoded (twice, for an escape inside an encoding), compared
 * without regard to case, and every run of at least {@link #MIN_RUN} characters that also occurs in the secret is
 * masked where it stands in the original text. Base64 forms of the secret are masked too.
 */
final class SecretMask {
    /** The shortest run of the secret's characters masked when it is not the whole secret. */
    static final int MIN_RUN = 8;

    private SecretMask() {
    }

    static String mask(final String text, final String secret) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String plain = text;
        for (String form : base64Forms(secret)) {
            plain = plain.replace(form, Secret.MASK);
        }
        Decoded once = Decoded.of(plain, null);
        Decoded twice = Decoded.of(new String(once.chars), once);
        boolean[] masked = runs(twice.chars, secret.toLowerCase(Locale.ROOT), Math.min(MIN_RUN, secret.length()));
        boolean[] original = new boolean[plain.length()];
        boolean any = false;
        for (int i = 0; i < masked.length; i++) {
            if (masked[i]) {
                any = true;
                for (int j = twice.from[i]; j < twice.to[i]; j++) {
                    original[j] = true;
                }
            }
        }
        if (!any) {
            return plain;
        }
        StringBuilder out = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            if (!original[i]) {
                out.append(plain.charAt(i));
            }
            else if (i == 0 || !original[i - 1]) {
                out.append(Secret.MASK);
            }
        }
        return out.toString();
    }

    /**
     * Which characters of {@code text} (lower-cased here) lie in a run of at least {@code min} characters that also
     * occurs in {@code secret}: the longest common substring ending at each position, by dynamic programming over
     * the secret's positions.
     */
    private static boolean[] runs(final char[] text, final String secret, final int min) {
        int n = text.length;
        int m = secret.length();
        int[] previous = new int[m];
        int[] current = new int[m];
        int[] longest = new int[n];
        for (int i = 0; i < n; i++) {
            char c = Character.toLowerCase(text[i]);
            int best = 0;
            for (int s = 0; s < m; s++) {
                current[s] = c == secret.charAt(s) ? (s > 0 ? previous[s - 1] : 0) + 1 : 0;
                best = Math.max(best, current[s]);
            }
            longest[i] = best;
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        boolean[] masked = new boolean[n];
        int remaining = 0;
        for (int i = n - 1; i >= 0; i--) {
            if (longest[i] >= min) {
                remaining = Math.max(remaining, longest[i]);
            }
            if (remaining > 0) {
                masked[i] = true;
                remaining--;
            }
        }
        return masked;
    }

    /**
     * The Base64 forms (standard and URL-safe) of the secret at each of the three byte alignments it can take
     * inside a longer encoded text (such as {@code user:token} encoded for Basic authentication): the characters
     * that do not depend on the bytes around it.
     */
    private static Set<String> base64Forms(final String secret) {
        Set<String> forms = new LinkedHashSet<>();
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[bytes.length + shift];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // the first characters mix in the bytes before, the last ones the bytes after
            int start = shift == 0 ? 0 : shift + 1;
            int end = (bytes.length + shift) % 3 == 0 ? encoded.length() : encoded.length() - 1;
            if (end - start >= MIN_RUN) {
                String core = encoded.substring(start, end);
                forms.add(core);
                forms.add(core.replace('+', '-').replace('/', '_'));
            }
        }
        return forms;
    }

    /** Text with escapes decoded; each decoded character knows the span of the original text it came from. */
    private record Decoded(char[] chars, int[] from, int[] to) {
        static Decoded of(final String text, final Decoded under) {
            int n = text.length();
            char[] chars = new char[n];
            int[] from = new int[n];
            int[] to = new int[n];
            int k = 0;
            int i = 0;
            while (i < n) {
                int length = 1;
                int decoded = text.charAt(i);
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char next = text.charAt(i + 1);
                    if (next == 'u' && i + 5 < n && hex(text, i + 2, 4) >= 0) {
                        decoded = hex(text, i + 2, 4);
                        length = 6;
                    }
                    else if (next == '/' || next == '\\' || next == '"' || next == '\'') {
                        decoded = next;
                        length = 2;
                    }
                }
                else if (c == '%' && i + 2 < n && hex(text, i + 1, 2) >= 0) {
                    decoded = hex(text, i + 1, 2);
                    length = 3;
                }
                else if (c == '&') {
                    int semicolon = text.indexOf(';', i);
                    if (semicolon > i && semicolon - i <= 8) {
                        int entity = entity(text.substring(i + 1, semicolon));
                        if (entity >= 0) {
                            decoded = entity;
                            length = semicolon - i + 1;
                        }
                    }
                }
                chars[k] = (char) decoded;
                if (under == null) {
                    from[k] = i;
                    to[k] = i + length;
                }
                else {
                    from[k] = under.from[i];
                    to[k] = under.to[i + length - 1];
                }
                k++;
                i += length;
            }
            return new Decoded(java.util.Arrays.copyOf(chars, k), java.util.Arrays.copyOf(from, k),
                    java.util.Arrays.copyOf(to, k));
        }

        private static int hex(final String text, final int start, final int digits) {
            if (start + digits > text.length()) {
                return -1;
            }
            int value = 0;
            for (int i = start; i < start + digits; i++) {
                int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            return value;
        }

        private static int entity(final String name) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "amp":
                    return '&';
                case "lt":
                    return '<';
                case "gt":
                    return '>';
                case "quot":
                    return '"';
                case "apos":
                    return '\'';
                default:
                    break;
            }
            try {
                if (name.startsWith("#x") || name.startsWith("#X")) {
                    int value = Integer.parseInt(name.substring(2), 16);
                    return value <= 0xFFFF ? value : -1;
                }
                if (name.startsWith("#")) {
                    int value = Integer.parseInt(name.substring(1));
                    return value <= 0xFFFF ? value : -1;
                }
            }
            catch (NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
