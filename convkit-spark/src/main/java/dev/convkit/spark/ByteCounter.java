package dev.convkit.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sums Spark's own {@code resultSize} task metric (the serialized bytes each task sends back to the
 * driver), for the bytes-per-step figures. Listener events arrive asynchronously, so a reading first
 * waits (up to a few seconds) for the listener bus to deliver the events of the jobs that have ended;
 * without that, a loaded machine read a round's bytes before its last task had been counted.
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
        try {
            sc.sc().listenerBus().waitUntilEmpty(DRAIN_MILLIS);
        } catch (TimeoutException e) {
            // a busy bus: the reading may lag its last few tasks, as an unsynchronized one would
        }
        return resultBytes.get();
    }

    /** How long a reading waits for the listener bus to catch up. */
    private static final long DRAIN_MILLIS = 10_000;

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() != null) {
            resultBytes.addAndGet(end.taskMetrics().resultSize());
        }
    }
}
