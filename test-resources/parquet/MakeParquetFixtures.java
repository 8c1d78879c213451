import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Writes the Parquet test fixtures with DuckDB (an independent writer: its own C++ Parquet code, not the Java
 * library the reader uses). Run from this folder, with the DuckDB JDBC jar from Maven Central
 * (org.duckdb:duckdb_jdbc:2.0.0.1):
 *
 *   java -cp duckdb_jdbc-2.0.0.1.jar MakeParquetFixtures.java
 *
 * Every value is a formula of the row number i, so the tests can recompute what each cell must be.
 */
public class MakeParquetFixtures {
    public static void main(final String[] args) throws Exception {
        Path here = Path.of("").toAbsolutePath();
        Path datasets = here.resolveSibling("datasets");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = connection.createStatement()) {
            sql.execute("SET TimeZone = 'UTC'");
            // 1000 rows, every supported type, a null in each column every 7th row (i % 7 = 3), row groups of 300
            sql.execute("CREATE TABLE types AS SELECT"
                    + " i::BIGINT AS id,"
                    + " (i % 100 - 50)::TINYINT AS int8,"
                    + " (i * 3 - 1000)::SMALLINT AS int16,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1000 - 7)::INTEGER END AS int32,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (i::BIGINT * 10000000000 + 1) END AS int64,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (4000000000 + i)::UINTEGER END AS uint32,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (18000000000000000000::UBIGINT + i::UBIGINT) END AS uint64,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 4)::FLOAT END AS float32,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE i / 3 END AS float64,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 8)::DECIMAL(9,3) END AS dec9,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1.5 - 100)::DECIMAL(18,4) END AS dec18,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (i::DECIMAL(38,5) * 1000000000000.00001) END AS dec38,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE i % 3 = 0 END AS flag,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE ['red', 'green', 'blue', 'NA'][i % 4 + 1] END AS colour,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE 'item ' || i END AS label,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE DATE '2020-01-01' + i::INTEGER END AS day,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE TIMESTAMP '2020-01-01 00:00:00' + to_seconds(i * 3601) END AS ts_us,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMP '2020-01-01 00:00:00' + to_milliseconds(i * 1001))::TIMESTAMP_MS END AS ts_ms,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMP '2020-01-01 00:00:00' + to_seconds(i))::TIMESTAMP_NS END AS ts_ns,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_hours(i)) END AS ts_utc,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE TIME '00:00:00' + to_seconds(i * 61) END AS clock,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID END AS uid,"
                    + " CASE WHEN i % 7 = 3 THEN NULL ELSE CASE WHEN i % 50 = 1 THEN 'nan'::DOUBLE ELSE i * 0.5 END END AS with_nan"
                    + " FROM range(1000) t(i)");
            sql.execute("COPY types TO 'types.parquet' (FORMAT PARQUET, ROW_GROUP_SIZE 300)");
            // the same data with other codecs and the v2 data page format
            sql.execute("COPY (SELECT id, int32, float64, dec18, flag, colour, day FROM types) TO 'types-zstd.parquet'"
                    + " (FORMAT PARQUET, CODEC 'zstd', ROW_GROUP_SIZE 300)");
            sql.execute("COPY (SELECT id, int32, float64, dec18, flag, colour, day FROM types) TO 'types-gzip.parquet'"
                    + " (FORMAT PARQUET, CODEC 'gzip', ROW_GROUP_SIZE 300)");
            sql.execute("COPY (SELECT id, int32, float64, dec18, flag, colour, day FROM types) TO 'types-lz4.parquet'"
                    + " (FORMAT PARQUET, CODEC 'lz4', ROW_GROUP_SIZE 300)");
            sql.execute("COPY (SELECT id, int32, float64, dec18, flag, colour, day FROM types) TO"
                    + " 'types-uncompressed-v2.parquet' (FORMAT PARQUET, CODEC 'uncompressed', PARQUET_VERSION v2,"
                    + " ROW_GROUP_SIZE 300)");
            // a list and a struct next to plain columns
            sql.execute("COPY (SELECT i AS id, [i, i + 1] AS tags, {'x': i * 1.0, 'y': i * 2.0} AS point,"
                    + " i * 0.25 AS score FROM range(20) t(i)) TO 'nested.parquet' (FORMAT PARQUET)");
            // a Parquet copy of committed CSV data, and the same data as a folder of three part files
            for (String name : new String[] {"chicago-2002", "chicago-2008", "breast-cancer-train", "breast-cancer-test"}) {
                sql.execute("CREATE TABLE \"" + name + "\" AS SELECT * FROM read_csv('"
                        + datasets.resolve(name + ".csv") + "', header = true, nullstr = ['NA', ''])");
                sql.execute("COPY \"" + name + "\" TO '" + name + ".parquet' (FORMAT PARQUET)");
            }
            Files.createDirectories(Path.of("chicago-2008-parts"));
            sql.execute("COPY (SELECT * FROM \"chicago-2008\" WHERE rowid < 120) TO"
                    + " 'chicago-2008-parts/part-00000.parquet' (FORMAT PARQUET)");
            sql.execute("COPY (SELECT * FROM \"chicago-2008\" WHERE rowid >= 120 AND rowid < 250) TO"
                    + " 'chicago-2008-parts/part-00001.parquet' (FORMAT PARQUET)");
            sql.execute("COPY (SELECT * FROM \"chicago-2008\" WHERE rowid >= 250) TO"
                    + " 'chicago-2008-parts/part-00002.parquet' (FORMAT PARQUET)");
            // wide: 500 text columns of 100,000 rows in one row group, in runs of 1,000 rows (a 300 KB file)
            StringBuilder wide = new StringBuilder("COPY (SELECT ");
            for (int c = 0; c < 500; c++) {
                wide.append(c == 0 ? "" : ", ").append("'v' || ((i // 1000 + ").append(c).append(") % 50) AS c")
                        .append(c);
            }
            sql.execute(wide.append(" FROM range(100000) t(i)) TO 'wide.parquet' (FORMAT PARQUET)").toString());
        }
        Files.writeString(Path.of("chicago-2008-parts", "_SUCCESS"), "");
        // damaged files: cut in the middle, and a text file with a Parquet name
        byte[] whole = Files.readAllBytes(Path.of("types.parquet"));
        Files.write(Path.of("truncated.parquet"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(Path.of("not-parquet.parquet"), "id,value\n1,2.5\n2,3.5\n");
    }
}
