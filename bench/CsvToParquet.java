import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Converts the benchmark's CSV files to Parquet with DuckDB (snappy, DuckDB's default row groups of 122,880 rows),
 * so that both formats hold the same values. Usage, with DuckDB's JDBC jar (org.duckdb:duckdb_jdbc from Maven
 * Central): java -cp duckdb_jdbc.jar bench/CsvToParquet.java IN.csv OUT.parquet [IN.csv OUT.parquet ...]
 */
public class CsvToParquet {
    public static void main(final String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = connection.createStatement()) {
            sql.execute("SET threads = 1"); // the benchmark machine is shared; the conversion is not what is timed
            for (int i = 0; i + 1 < args.length; i += 2) {
                sql.execute("COPY (SELECT * FROM read_csv('" + args[i].replace("'", "''") + "', header = true,"
                        + " nullstr = ['NA', ''])) TO '" + args[i + 1].replace("'", "''") + "' (FORMAT PARQUET)");
            }
        }
    }
}
