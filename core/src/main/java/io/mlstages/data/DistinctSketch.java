package io.mlstages.data;

/**
 * A HyperLogLog distinct-count estimate with 4096 one-byte registers (4 KB): relative standard error
 * {@code 1.04 / sqrt(4096)}, about 1.6 %. Values are hashed to 64 bits (FNV-1a over the characters or the
 * double's bits, then the SplitMix64 finaliser to spread the bits); small counts use linear counting, as in the
 * original paper (Flajolet et al., 2007).
 */
final class DistinctSketch {
    private static final int P = 12;
    private static final int M = 1 << P;
    /** The relative standard error of the estimate. */
    static final double RELATIVE_ERROR = 1.04 / Math.sqrt(M);

    private final byte[] registers = new byte[M];

    void add(final String value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            hash = (hash ^ value.charAt(i)) * 0x100000001b3L;
        }
        addHash(mix(hash));
    }

    void add(final double value) {
        addHash(mix(Double.doubleToLongBits(value) ^ 0x9e3779b97f4a7c15L));
    }

    private void addHash(final long hash) {
        int index = (int) (hash >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((hash << P) | (1L << (P - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    private static long mix(final long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The estimated number of distinct values added. */
    double estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double raw = alpha * M * M / sum;
        if (raw <= 2.5 * M && zeros > 0) {
            return M * Math.log((double) M / zeros);
        }
        return raw;
    }

    /** An upper bound of the distinct count: the estimate plus {@code sigmas} standard errors. */
    double upperBound(final int sigmas) {
        return estimate() * (1 + sigmas * RELATIVE_ERROR);
    }
}
