package dev.convkit.spark;

import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One partition's share of an epoch. The epoch's order is the Fisher-Yates shuffle of
 * {@code convkit train} with the same seed ({@code Dataset.order(new SplittableRandom(epochSeed))}),
 * so the global batches are the ones a single machine sees; position {@code i} of that order belongs
 * to step {@code i / batch}, and within a step the offsets are split into {@code P} contiguous,
 * balanced ranges, range {@code p} going to partition {@code p}. Spark moves the examples there
 * ({@code repartitionAndSortWithinPartitions}); each partition then holds its examples sorted by
 * position, so a step's slice is a contiguous run.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final long[] positions;
    final int[] labels;
    final byte[][] pixels;

    private Shard(long[] positions, int[] labels, byte[][] pixels) {
        this.positions = positions;
        this.labels = labels;
        this.pixels = pixels;
    }

    /** [from, to) indices into this shard of the examples of global step {@code step}. */
    int[] range(int step, int batch) {
        long lo = (long) step * batch;
        long hi = lo + batch;
        int from = lowerBound(lo);
        int to = lowerBound(hi);
        return new int[] {from, to};
    }

    private int lowerBound(long key) {
        int a = 0;
        int b = positions.length;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (positions[m] < key) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    /** The epoch order of {@code convkit train}: Fisher-Yates from {@code SplittableRandom(epochSeed)}, as Dataset.order. */
    static int[] order(int n, long epochSeed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(epochSeed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Where each example goes: partition of its offset inside its step. */
    static final class ByStep extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final long n;
        private final int batch;
        private final int parts;

        ByStep(long n, int batch, int parts) {
            this.n = n;
            this.batch = batch;
            this.parts = parts;
        }

        @Override
        public int numPartitions() {
            return parts;
        }

        @Override
        public int getPartition(Object key) {
            long pos = (Long) key;
            long step = pos / batch;
            int offset = (int) (pos % batch);
            int inStep = (int) Math.min(batch, n - step * batch);
            return (int) ((long) offset * parts / inStep);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByStep b && b.n == n && b.batch == batch && b.parts == parts;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(n, batch, parts);
        }
    }

    /** The shards of one epoch, cached in memory (one {@link Shard} per partition). */
    static JavaRDD<Shard> epoch(JavaRDD<Example> data, int n, int batch, int parts, long epochSeed) {
        JavaPairRDD<Long, Example> keyed = data.mapPartitionsToPair(it -> {
            Faults.maybeFail();
            int[] order = order(n, epochSeed);
            int[] position = new int[n];
            for (int i = 0; i < n; i++) {
                position[order[i]] = i;
            }
            List<Tuple2<Long, Example>> out = new ArrayList<>();
            while (it.hasNext()) {
                Example e = it.next();
                out.add(new Tuple2<>((long) position[(int) e.id()], e));
            }
            return out.iterator();
        });
        JavaRDD<Shard> shards = keyed.repartitionAndSortWithinPartitions(new ByStep(n, batch, parts))
                .mapPartitions((Iterator<Tuple2<Long, Example>> it) -> {
                    List<Tuple2<Long, Example>> all = new ArrayList<>();
                    it.forEachRemaining(all::add);
                    long[] pos = new long[all.size()];
                    int[] labels = new int[all.size()];
                    byte[][] px = new byte[all.size()][];
                    for (int i = 0; i < pos.length; i++) {
                        pos[i] = all.get(i)._1();
                        labels[i] = all.get(i)._2().label();
                        px[i] = all.get(i)._2().pixels();
                    }
                    return List.of(new Shard(pos, labels, px)).iterator();
                }, true);
        return shards.persist(StorageLevel.MEMORY_ONLY());
    }
}
