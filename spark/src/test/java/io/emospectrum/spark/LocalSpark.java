package io.emospectrum.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for all the module's tests (a session takes seconds to start); stopped at JVM exit. */
public final class LocalSpark {
    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("emospectrum-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
