package dev.convkit.core.tensor;

import dev.convkit.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorTest {
    @Test
    void buildsFromNestedArraysOfAnyDepth() {
        Tensor t = Tensor.fromNested(new int[][][] {{{1, 2}, {3, 4}}});
        assertThat(t.shape()).containsExactly(1, 2, 2);
        assertThat(t.get(0, 1, 0)).isEqualTo(3f);
        assertThat(Tensor.of(new double[][] {{1.5, 2}}).data()).containsExactly(1.5f, 2f);
        assertThatThrownBy(() -> Tensor.fromNested(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ragged");
    }

    @Test
    void shapeChecksNameTheShape() {
        assertThatThrownBy(() -> Tensor.wrap(new float[5], 2, 3)).hasMessage("shape [2, 3] needs 6 values, got 5");
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).hasMessageContaining("negative dimension");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(7)).hasMessageContaining("cannot reshape [2, 3] to [7]");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).get(2, 0)).hasMessageContaining("outside shape [2, 3]");
    }

    @Test
    void elementCountIsALongAndTheLimitIsEnforced() {
        int[] huge = {1 << 20, 1 << 20, 1 << 20, 1 << 20};
        assertThat(Shape.numel(new int[] {1 << 20, 1 << 20})).isEqualTo(1L << 40);
        assertThatThrownBy(() -> Shape.numel(huge)).hasMessageContaining("more elements than a long can count");
        assertThatThrownBy(() -> Tensor.zeros(1 << 20, 1 << 20)).hasMessageContaining("above the limit");
        long before = Shape.maxElements();
        try {
            Shape.setMaxElements(10);
            // the limit is exclusive
            assertThatThrownBy(() -> Tensor.zeros(10)).hasMessageContaining("at or above the limit of 10");
            assertThat(Tensor.zeros(9).numel()).isEqualTo(9L);
        } finally {
            Shape.setMaxElements(before);
        }
    }

    @Test
    void printsAlignedTablesWithIntegersWithoutDecimals() {
        Tensor c = Tensor.of(new double[][] {{109, 92}, {110, 8.5}});
        assertThat(c.toString()).isEqualTo("109   92\n110  8.5\n");
        assertThat(TensorFormat.number(1.0 / 3)).isEqualTo("0.333333");
        assertThat(TensorFormat.number(Float.NaN)).isEqualTo("NaN");
        assertThat(TensorFormat.number(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(TensorFormat.number(1e-7)).isEqualTo("1.00000e-07");
        assertThat(Tensor.zeros(1, 2, 1, 1).toString()).isEqualTo("[0, 0, :, :]\n0\n\n[0, 1, :, :]\n0\n");
    }

    @Test
    void spatialLayoutReadsBatchedAndUnbatchedInputs() {
        SpatialLayout unbatched = SpatialLayout.of("conv2d", 2, new int[] {3, 5, 7});
        assertThat(unbatched.batched()).isFalse();
        assertThat(unbatched.shape(4, new int[] {2, 2})).containsExactly(4, 2, 2);
        SpatialLayout batched = SpatialLayout.of("conv1d", 1, new int[] {2, 3, 5});
        assertThat(batched.lifted(batched.spatial())).containsExactly(1, 1, 5);
        assertThatThrownBy(() -> SpatialLayout.of("conv2d", 2, new int[] {5, 5}))
                .hasMessage("conv2d: expected a 3-D (unbatched) or 4-D (batched) input, got shape [5, 5]");
    }
}
