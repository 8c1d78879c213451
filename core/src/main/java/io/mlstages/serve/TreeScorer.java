package io.mlstages.serve;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlstages.train.ModelPackage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

/**
 * Scores an XGBoost tree ensemble in Java, from the package's {@code xgboost-model.json}: one row costs a few
 * microseconds, where a call into the native library costs about 60 (measured on a 100-tree, 20-feature model),
 * which at one row per request is most of a request's time.
 *
 * <p>It follows XGBoost's prediction: a numeric split sends a value below its condition left, a missing value
 * the node's default way, leaves add their value to a float margin that starts at the base score (in margin
 * space), and the objective's link turns margins into outputs. Only what the engine's trainer produces is
 * handled (gbtree, numeric splits, {@code binary:logistic}, {@code multi:softprob}, {@code reg:squarederror});
 * anything else, and any model whose outputs differ from the native library's on check rows, is left to the
 * native library ({@link #of} returns empty).</p>
 */
final class TreeScorer {
    /** The largest difference from the native library's output tolerated on the check rows. */
    static final double TOLERANCE = 1e-5;
    private static final int CHECK_ROWS = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private enum Link { LOGISTIC, SOFTMAX, IDENTITY }

    private final Link link;
    private final int groups;
    private final float[] base;
    /** Per tree: its output group, and its nodes as parallel arrays. */
    private final int[] treeGroup;
    private final int[][] left;
    private final int[][] right;
    private final int[][] feature;
    private final float[][] condition;
    private final boolean[][] defaultLeft;
    private final int width;

    private TreeScorer(final Link link, final int groups, final float[] base, final int[] treeGroup,
            final int[][] left, final int[][] right, final int[][] feature, final float[][] condition,
            final boolean[][] defaultLeft, final int width) {
        this.link = link;
        this.groups = groups;
        this.base = base;
        this.treeGroup = treeGroup;
        this.left = left;
        this.right = right;
        this.feature = feature;
        this.condition = condition;
        this.defaultLeft = defaultLeft;
        this.width = width;
    }

    /**
     * A Java scorer for the package's GBT model, when the model file is in a folder, matches its SHA-256 in
     * {@code model.json}, has a supported form, and agrees with the native library on check rows; else empty.
     */
    static Optional<TreeScorer> of(final ModelPackage model) {
        Path location = model.location();
        String name = model.metadata().modelFile();
        String sha = model.metadata().files().get(name);
        if (location == null || sha == null || !Files.isDirectory(location)) {
            return Optional.empty();
        }
        Path file = location.resolve(name);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            // the file was verified when the package loaded; this re-check closes the gap since then
            if (!sha.equals(sha256(bytes))) {
                return Optional.empty();
            }
            Optional<TreeScorer> parsed = parse(MAPPER.readTree(bytes), model.metadata().encodedWidth());
            return parsed.filter(scorer -> scorer.agrees(model));
        } catch (IOException | RuntimeException e) {
            // an unexpected form is not an error: the native library scores it
            return Optional.empty();
        }
    }

    private static String sha256(final byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    static Optional<TreeScorer> parse(final JsonNode root, final int width) {
        JsonNode learner = root.path("learner");
        JsonNode booster = learner.path("gradient_booster");
        if (!"gbtree".equals(booster.path("name").asText())) {
            return Optional.empty();
        }
        JsonNode modelNode = booster.path("model");
        if (!"1".equals(modelNode.path("gbtree_model_param").path("num_parallel_tree").asText("1"))) {
            return Optional.empty();
        }
        String objective = learner.path("objective").path("name").asText();
        JsonNode params = learner.path("learner_model_param");
        int classes = Integer.parseInt(params.path("num_class").asText("0"));
        Link link;
        int groups;
        switch (objective) {
            case "binary:logistic" -> {
                link = Link.LOGISTIC;
                groups = 1;
            }
            case "multi:softprob" -> {
                link = Link.SOFTMAX;
                groups = classes;
            }
            case "reg:squarederror" -> {
                link = Link.IDENTITY;
                groups = 1;
            }
            default -> {
                return Optional.empty();
            }
        }
        if (groups < 1 || Integer.parseInt(params.path("num_feature").asText("-1")) != width) {
            return Optional.empty();
        }
        float[] base = baseScores(params.path("base_score").asText(), groups);
        if (base == null) {
            return Optional.empty();
        }
        for (int g = 0; g < groups; g++) {
            // base_score is kept in output space; the margin starts at its inverse link
            if (link == Link.LOGISTIC) {
                base[g] = (float) -Math.log(1 / (double) base[g] - 1);
            }
        }
        JsonNode trees = modelNode.path("trees");
        JsonNode info = modelNode.path("tree_info");
        int count = trees.size();
        if (info.size() != count) {
            return Optional.empty();
        }
        int[] treeGroup = new int[count];
        int[][] left = new int[count][];
        int[][] right = new int[count][];
        int[][] feature = new int[count][];
        float[][] condition = new float[count][];
        boolean[][] defaultLeft = new boolean[count][];
        for (int t = 0; t < count; t++) {
            JsonNode tree = trees.get(t);
            treeGroup[t] = info.get(t).asInt();
            if (treeGroup[t] < 0 || treeGroup[t] >= groups) {
                return Optional.empty();
            }
            for (JsonNode type : tree.path("split_type")) {
                if (type.asInt() != 0) {
                    return Optional.empty();
                }
            }
            left[t] = ints(tree.path("left_children"));
            right[t] = ints(tree.path("right_children"));
            feature[t] = ints(tree.path("split_indices"));
            JsonNode conditions = tree.path("split_conditions");
            JsonNode defaults = tree.path("default_left");
            int nodes = left[t].length;
            if (nodes == 0 || right[t].length != nodes || feature[t].length != nodes || conditions.size() != nodes
                    || defaults.size() != nodes) {
                return Optional.empty();
            }
            condition[t] = new float[nodes];
            defaultLeft[t] = new boolean[nodes];
            for (int n = 0; n < nodes; n++) {
                condition[t][n] = conditions.get(n).floatValue();
                defaultLeft[t][n] = defaults.get(n).asInt() != 0;
                boolean leaf = left[t][n] == -1;
                if (!leaf && (left[t][n] <= n || left[t][n] >= nodes || right[t][n] <= n || right[t][n] >= nodes
                        || feature[t][n] < 0 || feature[t][n] >= width)) {
                    // children always follow their parent: this also rules out cycles
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new TreeScorer(link, groups, base, treeGroup, left, right, feature, condition,
                defaultLeft, width));
    }

    /** {@code "[5.044375E-1]"} or {@code "5E-1"}: one value, or one per group. */
    @CheckForNull
    private static float[] baseScores(final String text, final int groups) {
        String body = text.trim();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        String[] parts = body.split(",");
        float[] out = new float[groups];
        if (parts.length != 1 && parts.length != groups) {
            return null;
        }
        for (int g = 0; g < groups; g++) {
            out[g] = Float.parseFloat(parts[parts.length == 1 ? 0 : g].trim());
        }
        return out;
    }

    private static int[] ints(final JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** Outputs of one encoded row (NaN for missing), as {@link ModelPackage#predictEncoded} gives them. */
    double[] predict(final double[] inputs) {
        float[] margin = base.clone();
        for (int t = 0; t < treeGroup.length; t++) {
            int[] l = left[t];
            int[] r = right[t];
            int[] f = feature[t];
            float[] c = condition[t];
            boolean[] d = defaultLeft[t];
            int n = 0;
            while (l[n] != -1) {
                double value = inputs[f[n]];
                if (Double.isNaN(value)) {
                    n = d[n] ? l[n] : r[n];
                } else {
                    n = (float) value < c[n] ? l[n] : r[n];
                }
            }
            margin[treeGroup[t]] += c[n];
        }
        // the links in float arithmetic, as the native library computes them, then as the package post-processes
        return switch (link) {
            case LOGISTIC -> {
                float p = 1.0f / (1.0f + (float) Math.exp(-margin[0]));
                yield new double[] {1 - (double) p, p};
            }
            case SOFTMAX -> {
                float max = margin[0];
                for (float m : margin) {
                    max = Math.max(max, m);
                }
                float[] probabilities = new float[groups];
                float total = 0;
                for (int g = 0; g < groups; g++) {
                    probabilities[g] = (float) Math.exp(margin[g] - max);
                    total += probabilities[g];
                }
                double sum = 0;
                for (int g = 0; g < groups; g++) {
                    probabilities[g] /= total;
                    sum += probabilities[g];
                }
                double[] out = new double[groups];
                for (int g = 0; g < groups; g++) {
                    out[g] = probabilities[g] / sum;
                }
                yield out;
            }
            case IDENTITY -> new double[] {margin[0]};
        };
    }

    int width() {
        return width;
    }

    /**
     * Whether this scorer agrees with the native library on rows drawn across every input's training range, a
     * share of them missing: the guard against any difference in reading the file.
     */
    private boolean agrees(final ModelPackage model) {
        Random random = new Random(20_260_105L);
        double[] low = new double[width];
        double[] high = new double[width];
        java.util.Arrays.fill(low, -3);
        java.util.Arrays.fill(high, 3);
        // split conditions bound where a value matters: draw a little beyond them on each side
        for (int t = 0; t < treeGroup.length; t++) {
            for (int n = 0; n < left[t].length; n++) {
                if (left[t][n] != -1) {
                    int i = feature[t][n];
                    low[i] = Math.min(low[i], condition[t][n] - 1);
                    high[i] = Math.max(high[i], condition[t][n] + 1);
                }
            }
        }
        double[] row = new double[width];
        for (int r = 0; r < CHECK_ROWS; r++) {
            for (int i = 0; i < width; i++) {
                row[i] = random.nextInt(10) == 0 ? Double.NaN : low[i] + random.nextDouble() * (high[i] - low[i]);
            }
            double[] ours = predict(row);
            double[] native_ = model.predictEncoded(row);
            if (ours.length != native_.length) {
                return false;
            }
            for (int k = 0; k < ours.length; k++) {
                if (!(Math.abs(ours[k] - native_[k]) <= TOLERANCE)) {
                    return false;
                }
            }
        }
        return true;
    }
}
