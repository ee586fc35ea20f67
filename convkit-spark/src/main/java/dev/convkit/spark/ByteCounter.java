package dev.convkit.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sums Spark's own {@code resultSize} task metric (the serialized bytes each task sends back to the
 * driver), for the bytes-per-step figures. Listener events arrive asynchronously, so a reading can
 * lag the last few tasks; over an epoch of rounds that is noise.
 */
final class ByteCounter extends SparkListener {
    private final AtomicLong resultBytes = new AtomicLong();
    private final JavaSparkContext sc;

    private ByteCounter(JavaSparkContext sc) {
        this.sc = sc;
    }

    static ByteCounter register(JavaSparkContext sc) {
        ByteCounter c = new ByteCounter(sc);
        sc.sc().addSparkListener(c);
        return c;
    }

    void remove() {
        sc.sc().removeSparkListener(this);
    }

    long resultBytes() {
        return resultBytes.get();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
            resultBytes.addAndGet(end.taskMetrics().resultSize());
        }
    }
}
