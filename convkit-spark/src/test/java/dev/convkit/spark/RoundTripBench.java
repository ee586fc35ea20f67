package dev.convkit.spark;

import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The cost of one synchronous round without the model's arithmetic, for docs/SCALE.md: a payload of
 * N floats (the gradient) through (a) one Spark job per round with a broadcast and collect in
 * partition order (what SparkTrainer does), (b) the same with treeAggregate, and (c) a single
 * barrier-mode job whose tasks all-reduce through BarrierTaskContext.allGather every round (the
 * only all-gather Spark offers: strings, through the driver).
 *
 * <pre>{@code
 * java -cp convkit-spark/target/test-classes:... dev.convkit.spark.RoundTripBench 'local[2]' 200 50378
 * }</pre>
 */
public final class RoundTripBench {
    private RoundTripBench() {
    }

    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int floats = args.length > 2 ? Integer.parseInt(args[2]) : 50_378;
        SparkSession spark = SparkSession.builder().master(master).appName("round-trip").config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parts = sc.defaultParallelism();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            ids.add(i);
        }
        JavaRDD<Integer> rdd = sc.parallelize(ids, parts).cache();
        rdd.count();
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            long t0 = System.nanoTime();
            float[] w = new float[floats];
            for (int r = 0; r < rounds; r++) {
                Broadcast<float[]> b = sc.broadcast(w);
                List<float[]> g = rdd.map(i -> b.value().clone()).collect();
                float[] sum = new float[floats];
                for (float[] x : g) {
                    for (int j = 0; j < floats; j++) {
                        sum[j] += x[j];
                    }
                }
                b.destroy();
            }
            double jobMs = (System.nanoTime() - t0) / 1e6 / rounds;
            t0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                Broadcast<float[]> b = sc.broadcast(w);
                rdd.map(i -> b.value().clone()).treeAggregate(new float[floats], RoundTripBench::add, RoundTripBench::add);
                b.destroy();
            }
            double treeMs = (System.nanoTime() - t0) / 1e6 / rounds;
            t0 = System.nanoTime();
            int n = rounds;
            rdd.rdd().barrier().mapPartitions(new AllReduce(n, floats), false, scala.reflect.ClassTag$.MODULE$.apply(Integer.class))
                    .collect();
            double barrierMs = (System.nanoTime() - t0) / 1e6 / rounds;
            if (pass == 1) {
                System.out.printf("master %s, %d partitions, %d floats (%,d bytes) per partition, %d rounds:%n", master, parts,
                        floats, floats * 4L, rounds);
                System.out.printf("  job per round, broadcast + collect in partition order: %.2f ms per round%n", jobMs);
                System.out.printf("  job per round, broadcast + treeAggregate:              %.2f ms per round%n", treeMs);
                System.out.printf("  one barrier job, allGather all-reduce every round:     %.2f ms per round%n", barrierMs);
            }
        }
        spark.stop();
    }

    /** Every task: n rounds of all-gather and sum (Scala's Function1, as RDDBarrier takes it). */
    static final class AllReduce extends scala.runtime.AbstractFunction1<scala.collection.Iterator<Integer>,
            scala.collection.Iterator<Integer>> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int rounds;
        private final int floats;

        AllReduce(int rounds, int floats) {
            this.rounds = rounds;
            this.floats = floats;
        }

        @Override
        public scala.collection.Iterator<Integer> apply(scala.collection.Iterator<Integer> it) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            float[] mine = new float[floats];
            for (int r = 0; r < rounds; r++) {
                ByteBuffer buf = ByteBuffer.allocate(floats * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(mine);
                String[] all = ctx.allGather(Base64.getEncoder().encodeToString(buf.array()));
                float[] sum = new float[floats];
                for (String s : all) {
                    float[] x = new float[floats];
                    ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(x);
                    add(sum, x);
                }
                mine = sum;
            }
            return scala.jdk.javaapi.CollectionConverters.asScala(List.of(mine.length).iterator());
        }
    }

    static float[] add(float[] a, float[] b) {
        for (int j = 0; j < a.length; j++) {
            a[j] += b[j];
        }
        return a;
    }
}
