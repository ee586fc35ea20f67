package dev.convkit.core.tensor;

import dev.convkit.core.InvalidArgumentException;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dense float32 tensor of any rank, stored row-major in one {@code float[]}.
 *
 * <p>Tensors are plain values: ops never modify their inputs. {@link #wrap} shares the caller's
 * array, {@link #of(float[], int...)} copies it.
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new double[][] {{4, 5}, {3, 3}});
 * assert Arrays.equals(a.shape(), new int[] {2, 2});
 * assert a.get(1, 0) == 3f;
 * String table = a.toString(); // "4  5\n3  3\n"
 * assert Arrays.equals(Tensor.fromNested(new int[][][] {{{1, 2}, {3, 4}}}).shape(), new int[] {1, 2, 2});
 * }</pre>
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}. */
    public static Tensor wrap(float[] data, int... shape) {
        int[] ownShape = shape.clone();
        long count = Shape.checkedNumel(ownShape);
        if (count != data.length) {
            throw InvalidArgumentException.of("shape %s needs %d values, got %d",
                    Shape.toString(ownShape), count, data.length);
        }
        return new Tensor(ownShape, data);
    }

    /** A tensor of {@code shape} holding a copy of {@code data}. */
    public static Tensor of(float[] data, int... shape) {
        return wrap(data.clone(), shape);
    }

    /** A tensor of {@code shape} holding {@code data} rounded to float32. */
    public static Tensor of(double[] data, int... shape) {
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = (float) data[i];
        }
        return wrap(values, shape);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        return fromNested(rows);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        return fromNested(rows);
    }

    /**
     * A tensor from nested arrays of any depth ({@code float}, {@code double}, {@code int} or
     * {@code long} at the leaves). Every level must be rectangular.
     *
     * <pre>{@code
     * Tensor.fromNested(new int[][][] {{{1, 2}, {3, 4}}}).shape(); // [1, 2, 2]
     * }</pre>
     */
    public static Tensor fromNested(Object nested) {
        if (nested == null || !nested.getClass().isArray()) {
            throw new InvalidArgumentException("nested tensor data must be an array");
        }
        List<Integer> dims = new ArrayList<>();
        Object level = nested;
        while (level.getClass().isArray()) {
            int length = Array.getLength(level);
            dims.add(length);
            if (length == 0 || !level.getClass().getComponentType().isArray()) {
                break;
            }
            level = Array.get(level, 0);
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        float[] data = new float[Shape.checkedNumel(shape)];
        int[] cursor = {0};
        copyNested(nested, shape, 0, data, cursor);
        return new Tensor(shape, data);
    }

    private static void copyNested(Object array, int[] shape, int depth, float[] out, int[] cursor) {
        int length = Array.getLength(array);
        if (length != shape[depth]) {
            throw InvalidArgumentException.of("nested tensor data is ragged: dimension %d has lengths %d and %d",
                    depth, shape[depth], length);
        }
        if (depth == shape.length - 1) {
            if (array.getClass().getComponentType().isArray()) {
                throw InvalidArgumentException.of("nested tensor data is ragged at dimension %d", depth);
            }
            for (int i = 0; i < length; i++) {
                out[cursor[0]++] = ((Number) Array.get(array, i)).floatValue();
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            Object child = Array.get(array, i);
            if (child == null || !child.getClass().isArray()) {
                throw InvalidArgumentException.of("nested tensor data is ragged at dimension %d", depth + 1);
            }
            copyNested(child, shape, depth + 1, out, cursor);
        }
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int[] ownShape = shape.clone();
        return new Tensor(ownShape, new float[Shape.checkedNumel(ownShape)]);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int rank() {
        return shape.length;
    }

    /** The number of elements, as a long. */
    public long numel() {
        return data.length;
    }

    /** The backing array, row-major. Writing to it changes the tensor. */
    public float[] data() {
        return data;
    }

    /** The element at {@code index} (one coordinate per dimension). */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** Sets the element at {@code index}. */
    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw InvalidArgumentException.of("index %s has %d coordinates, the tensor has rank %d",
                    Arrays.toString(index), index.length, shape.length);
        }
        int offset = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw InvalidArgumentException.of("index %s is outside shape %s",
                        Arrays.toString(index), Shape.toString(shape));
            }
            offset = offset * shape[i] + index[i];
        }
        return offset;
    }

    /** The same data seen with another shape of the same element count (no copy). */
    public Tensor reshape(int... newShape) {
        int[] ownShape = newShape.clone();
        if (Shape.numel(ownShape) != data.length) {
            throw InvalidArgumentException.of("cannot reshape %s to %s: element counts differ",
                    Shape.toString(shape), Shape.toString(ownShape));
        }
        return new Tensor(ownShape, data);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(shape.clone(), data.clone());
    }

    /** The 2-D slice of the last two dimensions at the given leading index (all zeros if omitted). */
    public float[][] matrix(int... leading) {
        if (shape.length < 2) {
            float[][] row = new float[1][];
            row[0] = data.clone();
            return row;
        }
        int rows = shape[shape.length - 2];
        int cols = shape[shape.length - 1];
        int plane = 0;
        for (int i = 0; i < shape.length - 2; i++) {
            plane = plane * shape[i] + (i < leading.length ? leading[i] : 0);
        }
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, (plane * rows + r) * cols, out[r], 0, cols);
        }
        return out;
    }

    /** Every 2-D slice as an aligned table, the way the exercise prints matrices. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor
                && Arrays.equals(shape, ((Tensor) other).shape)
                && Arrays.equals(data, ((Tensor) other).data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }
}
