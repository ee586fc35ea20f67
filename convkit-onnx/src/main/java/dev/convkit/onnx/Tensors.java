package dev.convkit.onnx;

import com.google.protobuf.ByteString;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.onnx.proto.OnnxProto.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Reading ONNX tensors into {@link Value}s, with their sizes checked, and writing float tensors. */
final class Tensors {
    private Tensors() {
    }

    static boolean isFloating(int type) {
        return type == TensorProto.DataType.FLOAT_VALUE || type == TensorProto.DataType.DOUBLE_VALUE;
    }

    static boolean isIntegral(int type) {
        return type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.INT32_VALUE
                || type == TensorProto.DataType.INT16_VALUE || type == TensorProto.DataType.INT8_VALUE
                || type == TensorProto.DataType.UINT8_VALUE || type == TensorProto.DataType.BOOL_VALUE;
    }

    private static int byteSize(int type) {
        switch (type) {
            case TensorProto.DataType.DOUBLE_VALUE:
            case TensorProto.DataType.INT64_VALUE:
                return 8;
            case TensorProto.DataType.FLOAT_VALUE:
            case TensorProto.DataType.INT32_VALUE:
                return 4;
            case TensorProto.DataType.INT16_VALUE:
                return 2;
            default:
                return 1;
        }
    }

    /**
     * The tensor's value. {@code where} names it in errors (file and tensor), which report a type
     * convkit does not read, external data, a negative dimension, or a data size that disagrees with
     * the dimensions.
     */
    static Value read(TensorProto t, String where) {
        int type = t.getDataType();
        if (!isFloating(type) && !isIntegral(type)) {
            throw InvalidArgumentException.of("%s: data type %s is not supported (float, double and integer types are)",
                    where, TensorProto.DataType.forNumber(type) == null ? Integer.toString(type)
                            : TensorProto.DataType.forNumber(type).name());
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw InvalidArgumentException.of("%s: external data is not supported (save the model with its weights inside)",
                    where);
        }
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw InvalidArgumentException.of("%s: dimension %d is %d", where, i, d);
            }
            shape[i] = (int) d;
        }
        int n = Layout.checkedNumel(shape, where);
        int stored;
        ByteBuffer raw = null;
        if (!t.getRawData().isEmpty()) {
            raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            stored = raw.remaining() / byteSize(type);
            if (raw.remaining() % byteSize(type) != 0) {
                stored = -1;
            }
        } else if (type == TensorProto.DataType.FLOAT_VALUE) {
            stored = t.getFloatDataCount();
        } else if (type == TensorProto.DataType.DOUBLE_VALUE) {
            stored = t.getDoubleDataCount();
        } else if (type == TensorProto.DataType.INT64_VALUE) {
            stored = t.getInt64DataCount();
        } else {
            stored = t.getInt32DataCount();
        }
        if (stored != n) {
            throw InvalidArgumentException.of("%s: shape %s needs %d values, the data holds %s", where,
                    Arrays.toString(shape), n, stored < 0 ? "a partial value" : Integer.toString(stored));
        }
        if (isFloating(type)) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                if (type == TensorProto.DataType.FLOAT_VALUE) {
                    out[i] = raw != null ? raw.getFloat(4 * i) : t.getFloatData(i);
                } else {
                    out[i] = (float) (raw != null ? raw.getDouble(8 * i) : t.getDoubleData(i));
                }
            }
            return Value.floats(out, shape);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (raw == null) {
                out[i] = type == TensorProto.DataType.INT64_VALUE ? t.getInt64Data(i) : t.getInt32Data(i);
            } else {
                switch (byteSize(type)) {
                    case 8:
                        out[i] = raw.getLong(8 * i);
                        break;
                    case 4:
                        out[i] = raw.getInt(4 * i);
                        break;
                    case 2:
                        out[i] = raw.getShort(2 * i);
                        break;
                    default:
                        out[i] = type == TensorProto.DataType.INT8_VALUE ? raw.get(i) : raw.get(i) & 0xff;
                }
            }
        }
        return Value.longs(out, shape);
    }

    /** A float32 tensor with its data in raw little-endian bytes. */
    static TensorProto floats(String name, float[] data, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            b.putFloat(v);
        }
        b.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b));
        for (int d : shape) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An int64 tensor with its data in raw little-endian bytes. */
    static TensorProto longs(String name, long[] data, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) {
            b.putLong(v);
        }
        b.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .setRawData(ByteString.copyFrom(b));
        for (int d : shape) {
            t.addDims(d);
        }
        return t.build();
    }
}
