package dev.convkit.core.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pools' int32 indices and PyTorch's int64 view of them are one tensor. */
class IndexTensorTest {
    @Test
    void compactIndicesWidenOnceToTheInt64ViewAndEqualTheSameLongs() {
        IndexTensor compact = IndexTensor.wrapCompact(new int[] {0, 1, 6, 4, 2, 3}, 1, 2, 3);
        long[] wide = compact.data();
        assertThat(wide).containsExactly(0L, 1L, 6L, 4L, 2L, 3L);
        assertThat(compact.data()).isSameAs(wide);
        IndexTensor longs = IndexTensor.wrap(new long[] {0, 1, 6, 4, 2, 3}, 1, 2, 3);
        assertThat(compact).isEqualTo(longs).hasSameHashCodeAs(longs);
        assertThat(compact).isNotEqualTo(IndexTensor.wrap(new long[] {0, 1, 6, 4, 2, 5}, 1, 2, 3));
        assertThat(compact.numel()).isEqualTo(6);
        assertThat(compact.reshape(6).compact()).isSameAs(compact.compact());
    }

    @Test
    void longsOutsideIntRangeNarrowToValuesOutsideEveryPlane() {
        IndexTensor longs = IndexTensor.wrap(new long[] {5, 1L << 40, -(1L << 40), -1}, 4);
        assertThat(longs.compact()).containsExactly(5, Integer.MAX_VALUE, Integer.MIN_VALUE, -1);
        // the check reads the wrapped longs: the message can name the value the caller gave
        assertThat(longs.firstOutside(10)).hasValue(1L << 40);
        assertThat(IndexTensor.wrap(new long[] {3, 9, 0}, 3).firstOutside(10)).isEmpty();
        assertThat(IndexTensor.wrapCompact(new int[] {3, 9, 10}, 3).firstOutside(10)).hasValue(10);
        assertThat(IndexTensor.wrapCompact(new int[] {3, -2}, 2).firstOutside(10)).hasValue(-2);
    }

    @Test
    void aShapeThatDoesNotMatchTheIndicesIsRejected() {
        assertThatThrownBy(() -> IndexTensor.wrapCompact(new int[] {1, 2, 3}, 2, 2))
                .hasMessageContaining("needs 4 indices, got 3");
    }
}
