package io.mlstages.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BlockSorterTest {

    @Test
    void shouldSortLikeArraysSortIncludingExtremesAndSignedZeros() {
        Random random = new Random(9);
        double[] values = new double[5000];
        for (int i = 0; i < values.length; i++) {
            switch (i % 7) {
                case 0: values[i] = random.nextGaussian(); break;
                case 1: values[i] = -random.nextDouble() * 1e300; break;
                case 2: values[i] = Double.MIN_VALUE * random.nextInt(5); break;
                case 3: values[i] = -0.0; break;
                case 4: values[i] = Math.round(random.nextGaussian() * 3); break;
                case 5: values[i] = i % 2 == 0 ? Double.MAX_VALUE : -Double.MAX_VALUE; break;
                default: values[i] = random.nextLong();
            }
        }
        double[] expected = values.clone();
        Arrays.sort(expected);

        new BlockSorter(values.length).sort(values, values.length);

        assertThat(values).containsExactly(expected);
    }

    @Test
    void shouldSortOnlyThePrefixGiven() {
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = values.length - i;
        }

        new BlockSorter(200).sort(values, 100);

        assertThat(Arrays.copyOf(values, 100)).isSorted();
        assertThat(values[0]).isEqualTo(101);
        assertThat(values[100]).isEqualTo(100);
    }

    @Test
    void shouldHandleBlockOfEqualValues() {
        double[] values = new double[300];
        Arrays.fill(values, 2.5);

        new BlockSorter(300).sort(values, 300);

        assertThat(values).containsOnly(2.5);
    }

    @Test
    void shouldSortValuesThatShareTheirTopBitsLikeArraysSort() {
        // epoch seconds with a fraction: thousands share the radix passes' top bits, beyond the insertion budget
        Random random = new Random(3);
        double[] values = new double[8192];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1.7e9 + random.nextInt(100_000) + random.nextInt(1000) / 1000.0;
        }
        double[] expected = values.clone();
        Arrays.sort(expected);

        new BlockSorter(values.length).sort(values, values.length);

        assertThat(values).containsExactly(expected);
    }

    @Test
    void shouldSortFourDecimalValuesWithSomeSharedTopBitsLikeArraysSort() {
        // a few neighbours share the top bits: the insertion sort orders them within its budget
        Random random = new Random(4);
        double[] values = new double[8192];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round((1000 + random.nextGaussian()) * 10_000) / 10_000.0;
        }
        double[] expected = values.clone();
        Arrays.sort(expected);

        new BlockSorter(values.length).sort(values, values.length);

        assertThat(values).containsExactly(expected);
    }
}
