package dev.convkit.spark;

import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.io.Safetensors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every convkit task fails on its first attempt and Spark retries it: the final weights are bitwise those of a clean run. */
class FaultInjectionTest {
    /** Batch norm and dropout included: per-shard statistics and seeded masks must be reproduced by a retry too. */
    static final String MODEL = "conv2d(1,4,3,1,1);bn2d(4);relu;maxpool2d(2,2,0);dropout(0.25);flatten;linear(784,10)";

    @Test
    void retriedTasksGiveBitwiseTheSameWeights(@TempDir Path dir) throws Exception {
        List<Example> data = LocalSpark.examples(96, 11);
        List<Example> test = LocalSpark.examples(40, 12);
        JavaSparkContext sc = LocalSpark.context();
        for (int averageEvery : new int[] {0, 2}) {
            // synchronous over 2 epochs (a retried epoch shuffle too), averaging over 1 (3 steps, 2 rounds)
            SparkTrainer.Config c = new SparkTrainer.Config(MODEL, averageEvery == 0 ? 2 : 1, 32, 0.01, 5, "adam", 0, "cosine", 2, averageEvery,
                    "ordered", 1);
            SparkTrainer.train(sc, LocalSpark.rdd(data), LocalSpark.rdd(test), c, dir.resolve("clean" + averageEvery), false,
                    SparkTrainer.Listener.NONE);
            AtomicInteger failed = new AtomicInteger();
            SparkListener counter = new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (!end.taskInfo().successful()) {
                        failed.incrementAndGet();
                    }
                }
            };
            sc.sc().addSparkListener(counter);
            sc.setLocalProperty(Faults.SETTING, "true");
            try {
                SparkTrainer.train(sc, LocalSpark.rdd(data), LocalSpark.rdd(test), c, dir.resolve("faulty" + averageEvery), false,
                        SparkTrainer.Listener.NONE);
            } finally {
                sc.setLocalProperty(Faults.SETTING, null);
            }
            Thread.sleep(500); // listener events are delivered asynchronously
            sc.sc().removeSparkListener(counter);
            // every task of every round failed once: 2 epochs x 3 steps (or 1 epoch x 2 rounds) x 2 partitions at least
            assertThat(failed.get()).as("tasks that failed once").isGreaterThanOrEqualTo(averageEvery == 0 ? 12 : 4);
            Map<String, Tensor> clean = Safetensors.read(dir.resolve("clean" + averageEvery).resolve("model.safetensors")).tensors();
            Map<String, Tensor> faulty = Safetensors.read(dir.resolve("faulty" + averageEvery).resolve("model.safetensors")).tensors();
            assertThat(faulty.keySet()).isEqualTo(clean.keySet()).contains("1.running_mean");
            for (String name : clean.keySet()) {
                assertThat(faulty.get(name).data()).as("mode %d, %s", averageEvery, name).containsExactly(clean.get(name).data());
            }
        }
    }
}
