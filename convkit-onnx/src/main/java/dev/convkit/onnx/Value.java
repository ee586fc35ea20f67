package dev.convkit.onnx;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

import java.util.Arrays;

/**
 * A value flowing through an ONNX graph: float32 data (as a core {@link Tensor}) or int64 data (shapes,
 * indices, axes). Other ONNX types are converted when read: float64 to float32, int32/int8/uint8/bool
 * to int64.
 *
 * <pre>{@code
 * Value v = Value.of(Tensor.full(2f, 2, 3));
 * assert !v.isLong() && v.shape()[1] == 3;
 * Value axes = Value.longs(new long[] {0, 1}, 2);
 * assert axes.isLong() && axes.longData()[1] == 1;
 * }</pre>
 */
public final class Value {
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;

    private Value(int[] shape, float[] floats, long[] longs) {
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
    }

    /** A float32 value sharing the tensor's data. */
    public static Value of(Tensor t) {
        return new Value(t.shape(), t.data(), null);
    }

    /** A float32 value of this shape over {@code data} (not copied). */
    public static Value floats(float[] data, int... shape) {
        return new Value(shape, data, null);
    }

    /** An int64 value of this shape over {@code data} (not copied). */
    public static Value longs(long[] data, int... shape) {
        return new Value(shape, null, data);
    }

    /** Whether the value holds int64 data. */
    public boolean isLong() {
        return longs != null;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    int dim(int axis) {
        return shape[axis];
    }

    int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int numel() {
        return isLong() ? longs.length : floats.length;
    }

    /** The float32 data (not copied); only for float values. */
    public float[] floatData() {
        if (floats == null) {
            throw new IllegalStateException("an int64 value has no float data");
        }
        return floats;
    }

    /** The int64 data (not copied); only for int64 values. */
    public long[] longData() {
        if (longs == null) {
            throw new IllegalStateException("a float value has no int64 data");
        }
        return longs;
    }

    /** The value as a core tensor (int64 data converted to float). */
    public Tensor tensor() {
        if (floats != null) {
            return Tensor.wrap(floats, shape);
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return Tensor.wrap(f, shape);
    }

    /** The value as core indices; only for int64 values. */
    IndexTensor indices() {
        return IndexTensor.wrap(longData(), shape);
    }

    /** The same data under another shape of as many elements. */
    Value reshape(int... newShape) {
        return isLong() ? Value.longs(longs, newShape) : Value.floats(floats, newShape);
    }

    /** Element {@code i} as a double, whatever the type. */
    double at(int i) {
        return isLong() ? longs[i] : floats[i];
    }

    @Override
    public String toString() {
        return (isLong() ? "int64" : "float") + Arrays.toString(shape);
    }
}
