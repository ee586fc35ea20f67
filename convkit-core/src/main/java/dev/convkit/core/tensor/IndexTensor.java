package dev.convkit.core.tensor;

import dev.convkit.core.InvalidArgumentException;

import java.util.Arrays;

/**
 * A dense int64 tensor: max-pool indices and unpooling input. Each value is a flat offset within one
 * spatial plane ({@code l}, {@code h*W + w} or {@code d*H*W + h*W + w}), as in PyTorch.
 *
 * <pre>{@code
 * IndexTensor idx = IndexTensor.wrap(new long[] {0, 1, 6, 4}, 1, 1, 2, 2);
 * assert idx.data()[2] == 6;
 * }</pre>
 */
public final class IndexTensor {
    private final int[] shape;
    private final long[] data;

    private IndexTensor(int[] shape, long[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** Wraps {@code data} (not copied) as an index tensor of {@code shape}. */
    public static IndexTensor wrap(long[] data, int... shape) {
        int[] ownShape = shape.clone();
        long count = Shape.checkedNumel(ownShape);
        if (count != data.length) {
            throw InvalidArgumentException.of("shape %s needs %d indices, got %d",
                    Shape.toString(ownShape), count, data.length);
        }
        return new IndexTensor(ownShape, data);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        return data.length;
    }

    /** The backing array, row-major. */
    public long[] data() {
        return data;
    }

    /** The same data seen with another shape of the same element count (no copy). */
    public IndexTensor reshape(int... newShape) {
        int[] ownShape = newShape.clone();
        if (Shape.numel(ownShape) != data.length) {
            throw InvalidArgumentException.of("cannot reshape indices %s to %s: element counts differ",
                    Shape.toString(shape), Shape.toString(ownShape));
        }
        return new IndexTensor(ownShape, data);
    }

    /** The indices as a float tensor, for printing beside values. */
    public Tensor toTensor() {
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
                && Arrays.equals(data, ((IndexTensor) other).data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }
}
