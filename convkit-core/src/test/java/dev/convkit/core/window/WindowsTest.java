package dev.convkit.core.window;

import dev.convkit.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowsTest {
    @Test
    void convOutputSizeIsTheExerciseFormulaWithFloor() {
        assertThat(Windows.convOutputSize(5, 3, 1, 0, 1)).isEqualTo(3);
        // (I - K + 2P)/S + 1 without floor would be 2.5 here: the floor gives 2
        assertThat(Windows.convOutputSize(6, 3, 2, 0, 1)).isEqualTo(2);
        assertThat(Windows.convOutputSize(7, 3, 1, 0, 2)).isEqualTo(3);
        assertThat(Windows.convOutputSize(5, 3, 2, 2, 1)).isEqualTo(3);
        assertThat(Windows.convOutputSize(2, 3, 1, 0, 1)).isEqualTo(0);
    }

    @Test
    void poolOutputSizeCeilModeDropsAWindowStartingInThePadding() {
        assertThat(Windows.poolOutputSize(5, 2, 2, 0, 1, false)).isEqualTo(2);
        assertThat(Windows.poolOutputSize(5, 2, 2, 0, 1, true)).isEqualTo(3);
        // L=5, k=2, s=2, p=1: ceil gives 4 windows, but the 4th starts at 3*2-1=5, in the right padding -> dropped
        assertThat(Windows.poolOutputSize(5, 2, 2, 1, 1, true)).isEqualTo(3);
        assertThat(Windows.ceilModeDropsLastWindow(5, 2, 2, 1, 1)).isTrue();
        assertThat(Windows.ceilModeDropsLastWindow(5, 2, 2, 0, 1)).isFalse();
    }

    @Test
    void transposedAndUnpoolSizes() {
        assertThat(Windows.transposedOutputSize(3, 3, 2, 1, 1, 1)).isEqualTo(6);
        assertThat(Windows.transposedOutputSize(3, 3, 1, 0, 1, 0)).isEqualTo(5);
        assertThat(Windows.unpoolOutputSize(2, 2, 2, 0)).isEqualTo(4);
    }

    @Test
    void samePaddingPutsTheExtraElementOnTheRight() {
        assertThat(Windows.samePadding(9, 3, 1, 1, SameSplit.UPPER)).containsExactly(1, 1);
        assertThat(Windows.samePadding(9, 4, 1, 1, SameSplit.UPPER)).containsExactly(1, 2);
        assertThat(Windows.samePadding(9, 2, 1, 3, SameSplit.UPPER)).containsExactly(1, 2);
        assertThat(Windows.samePadding(9, 1, 1, 1, SameSplit.UPPER)).containsExactly(0, 0);
        assertThat(Windows.samePadding(9, 4, 1, 1, SameSplit.LOWER)).containsExactly(2, 1);
    }

    @Test
    void strideSamePaddingFollowsTensorFlow() {
        // TF: O = ceil(I/s); total = max((O-1)*s + d*(k-1) + 1 - I, 0); top = total // 2
        assertThat(Windows.samePadding(5, 3, 2, 1, SameSplit.UPPER)).containsExactly(1, 1);  // O 3, total 4+3-5 = 2
        assertThat(Windows.samePadding(6, 3, 2, 1, SameSplit.UPPER)).containsExactly(0, 1);  // O 3, total 4+3-6 = 1
        assertThat(Windows.samePadding(6, 3, 2, 1, SameSplit.LOWER)).containsExactly(1, 0);
        assertThat(Windows.samePadding(7, 1, 3, 1, SameSplit.UPPER)).containsExactly(0, 0);  // O 3, reach 7: none
        assertThat(Windows.samePadding(8, 1, 3, 1, SameSplit.UPPER)).containsExactly(0, 0);  // reach 7 < 8: clamped to 0
        assertThat(Windows.samePadding(10, 3, 3, 2, SameSplit.UPPER)).containsExactly(2, 2); // O 4, total 9+5-10 = 4
        assertThat(Windows.transposedSamePadding(3, 2, 1, SameSplit.UPPER)).containsExactly(0, 1); // full 2L+1, cut 1
        assertThat(Windows.transposedSamePadding(3, 2, 1, SameSplit.LOWER)).containsExactly(1, 0);
        assertThat(Windows.transposedSamePadding(1, 3, 1, SameSplit.UPPER)).containsExactly(-1, -1); // extended by 2
        assertThat(Windows.transposedSamePadding(2, 3, 1, SameSplit.UPPER)).containsExactly(0, -1);
        assertThat(Windows.transposedSamePadding(2, 3, 1, SameSplit.LOWER)).containsExactly(-1, 0);
    }

    @Test
    void adaptiveWindowsOverlapAndRepeat() {
        AxisWindows shrink = Windows.adaptive(5, 3);
        assertThat(new int[] {shrink.first(0), shrink.count(0), shrink.first(1), shrink.count(1), shrink.first(2), shrink.count(2)})
                .containsExactly(0, 2, 1, 3, 3, 2);
        AxisWindows grow = Windows.adaptive(3, 5);
        int[][] expected = {{0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 1}};
        for (int i = 0; i < 5; i++) {
            assertThat(new int[] {grow.first(i), grow.count(i)}).as("window %d", i).containsExactly(expected[i]);
        }
    }

    @Test
    void slidingWindowsClipToTheInputAndKeepThePaddedExtent() {
        AxisWindows w = Windows.sliding(5, 3, 2, 1, 1, true);
        assertThat(w.outputs()).isEqualTo(3);
        assertThat(new int[] {w.first(0), w.count(0), w.extent(0)}).containsExactly(0, 2, 3);
        assertThat(new int[] {w.first(2), w.count(2), w.extent(2)}).containsExactly(3, 2, 3);
        // L=2, k=2, d=3, p=1: the only window reads positions -1 and 2, both outside the input
        AxisWindows dilated = Windows.sliding(2, 2, 1, 1, 3, false);
        assertThat(dilated.firstEmptyWindow()).isEqualTo(0);
        AxisWindows dilatedFits = Windows.sliding(4, 2, 1, 1, 3, false);
        assertThat(new int[] {dilatedFits.first(0), dilatedFits.count(0)}).containsExactly(2, 1);
        assertThat(new int[] {dilatedFits.first(1), dilatedFits.count(1)}).containsExactly(0, 2);
    }

    @Test
    void fractionalStartsUseDoublePrecision() {
        // L=5, k=2, O=3: alpha = 1.5; u = 0.5: trunc(0.75)=0 base; starts 0, trunc(2.25)-0 = 2, last = 3
        assertThat(Windows.fractionalStarts(5, 3, 2, 0.5)).containsExactly(0, 2, 3);
        // u close to 1: in float32, 2 + u rounds to 3 and the third window would start at 8 - 2 = 6
        double u = 0.99999994f;
        assertThat(Windows.fractionalStarts(10, 4, 2, u)).containsExactly(0, 3, 5, 8);
    }

    @Test
    void validationNamesTheParameterAndTheRule() {
        assertThatThrownBy(() -> Windows.requirePositive("conv2d", "stride", new int[] {0, 0}))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("conv2d: stride must be positive, got stride=[0, 0]");
        assertThatThrownBy(() -> Windows.requireNonNegative("max_pool1d", "padding", new int[] {-1}))
                .hasMessageContaining("padding must be non-negative");
        assertThatThrownBy(() -> Windows.requireKernelFits("conv2d", new int[] {2, 2}, new int[] {3, 3},
                new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0}))
                .hasMessageContaining("kernel larger than the padded input");
        assertThatThrownBy(() -> Windows.expand("conv2d", "stride", new int[] {1, 2, 3}, 2))
                .hasMessageContaining("stride must have 1 or 2 values");
    }
}
