package dev.convkit.spark;

import dev.convkit.nn.data.Dataset;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One local[2] Spark for all the tests of the module (retries allowed, for the fault test), and small synthetic data. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,4]").appName("convkit-spark-tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    /**
     * n synthetic 28x28 images of 10 classes: noise plus a bright horizontal band whose row depends
     * on the class, so that a tiny network learns them in a few steps.
     */
    static List<Example> examples(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(10);
            byte[] px = new byte[Pixels.PLANE];
            for (int j = 0; j < px.length; j++) {
                int row = j / Pixels.SIDE;
                int v = random.nextInt(60) + (row / 2 == label + 2 ? 160 : 0);
                px[j] = (byte) Math.min(255, v);
            }
            out.add(new Example(i, label, px));
        }
        return out;
    }

    static JavaRDD<Example> rdd(List<Example> examples) {
        return context().parallelize(examples, 2);
    }

    /** The same examples as a convkit-nn Dataset (for the single-machine Trainer). */
    static Dataset dataset(List<Example> examples) {
        byte[] pixels = new byte[examples.size() * Pixels.PLANE];
        byte[] labels = new byte[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).pixels(), 0, pixels, i * Pixels.PLANE, Pixels.PLANE);
            labels[i] = (byte) examples.get(i).label();
        }
        return new Dataset(pixels, labels, examples.size(), Pixels.SIDE, Pixels.SIDE);
    }
}
