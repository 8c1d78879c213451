package io.mlstages.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test JVM: local mode on two cores, no web UI, bound to the loopback interface,
 * few shuffle partitions and small file splits, so that a test file becomes several partitions (the merge is
 * what is under test) and the suite stays quick. Shared by the test classes; Spark's shutdown hook stops it.
 */
final class LocalSpark {
    /** Small splits: german-credit.csv (about 100 KB) becomes six or seven partitions. */
    static final String SPLIT_BYTES = "16k";

    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("mlstages-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.files.maxPartitionBytes", SPLIT_BYTES)
                    .config("spark.sql.files.openCostInBytes", SPLIT_BYTES)
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
