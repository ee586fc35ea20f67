package dev.convkit.core.window;

import dev.convkit.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaddingTest {
    private static final int[] ROW = {1, 1, 3};

    private static float[] pad(PaddingMode mode, int left, int right) {
        return Padding.pad(new float[] {1, 2, 3}, 1, ROW, new int[] {0, 0, left}, new int[] {0, 0, right}, mode);
    }

    @Test
    void modesFillAsPyTorchDoes() {
        assertThat(pad(PaddingMode.ZEROS, 2, 1)).containsExactly(0, 0, 1, 2, 3, 0);
        assertThat(pad(PaddingMode.REFLECT, 2, 2)).containsExactly(3, 2, 1, 2, 3, 2, 1);
        assertThat(pad(PaddingMode.REPLICATE, 2, 1)).containsExactly(1, 1, 1, 2, 3, 3);
        assertThat(pad(PaddingMode.CIRCULAR, 2, 3)).containsExactly(2, 3, 1, 2, 3, 1, 2, 3);
    }

    @Test
    void foldBackAddsEveryCopyToItsSource() {
        float[] grad = {1, 10, 100, 1000, 10000, 100000};
        float[] folded = Padding.foldBack(grad, 1, ROW, new int[] {0, 0, 2}, new int[] {0, 0, 1}, PaddingMode.REPLICATE);
        assertThat(folded).containsExactly(111, 1000, 110000);
        float[] reflected = Padding.foldBack(new float[] {1, 1, 1, 1, 1}, 1, ROW, new int[] {0, 0, 1},
                new int[] {0, 0, 1}, PaddingMode.REFLECT);
        assertThat(reflected).containsExactly(1, 3, 1);
    }

    @Test
    void reflectAndCircularLimits() {
        assertThatThrownBy(() -> Padding.validate("conv1d", PaddingMode.REFLECT, new int[] {3}, new int[] {3}, new int[] {3}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("reflect padding must be smaller");
        assertThatThrownBy(() -> Padding.validate("conv1d", PaddingMode.CIRCULAR, new int[] {3}, new int[] {4}, new int[] {4}))
                .hasMessageContaining("wrap around at most once");
        Padding.validate("conv1d", PaddingMode.CIRCULAR, new int[] {3}, new int[] {3}, new int[] {3});
        Padding.validate("conv1d", PaddingMode.REPLICATE, new int[] {1}, new int[] {9}, new int[] {9});
        assertThatThrownBy(() -> PaddingMode.parse("mirror")).hasMessageContaining("padding_mode must be one of");
    }

    @Test
    void dilatedViewIsPaddedAsAWhole() {
        int[] stride = {1, 1, 2};
        float[] row = {1, 2, 3};
        // view 1 0 2 0 3
        assertThat(Padding.pad(row, 1, ROW, stride, new int[] {0, 0, 1}, new int[] {0, 0, 2}, PaddingMode.REPLICATE))
                .containsExactly(1, 1, 0, 2, 0, 3, 3, 3);
        assertThat(Padding.pad(row, 1, ROW, stride, new int[] {0, 0, 3}, new int[] {0, 0, 1}, PaddingMode.CIRCULAR))
                .containsExactly(2, 0, 3, 1, 0, 2, 0, 3, 1);
        // a negative padding crops the view
        assertThat(Padding.pad(row, 1, ROW, stride, new int[] {0, 0, -1}, new int[] {0, 0, 1}, PaddingMode.REFLECT))
                .containsExactly(0, 2, 0, 3, 0);
        float[] grad = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
        assertThat(Padding.foldBack(grad, 1, ROW, stride, new int[] {0, 0, 1}, new int[] {0, 0, 2}, PaddingMode.REPLICATE))
                .containsExactly(11, 1000, 11100000);
    }

    @Test
    void dilatedViewLimitsNameTheView() {
        assertThatThrownBy(() -> Padding.validateDilated("conv_transpose1d", PaddingMode.REFLECT, new int[] {3},
                new int[] {2}, new int[] {5}, new int[] {0}))
                .hasMessage("conv_transpose1d: reflect padding of the correlation view must be smaller than its size: "
                        + "padding (5, 0) of a view of size 5 ((input 3 - 1) * stride 2 + 1) in spatial dimension 0");
        Padding.validateDilated("conv_transpose1d", PaddingMode.REFLECT, new int[] {3}, new int[] {2}, new int[] {4}, new int[] {-9});
        Padding.validateDilated("conv_transpose1d", PaddingMode.CIRCULAR, new int[] {3}, new int[] {2}, new int[] {5}, new int[] {5});
    }
}
