package dev.convkit.nn.layers;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fused batch norm + ReLU stage gives the bits of the two layers in turn; dropout masks are thread-count free. */
class FusedStagesTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    private static Tensor gaussian(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        SplittableRandom random = new SplittableRandom(seed);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextGaussian() * 3 + 0.5);
        }
        return t;
    }

    /** Output, input gradient, gamma and beta gradients, running statistics, after one forward and backward. */
    private static float[][] run(boolean fused, boolean training) {
        BatchNorm2d bn = new BatchNorm2d(5).momentum(0.3);
        bn.weight().value().data()[2] = -1.5f; // a negative gamma: ReLU then clamps the other side
        bn.bias().value().data()[1] = 0.75f;
        if (!training) {
            bn.buffers().get("running_mean")[3] = 0.4f;
            bn.buffers().get("running_var")[3] = 2.5f;
            bn.eval();
        }
        ReLU relu = new ReLU();
        Sequential net = fused ? Sequential.of(bn, relu) : null;
        Variable x = Variable.parameter(gaussian(7, 3, 5, 6, 7));
        Variable y = fused ? net.forward(x) : relu.forward(bn.forward(x));
        y.backward(gaussian(8, 3, 5, 6, 7));
        return new float[][] {y.value().data(), x.grad().data(), bn.weight().grad().data(), bn.bias().grad().data(),
                bn.buffers().get("running_mean").clone(), bn.buffers().get("running_var").clone()};
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fusedBatchNormReluIsTheTwoLayersBitForBit(boolean training) {
        float[][] separate = run(false, training);
        float[][] fused = run(true, training);
        for (int i = 0; i < separate.length; i++) {
            assertThat(fused[i]).as("piece %d", i).containsExactly(separate[i]);
        }
        // the ReLU really acted: some outputs are clamped to zero, and their gradients are zero
        assertThat(fused[0]).contains(0f);
    }

    @Test
    void sequentialFusesOnlyABatchNormFollowedByARelu() {
        Sequential net = Sequential.of(new BatchNorm2d(2), new ReLU(), new ReLU(), new BatchNorm2d(2), new Flatten(),
                new BatchNorm2d(2));
        assertThat(net.stages()).extracting(Module::spec)
                .containsExactly("bn2d(2);relu", "relu", "bn2d(2)", "flatten", "bn2d(2)");
        assertThat(net.layers()).hasSize(6);
    }

    @Test
    void dropoutMasksAreTheSameAtAnyThreadCountAndDropAboutP() {
        Tensor x = Tensor.full(1f, 300_000); // several parallel chunks
        float[][] outputs = new float[3][];
        int[] threadCounts = {1, 2, 3};
        for (int t = 0; t < threadCounts.length; t++) {
            Parallel.setThreads(threadCounts[t]);
            outputs[t] = Ops.dropout(Variable.constant(x), 0.25, true, new SplittableRandom(11)).value().data();
        }
        assertThat(outputs[1]).containsExactly(outputs[0]);
        assertThat(outputs[2]).containsExactly(outputs[0]);
        int dropped = 0;
        for (float v : outputs[0]) {
            assertThat(v).isIn(0f, 1f / 0.75f);
            dropped += v == 0f ? 1 : 0;
        }
        // 300 000 draws at p = 0.25: the standard deviation of the count is 237
        assertThat(dropped).isBetween(75_000 - 1_500, 75_000 + 1_500);
        float[] other = Ops.dropout(Variable.constant(x), 0.25, true, new SplittableRandom(12)).value().data();
        assertThat(other).isNotEqualTo(outputs[0]);
    }

    @Test
    void dropoutOfAnEmptyTensorIsEmpty() {
        Variable y = Ops.dropout(Variable.constant(Tensor.zeros(0)), 0.5, true, new SplittableRandom(1));
        assertThat(y.value().data()).isEmpty();
    }
}
