package io.mlstages.profile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the compact serialized form of DataSketches' KLL doubles sketch, which profiles written by ML Stages
 * before it had its own {@link QuantileSketch} carry, into a {@link QuantileSketch} with the same items, levels
 * and extremes (so that quantiles and ranks come out as DataSketches gave them). Written from the format's
 * description, little-endian:
 *
 * <ul>
 * <li>byte 0: preamble length in 32-bit words (2 for an empty or one-value sketch, 5 otherwise); byte 1: serial
 * version (1 empty or full, 2 one value, 3 the updatable form, which profiles never held); byte 2: family, 15 for
 * KLL; byte 3: flags (1 empty, 2 level 0 sorted, 4 one value); bytes 4-5: k; byte 6: m (8); byte 7: unused.</li>
 * <li>one value: the value at byte 8.</li>
 * <li>otherwise: n at byte 8 (64 bits), the smallest merged k at 16 (16 bits), the number of levels L at 18;
 * from byte 20, L level offsets (32 bits each; the end of the top level is implied by the length), then min,
 * max, and the retained items, level 0 first. Level h's items weigh 2^h.</li>
 * </ul>
 */
final class DataSketchesKll {
    private static final int FAMILY_KLL = 15;
    private static final int FLAG_EMPTY = 1;
    private static final int FLAG_SINGLE = 4;

    private DataSketchesKll() {
    }

    /** Whether the bytes start like a DataSketches KLL sketch. */
    static boolean isKll(final byte[] bytes) {
        return bytes.length >= 8 && bytes[2] == FAMILY_KLL && (bytes[0] == 2 || bytes[0] == 5);
    }

    static QuantileSketch read(final byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int preamble = bytes[0];
        int version = bytes[1];
        int flags = bytes[3];
        int k = Short.toUnsignedInt(buffer.getShort(4));
        if (version == 3) {
            throw QuantileSketch.corrupt("a DataSketches KLL sketch in its updatable form, which ML Stages never "
                    + "wrote");
        }
        if ((flags & FLAG_EMPTY) != 0) {
            if (bytes.length != 8) {
                throw QuantileSketch.corrupt("an empty DataSketches KLL sketch of " + bytes.length + " bytes");
            }
            return QuantileSketch.restore(k, k, 0, Double.NaN, Double.NaN, new double[0][]);
        }
        if ((flags & FLAG_SINGLE) != 0 || version == 2) {
            if (preamble != 2 || bytes.length != 16) {
                throw QuantileSketch.corrupt("a one-value DataSketches KLL sketch of " + bytes.length + " bytes");
            }
            double value = buffer.getDouble(8);
            return QuantileSketch.restore(k, k, 1, value, value, new double[][] {{value}});
        }
        if (preamble != 5 || bytes.length < 20) {
            throw QuantileSketch.corrupt("a DataSketches KLL sketch with a preamble of " + preamble
                    + " words in " + bytes.length + " bytes");
        }
        long n = buffer.getLong(8);
        int minK = Short.toUnsignedInt(buffer.getShort(16));
        int numLevels = Byte.toUnsignedInt(bytes[18]);
        int itemsStart = 20 + 4 * numLevels + 16;
        if (numLevels < 1 || bytes.length < itemsStart || (bytes.length - itemsStart) % 8 != 0) {
            throw QuantileSketch.corrupt("a DataSketches KLL sketch of " + numLevels + " levels in "
                    + bytes.length + " bytes");
        }
        int retained = (bytes.length - itemsStart) / 8;
        int[] offsets = new int[numLevels + 1];
        for (int h = 0; h < numLevels; h++) {
            offsets[h] = buffer.getInt(20 + 4 * h);
        }
        offsets[numLevels] = offsets[0] + retained; // only the items from level 0's offset on are stored
        for (int h = 0; h < numLevels; h++) {
            if (offsets[h] < 0 || offsets[h + 1] < offsets[h]) {
                throw QuantileSketch.corrupt("DataSketches KLL level offsets that decrease at level " + h);
            }
        }
        double min = buffer.getDouble(20 + 4 * numLevels);
        double max = buffer.getDouble(20 + 4 * numLevels + 8);
        double[][] levels = new double[numLevels][];
        for (int h = 0; h < numLevels; h++) {
            levels[h] = new double[offsets[h + 1] - offsets[h]];
            for (int i = 0; i < levels[h].length; i++) {
                levels[h][i] = buffer.getDouble(itemsStart + 8 * (offsets[h] - offsets[0] + i));
            }
        }
        return QuantileSketch.restore(k, minK, n, min, max, levels);
    }
}
