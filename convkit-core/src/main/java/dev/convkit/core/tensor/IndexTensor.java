package dev.convkit.core.tensor;

import dev.convkit.core.InvalidArgumentException;

import java.util.Arrays;

/**
 * A dense int64 tensor: max-pool indices and unpooling input. Each value is a flat offset within one
 * spatial plane ({@code l}, {@code h*W + w} or {@code d*H*W + h*W + w}), as in PyTorch.
 *
 * <p>The pools write their indices as int32 ({@link #wrapCompact}): a plane's offsets fit an int, and
 * the backward reads half the bytes. {@link #data()} is the int64 view PyTorch's API has; it is made
 * on first request and kept.
 *
 * <pre>{@code
 * IndexTensor idx = IndexTensor.wrap(new long[] {0, 1, 6, 4}, 1, 1, 2, 2);
 * assert idx.data()[2] == 6;
 * IndexTensor compact = IndexTensor.wrapCompact(new int[] {0, 1, 6, 4}, 1, 1, 2, 2);
 * assert compact.data()[2] == 6L && compact.equals(idx);
 * }</pre>
 */
public final class IndexTensor {
    private final int[] shape;
    /** The int32 offsets the kernels read and write, or null until asked for (a tensor wrapped from longs). */
    private volatile int[] compact;
    /** The int64 view, or null until asked for (a tensor the kernels wrote). */
    private volatile long[] wide;

    private IndexTensor(int[] shape, int[] compact, long[] wide) {
        this.shape = shape;
        this.compact = compact;
        this.wide = wide;
    }

    /** Wraps {@code data} (not copied) as an index tensor of {@code shape}. */
    public static IndexTensor wrap(long[] data, int... shape) {
        return new IndexTensor(checked(shape, data.length), null, data);
    }

    /** Wraps int32 offsets {@code data} (not copied), as the pool kernels write them, as an index tensor of {@code shape}. */
    public static IndexTensor wrapCompact(int[] data, int... shape) {
        return new IndexTensor(checked(shape, data.length), data, null);
    }

    private static int[] checked(int[] shape, int length) {
        int[] ownShape = shape.clone();
        long count = Shape.checkedNumel(ownShape);
        if (count != length) {
            throw InvalidArgumentException.of("shape %s needs %d indices, got %d",
                    Shape.toString(ownShape), count, length);
        }
        return ownShape;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        return Shape.numel(shape);
    }

    /** The indices as int64, row-major: the wrapped array, or a widened copy made once. */
    public long[] data() {
        long[] w = wide;
        if (w == null) {
            int[] c = compact;
            w = new long[c.length];
            for (int i = 0; i < c.length; i++) {
                w[i] = c[i];
            }
            wide = w;
        }
        return w;
    }

    /**
     * The indices as int32, row-major, for the kernels: the wrapped array, or a narrowed copy made once.
     * A value outside int's range narrows to {@link Integer#MIN_VALUE} or {@link Integer#MAX_VALUE}, so
     * that it stays outside every plane.
     */
    public int[] compact() {
        int[] c = compact;
        if (c == null) {
            long[] w = wide;
            c = new int[w.length];
            for (int i = 0; i < w.length; i++) {
                c[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, w[i]));
            }
            compact = c;
        }
        return c;
    }

    /**
     * The first value outside {@code [0, size)}, in row-major order, or empty when every value lies
     * within: the check before a kernel indexes a plane with them (read from the array that was wrapped,
     * without making the other view).
     */
    public java.util.OptionalLong firstOutside(long size) {
        int[] c = compact;
        long[] w = wide;
        if (w != null) {
            for (long v : w) {
                if (v < 0 || v >= size) {
                    return java.util.OptionalLong.of(v);
                }
            }
        } else {
            for (int v : c) {
                if (v < 0 || v >= size) {
                    return java.util.OptionalLong.of(v);
                }
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** The same data seen with another shape of the same element count (no copy). */
    public IndexTensor reshape(int... newShape) {
        int[] ownShape = newShape.clone();
        if (Shape.numel(ownShape) != numel()) {
            throw InvalidArgumentException.of("cannot reshape indices %s to %s: element counts differ",
                    Shape.toString(shape), Shape.toString(ownShape));
        }
        return new IndexTensor(ownShape, compact, wide);
    }

    /** The indices as a float tensor, for printing beside values. */
    public Tensor toTensor() {
        long[] data = data();
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = data[i];
        }
        return Tensor.wrap(values, shape);
    }

    @Override
    public String toString() {
        return TensorFormat.format(toTensor());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexTensor
                && Arrays.equals(shape, ((IndexTensor) other).shape)
                && Arrays.equals(data(), ((IndexTensor) other).data());
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data());
    }
}
