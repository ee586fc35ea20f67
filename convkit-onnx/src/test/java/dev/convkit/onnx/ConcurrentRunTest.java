package dev.convkit.onnx;

import dev.convkit.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One imported model serves many threads: running keeps no state, so results equal the single-threaded ones bit for bit. */
class ConcurrentRunTest {
    @Test
    void eightThreadsGetTheSingleThreadedResults() throws Exception {
        OnnxModel model = OnnxModel.read(TorchExportedModelsTest.CASES.resolve("cnn2_preserved.onnx"));
        SplittableRandom random = new SplittableRandom(1);
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Tensor x = Tensor.zeros(2, 1, 12, 12); // the batch size torch exported
            for (int j = 0; j < x.data().length; j++) {
                x.data()[j] = (float) random.nextGaussian();
            }
            inputs.add(x);
            expected.add(model.run(x).data());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 25; k++) {
                        int i = (thread + k) % inputs.size();
                        if (!java.util.Arrays.equals(model.run(inputs.get(i)).data(), expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
