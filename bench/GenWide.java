import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes reference.csv and current.csv for the wide-data benchmark (bench/wide): ROWS rows x COLUMNS columns,
 * nine in ten numeric (normal, lognormal, exponential, uniform and Poisson-like integers, in turn, 1 to 4
 * decimals), one in ten categorical with 3 to 500 levels (Zipf-like shares). The current file has planted shifts:
 * the first 2% of the numeric columns move by half a standard deviation and the first categorical column changes
 * its shares; everything else is drawn from the same distribution. Fixed seed per row block, so the same
 * arguments give byte-identical files whatever the number of threads.
 *
 * <p>Java rather than numpy because 1M x 1,000 is about 7 GB per file, which pandas' writer needs many minutes
 * for. Usage: {@code java bench/GenWide.java ROWS COLUMNS OUT_DIR [SEED]}.</p>
 */
public final class GenWide {
    private static final int BLOCK = 2_000;

    private GenWide() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java bench/GenWide.java ROWS COLUMNS OUT_DIR [SEED]");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        int columns = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20260101L;
        if (rows < 1 || columns < 10) {
            System.err.println("ROWS must be at least 1 and COLUMNS at least 10");
            System.exit(2);
        }
        Files.createDirectories(out);
        Schema schema = new Schema(columns);
        for (String name : new String[] {"reference", "current"}) {
            Path file = out.resolve(name + ".csv");
            write(file, schema, rows, seed, name.equals("current"));
            System.out.printf("wrote %s (%d MB)%n", file, Files.size(file) >> 20);
        }
    }

    private static void write(final Path file, final Schema schema, final long rows, final long seed,
            final boolean shifted) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (OutputStream stream = Files.newOutputStream(tmp)) {
            stream.write(schema.header().getBytes(StandardCharsets.US_ASCII));
            long blocks = (rows + BLOCK - 1) / BLOCK;
            List<Future<byte[]>> pending = new ArrayList<>();
            for (long b = 0; b < blocks; b++) {
                long first = b * BLOCK;
                int count = (int) Math.min(BLOCK, rows - first);
                long blockSeed = seed * 1_000_003L + b * 2 + (shifted ? 1 : 0);
                pending.add(pool.submit(() -> schema.rows(count, new SplittableRandom(blockSeed), shifted)));
                if (pending.size() >= 2 * threads) {
                    stream.write(pending.remove(0).get());
                }
            }
            for (Future<byte[]> block : pending) {
                stream.write(block.get());
            }
        } finally {
            pool.shutdown();
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** What each column holds. */
    private static final class Schema {
        final int columns;
        final boolean[] categorical;
        final int[] kind;
        final int[] decimals;
        final String[][] levels;
        final double[][] cumulative;
        final double[][] shiftedCumulative;
        final boolean[] shift;

        Schema(final int columns) {
            this.columns = columns;
            categorical = new boolean[columns];
            kind = new int[columns];
            decimals = new int[columns];
            levels = new String[columns][];
            cumulative = new double[columns][];
            shiftedCumulative = new double[columns][];
            shift = new boolean[columns];
            int numeric = 0;
            int categories = 0;
            int shifted = Math.max(1, columns * 9 / 10 / 50);
            for (int c = 0; c < columns; c++) {
                if (c % 10 == 9) {
                    categorical[c] = true;
                    int count = 3 + (int) ((categories * 7919L) % 498); // 3..500 levels
                    levels[c] = new String[count];
                    double[] weights = new double[count];
                    for (int l = 0; l < count; l++) {
                        levels[c][l] = "c" + categories + "_" + l;
                        weights[l] = 1.0 / Math.pow(l + 1, 0.9);
                    }
                    cumulative[c] = cumulate(weights);
                    if (categories == 0) {
                        double[] moved = weights.clone();
                        moved[count - 1] += 0.5 * weights[0]; // the rarest level gains from the commonest
                        moved[0] *= 0.5;
                        shiftedCumulative[c] = cumulate(moved);
                    }
                    categories++;
                } else {
                    kind[c] = numeric % 5;
                    decimals[c] = 1 + numeric % 4;
                    shift[c] = numeric < shifted;
                    numeric++;
                }
            }
        }

        private static double[] cumulate(final double[] weights) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double[] cumulative = new double[weights.length];
            double running = 0;
            for (int i = 0; i < weights.length; i++) {
                running += weights[i] / total;
                cumulative[i] = running;
            }
            cumulative[weights.length - 1] = 1.0;
            return cumulative;
        }

        String header() {
            StringBuilder header = new StringBuilder();
            int numeric = 0;
            int categories = 0;
            for (int c = 0; c < columns; c++) {
                header.append(c == 0 ? "" : ",");
                header.append(categorical[c] ? String.format("cat_%04d", categories++) : String.format("num_%04d", numeric++));
            }
            return header.append('\n').toString();
        }

        byte[] rows(final int count, final SplittableRandom random, final boolean shifted) {
            StringBuilder text = new StringBuilder(count * columns * 8);
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < columns; c++) {
                    if (c > 0) {
                        text.append(',');
                    }
                    if (categorical[c]) {
                        double[] shares = shifted && shiftedCumulative[c] != null ? shiftedCumulative[c] : cumulative[c];
                        text.append(levels[c][pick(shares, random.nextDouble())]);
                    } else {
                        double value;
                        double sd;
                        switch (kind[c]) {
                            case 0 -> { value = 50 + 10 * gaussian(random); sd = 10; }
                            case 1 -> { value = Math.exp(3 + 0.8 * gaussian(random)); sd = 17.2; }
                            case 2 -> { value = -2 * Math.log(1 - random.nextDouble()); sd = 2; }
                            case 3 -> { value = random.nextDouble(); sd = 0.289; }
                            default -> { value = Math.max(0, Math.round(100 + 10 * gaussian(random))); sd = 10; }
                        }
                        if (shifted && shift[c]) {
                            value += 0.5 * sd;
                        }
                        fixed(text, value, kind[c] == 4 ? 0 : decimals[c]);
                    }
                }
                text.append('\n');
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private static int pick(final double[] cumulative, final double u) {
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (cumulative[mid] < u) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        private static double gaussian(final SplittableRandom random) {
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }

        /** The value with this many decimals, without Double.toString's cost. */
        private static void fixed(final StringBuilder text, final double value, final int decimals) {
            long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : decimals == 3 ? 1000 : 10_000;
            long scaled = Math.round(Math.abs(value) * scale);
            if (value < 0 && scaled != 0) {
                text.append('-');
            }
            text.append(scaled / scale);
            if (decimals > 0) {
                text.append('.');
                String fraction = Long.toString(scaled % scale);
                for (int i = fraction.length(); i < decimals; i++) {
                    text.append('0');
                }
                text.append(fraction);
            }
        }
    }
}
