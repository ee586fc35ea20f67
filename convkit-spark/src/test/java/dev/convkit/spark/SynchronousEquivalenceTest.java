package dev.convkit.spark;

import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One synchronous step on 2 partitions equals the single-machine step of convkit train on the same global batch. */
class SynchronousEquivalenceTest {
    static final String NO_BATCH_NORM = "conv2d(1,4,3,1,1);relu;maxpool2d(2,2,0);flatten;linear(784,10)";

    @Test
    void oneStepOnTwoPartitionsEqualsTheSingleMachineStep(@TempDir Path dir) throws Exception {
        // 64 examples and batch 64: exactly one step, on the global batch convkit train's seeded shuffle draws
        List<Example> data = LocalSpark.examples(64, 3);
        List<Example> test = LocalSpark.examples(20, 4);
        for (String optimizer : List.of("sgd", "adam")) {
            Trainer.train(LocalSpark.dataset(data), LocalSpark.dataset(test),
                    new Trainer.Config(NO_BATCH_NORM, 1, 64, 0.05, 7, optimizer, 1e-4, "constant"), dir.resolve("single-" + optimizer),
                    false, Trainer.Listener.SILENT);
            SparkTrainer.Config c = new SparkTrainer.Config(NO_BATCH_NORM, 1, 64, 0.05, 7, optimizer, 1e-4, "constant", 2, 0,
                    "ordered", 1);
            SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(data), LocalSpark.rdd(test), c,
                    dir.resolve("spark-" + optimizer), false, SparkTrainer.Listener.NONE);
            Map<String, Tensor> single = Safetensors.read(dir.resolve("single-" + optimizer).resolve("model.safetensors")).tensors();
            Map<String, Tensor> spark = Safetensors.read(dir.resolve("spark-" + optimizer).resolve("model.safetensors")).tensors();
            Map<String, Tensor> start = dev.convkit.nn.io.Checkpoint.stateDict(dev.convkit.nn.layers.Architecture.build(NO_BATCH_NORM, 7));
            assertThat(spark.keySet()).isEqualTo(single.keySet());
            for (String name : single.keySet()) {
                float[] e = single.get(name).data();
                float[] g = spark.get(name).data();
                float[] s = start.get(name).data();
                double max = 0;
                boolean moved = false;
                for (int i = 0; i < e.length; i++) {
                    max = Math.max(max, Math.abs(e[i]));
                    moved |= e[i] != s[i];
                }
                assertThat(moved).as("%s %s: the step changed the weights", optimizer, name).isTrue();
                for (int i = 0; i < e.length; i++) {
                    // the conformance tolerance: atol 1e-5 * max(1, max|exp|) + rtol 1e-4 * |exp|
                    assertThat((double) g[i]).as("%s %s[%d]", optimizer, name, i)
                            .isCloseTo(e[i], within(1e-5 * Math.max(1, max) + 1e-4 * Math.abs(e[i])));
                }
            }
        }
    }
}
