package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad parameters get one clear error, quickly and without allocating for the impossible. */
@Timeout(5)
class PoolErrorsTest {
    private final Tensor x = Tensor.zeros(1, 1, 5, 5);

    @Test
    void slidingPools() {
        assertThatThrownBy(() -> MaxPool.forward(x, PoolOptions.pool2d(2).stride(0)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("max_pool2d: stride must be positive");
        assertThatThrownBy(() -> MaxPool.forward(x, PoolOptions.pool2d(3).padding(-1))).hasMessageContaining("padding must be non-negative");
        assertThatThrownBy(() -> MaxPool.forward(x, PoolOptions.pool2d(3).padding(2))).hasMessageContaining("at most half the kernel");
        assertThatThrownBy(() -> MaxPool.forward(x, PoolOptions.pool2d(Integer.MAX_VALUE))).hasMessageContaining("kernel larger than the padded input");
        assertThatThrownBy(() -> MaxPool.forward(x, PoolOptions.pool2d(0))).hasMessageContaining("kernel_size must be positive");
        assertThatThrownBy(() -> MaxPool.forward(Tensor.zeros(1, 1, 2, 2), PoolOptions.pool2d(2).stride(1).padding(1).dilation(3)))
                .hasMessageContaining("reads no input element");
        assertThatThrownBy(() -> AvgPool.forward(x, PoolOptions.pool2d(2).divisorOverride(0))).hasMessageContaining("divisor_override must not be zero");
        assertThatThrownBy(() -> AvgPool.forward(x, PoolOptions.pool2d(2).dilation(2))).hasMessageContaining("no dilation");
        assertThatThrownBy(() -> LpPool.forward(x, 0, PoolOptions.pool2d(2))).hasMessageContaining("norm_type must be positive");
        assertThatThrownBy(() -> LpPool.forward(x, Double.NaN, PoolOptions.pool2d(2))).hasMessageContaining("norm_type must be positive");
        assertThatThrownBy(() -> LpPool.forward(x, -1, PoolOptions.pool2d(2))).hasMessageContaining("norm_type must be positive");
        assertThatThrownBy(() -> MaxPool.forward(Tensor.zeros(5, 5), PoolOptions.pool2d(2))).hasMessageContaining("expected a 3-D");
    }

    @Test
    void adaptivePools() {
        assertThat(AdaptivePool.avgForward(x, 2, 0, 3).shape()).containsExactly(1, 1, 0, 3);
        assertThat(AdaptivePool.avgForward(x, 2, PoolPlan.KEEP, 2).shape()).containsExactly(1, 1, 5, 2);
        assertThatThrownBy(() -> AdaptivePool.avgForward(x, 2, -1, -1)).hasMessageContaining("output_size must be non-negative");
        assertThatThrownBy(() -> AdaptivePool.maxForward(x, 2, 1 << 30, 1 << 30)).hasMessageContaining("above the limit");
        assertThatThrownBy(() -> AdaptivePool.avgForward(x, 2, 1, 2, 3)).hasMessageContaining("output_size must have 1 or 2 values");
    }

    @Test
    void fractionalPools() {
        assertThatThrownBy(() -> FractionalMaxPool.forward(x, FractionalPoolOptions.pool2d(2).outputSize(0)))
                .hasMessageContaining("output_size must be positive");
        assertThatThrownBy(() -> FractionalMaxPool.forward(x, FractionalPoolOptions.pool2d(2).outputRatio(1.0)))
                .hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> FractionalMaxPool.forward(x, FractionalPoolOptions.pool2d(2).outputRatio(0.1)))
                .hasMessageContaining("gives output size 0");
        assertThatThrownBy(() -> FractionalMaxPool.forward(x, FractionalPoolOptions.pool2d(3).outputSize(4)))
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> FractionalMaxPool.forward(x, FractionalPoolOptions.pool2d(2)))
                .hasMessageContaining("needs an output_size or an output_ratio");
        assertThatThrownBy(() -> FractionalMaxPool.forward(x, FractionalPoolOptions.pool2d(2).outputSize(2)
                .samples(Tensor.zeros(1, 1, 3)))).hasMessageContaining("random_samples must have shape [1, 1, 2]");
        assertThatThrownBy(() -> FractionalMaxPool.forward(x, FractionalPoolOptions.pool2d(2).outputSize(2)
                .samples(Tensor.full(1f, 1, 1, 2)))).hasMessageContaining("must lie in [0, 1)");
    }

    @Test
    void seededFractionalPoolingIsReproducible() {
        Tensor input = dev.convkit.core.testing.GradientChecker.distinct(new java.util.Random(1), 0, 2, 3, 9, 9);
        FractionalPoolOptions options = FractionalPoolOptions.pool2d(2).outputSize(4).seed(99);
        PoolResult first = FractionalMaxPool.forward(input, options);
        PoolResult again = FractionalMaxPool.forward(input, options);
        assertThat(again.output()).isEqualTo(first.output());
        assertThat(again.indices()).isEqualTo(first.indices());
        PoolResult explicit = FractionalMaxPool.forward(input,
                options.samples(FractionalMaxPool.drawSamples(99, 2, 3, 2)));
        assertThat(explicit.indices()).isEqualTo(first.indices());
    }

    @Test
    void unpooling() {
        Tensor v = Tensor.zeros(1, 1, 2, 2);
        IndexTensor idx = IndexTensor.wrap(new long[] {0, 1, 2, 16}, 1, 1, 2, 2);
        assertThatThrownBy(() -> MaxUnpool.forward(v, idx, PoolOptions.pool2d(2), null))
                .hasMessageContaining("index 16 lies outside the output plane");
        IndexTensor ok = IndexTensor.wrap(new long[] {0, 1, 2, 3}, 1, 1, 2, 2);
        assertThatThrownBy(() -> MaxUnpool.forward(v, ok, PoolOptions.pool2d(2), new int[] {6, 6}))
                .hasMessageContaining("must lie strictly between 2 and 6");
        assertThatThrownBy(() -> MaxUnpool.forward(v, IndexTensor.wrap(new long[6], 1, 1, 2, 3), PoolOptions.pool2d(2), null))
                .hasMessageContaining("indices must have the input's shape");
        assertThatThrownBy(() -> MaxUnpool.forward(v, ok, PoolOptions.pool2d(2).stride(1 << 30), null))
                .hasMessageContaining("above the limit");
        assertThat(MaxUnpool.forward(v, ok, PoolOptions.pool2d(2), new int[] {1, 1, 5, 5}).shape()).containsExactly(1, 1, 5, 5);
    }
}
