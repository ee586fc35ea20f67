package dev.convkit.core.conv;

import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.pool.PoolResult;
import dev.convkit.core.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The course exercise, exactly. */
class ExerciseTest {
    static final Tensor A = Tensor.of(new double[][] {
        {4, 5, 2, 2, 1}, {3, 3, 2, 2, 4}, {4, 3, 4, 1, 1}, {5, 1, 4, 1, 2}, {5, 1, 3, 1, 4}}).reshape(1, 1, 5, 5);
    static final Tensor K = Tensor.of(new double[][] {{4, 3, 3}, {5, 5, 5}, {2, 4, 3}}).reshape(1, 1, 3, 3);

    @Test
    void convolutionGivesC() {
        Tensor c = Conv.forward(A, K, null, ConvOptions.conv2d());
        assertThat(c.shape()).containsExactly(1, 1, 3, 3);
        assertThat(c.data()).containsExactly(109, 92, 72, 108, 85, 74, 110, 74, 79);
    }

    @Test
    void backpropagationGivesTheSumOfTouchingWeights() {
        ConvGradients g = Conv.backward(A, K, Conv.Bias.PRESENT, Tensor.full(1f, 1, 1, 3, 3), ConvOptions.conv2d());
        assertThat(g.input().data()).containsExactly(
                4, 7, 10, 6, 3,
                9, 17, 25, 16, 8,
                11, 23, 34, 23, 11,
                7, 16, 24, 17, 8,
                2, 6, 9, 7, 3);
        assertThat(g.weight().data()).containsExactly(30, 24, 19, 29, 21, 21, 30, 19, 21);
        assertThat(g.bias().data()).containsExactly(9);
    }

    @Test
    void maxPoolingOfC() {
        Tensor c = Conv.forward(A, K, null, ConvOptions.conv2d());
        PoolResult r = MaxPool.forward(c, PoolOptions.pool2d(2).stride(1));
        assertThat(r.output().data()).containsExactly(109, 92, 110, 85);
        assertThat(r.indices().data()).containsExactly(0, 1, 6, 4);
    }

    @Test
    void unbatchedInputGivesAnUnbatchedResult() {
        Tensor c = Conv.forward(A.reshape(1, 5, 5), K, null, ConvOptions.conv2d());
        assertThat(c.shape()).containsExactly(1, 3, 3);
        assertThat(c.data()[0]).isEqualTo(109f);
    }
}
