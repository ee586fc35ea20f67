package dev.convkit.core;

import dev.convkit.core.pool.AdaptivePool;
import dev.convkit.core.pool.AvgPool;
import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.FractionalPoolOptions;
import dev.convkit.core.pool.LpPool;
import dev.convkit.core.pool.MaxUnpool;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Padding;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.core.window.Windows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples in the public Javadoc, run: a doc example that stops being true fails here. */
class JavadocExamplesTest {
    private static final Tensor C = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);

    @Test
    void windows() {
        assertThat(Windows.convOutputSize(5, 3, 1, 0, 1)).isEqualTo(3);
        assertThat(Windows.poolOutputSize(5, 2, 2, 0, 1, true)).isEqualTo(3);
        assertThat(Windows.transposedOutputSize(3, 3, 2, 1, 1, 1)).isEqualTo(6);
        assertThat(Windows.samePadding(4, 1)).containsExactly(1, 2);
        AxisWindows w = Windows.sliding(5, 3, 2, 1, 1, false);
        assertThat(new int[] {w.outputs(), w.first(0), w.count(0), w.extent(0)}).containsExactly(3, 0, 2, 3);
        assertThat(Padding.pad(new float[] {1, 2, 3}, 1, new int[] {1, 1, 3}, new int[] {0, 0, 2}, new int[] {0, 0, 1},
                PaddingMode.REFLECT)).containsExactly(3, 2, 1, 2, 3, 2);
    }

    @Test
    void pools() {
        PoolOptions window = PoolOptions.pool2d(2).stride(1);
        assertThat(AvgPool.forward(C, window).data()).containsExactly(98.5f, 80.75f, 94.25f, 78f);
        assertThat(LpPool.forward(C, 1, window).data()).containsExactly(394, 323, 377, 312);
        assertThat(LpPool.forward(C, Double.POSITIVE_INFINITY, window).data()).containsExactly(109, 92, 110, 85);
        assertThat(AdaptivePool.avg(C, 2, 2).data()).containsExactly(98.5f, 80.75f, 94.25f, 78f);
        assertThat(AdaptivePool.max(C, 2, 1, 2).output().data()).containsExactly(110, 92);
        assertThat(FractionalMaxPool.forward(C, FractionalPoolOptions.pool2d(2).outputSize(2).seed(7)).output().data())
                .containsExactly(109, 92, 110, 85);
        Tensor v = Tensor.of(new double[][] {{109, 92}, {110, 85}}).reshape(1, 1, 2, 2);
        IndexTensor idx = IndexTensor.wrap(new long[] {0, 1, 6, 4}, 1, 1, 2, 2);
        assertThat(MaxUnpool.forward(v, idx, window, null).data()).containsExactly(109, 92, 0, 0, 85, 0, 110, 0, 0);
    }
}
