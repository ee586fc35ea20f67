package dev.convkit.spark;

import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A driver stopped after epoch 1 and resumed ends with bitwise the weights of an uninterrupted run. */
class ResumeTest {
    /** Thrown by the listener after the first epoch's checkpoint is written: the driver "dies" there. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void stoppedAfterEpochOneAndResumedEqualsUninterrupted(@TempDir Path dir) throws Exception {
        List<Example> data = LocalSpark.examples(128, 21);
        List<Example> test = LocalSpark.examples(40, 22);
        for (int averageEvery : new int[] {0, 3}) {
            SparkTrainer.Config c = new SparkTrainer.Config(FaultInjectionTest.MODEL, 2, 32, 0.01, 9, "adam", 1e-4, "cosine",
                    2, averageEvery, "ordered", 1);
            Path whole = dir.resolve("whole" + averageEvery);
            Path parts = dir.resolve("parts" + averageEvery);
            SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(data), LocalSpark.rdd(test), c, whole, false,
                    SparkTrainer.Listener.NONE);
            assertThatThrownBy(() -> SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(data), LocalSpark.rdd(test), c,
                    parts, false, new SparkTrainer.Listener() {
                        @Override
                        public void round(int epoch, int round, int rounds, double loss, double accuracy) {
                        }

                        @Override
                        public void epochEnd(SparkTrainer.EpochResult result) {
                            throw new Stop();
                        }
                    })).isInstanceOf(Stop.class);
            Safetensors.File checkpoint = Safetensors.read(parts.resolve(SparkTrainer.CHECKPOINT));
            assertThat(checkpoint.metadata()).containsEntry("epochs_done", "1").containsEntry("format", "convkit-checkpoint/1");
            assertThat(checkpoint.tensors().keySet()).anyMatch(k -> k.startsWith("optim.") && k.endsWith(".exp_avg_sq"));
            assertThat(Files.exists(parts.resolve(SparkTrainer.MODEL))).isFalse();
            SparkTrainer.Result resumed = SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(data), LocalSpark.rdd(test), c,
                    parts, true, SparkTrainer.Listener.NONE);
            assertThat(resumed.history()).hasSize(2);
            Map<String, Tensor> a = Safetensors.read(whole.resolve(SparkTrainer.CHECKPOINT)).tensors();
            Map<String, Tensor> b = Safetensors.read(parts.resolve(SparkTrainer.CHECKPOINT)).tensors();
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (String name : a.keySet()) {
                assertThat(b.get(name).data()).as("mode %d, %s", averageEvery, name).containsExactly(a.get(name).data());
            }
            assertThat(Files.readAllLines(parts.resolve(SparkTrainer.LOG))).hasSize(3);
        }
    }

    @Test
    void resumeWithoutACheckpointIsAUserError(@TempDir Path dir) {
        SparkTrainer.Config c = new SparkTrainer.Config(SynchronousEquivalenceTest.NO_BATCH_NORM, 1, 32, 0.01, 1, "sgd", 0,
                "constant", 2, 0, "ordered", 1);
        assertThatThrownBy(() -> SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(LocalSpark.examples(32, 1)), null, c,
                dir, true, SparkTrainer.Listener.NONE))
                .isInstanceOf(dev.convkit.core.InvalidArgumentException.class).hasMessageContaining("--resume: no checkpoint.safetensors");
    }
}
