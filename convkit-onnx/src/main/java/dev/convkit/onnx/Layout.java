package dev.convkit.onnx;

import dev.convkit.core.InvalidArgumentException;

import java.util.Arrays;

/**
 * Moving elements without arithmetic, for float and int64 values alike: padding, slicing, transposing,
 * concatenating, gathering and broadcasting. Window arithmetic stays in core; these are plain copies.
 */
final class Layout {
    private Layout() {
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static int checkedNumel(int[] shape, String what) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw InvalidArgumentException.of("%s: negative dimension in shape %s", what, Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw InvalidArgumentException.of("%s: shape %s has more than %d elements", what, Arrays.toString(shape),
                        Integer.MAX_VALUE);
            }
        }
        return (int) n;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** A value of {@code shape} whose element i is the source element {@code index[i]}. */
    private static Value take(Value src, int[] shape, int[] index) {
        if (src.isLong()) {
            long[] d = src.longData();
            long[] out = new long[index.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = d[index[i]];
            }
            return Value.longs(out, shape);
        }
        float[] d = src.floatData();
        float[] out = new float[index.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = d[index[i]];
        }
        return Value.floats(out, shape);
    }

    /** Elements {@code begin[a] + step[a]*i} along every axis a, {@code size[a]} of them. */
    static Value slice(Value x, int[] begin, int[] step, int[] size) {
        int[] in = x.shape();
        int[] inStrides = strides(in);
        int n = checkedNumel(size, "slice");
        int[] index = new int[n];
        int[] counter = new int[size.length];
        for (int i = 0; i < n; i++) {
            int src = 0;
            for (int a = 0; a < size.length; a++) {
                src += (begin[a] + step[a] * counter[a]) * inStrides[a];
            }
            index[i] = src;
            for (int a = size.length - 1; a >= 0; a--) {
                if (++counter[a] < size[a]) {
                    break;
                }
                counter[a] = 0;
            }
        }
        return take(x, size, index);
    }

    /** Pads (or, for negative amounts, crops) every axis; mode constant, reflect or edge. */
    static Value pad(Value x, int[] before, int[] after, String mode, double constant) {
        int[] in = x.shape();
        int[] out = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            out[a] = in[a] + before[a] + after[a];
            if (out[a] < 0) {
                throw InvalidArgumentException.of("Pad: pads %s and %s crop axis %d of %s below zero",
                        Arrays.toString(before), Arrays.toString(after), a, Arrays.toString(in));
            }
            if (mode.equals("reflect") && (before[a] >= in[a] || after[a] >= in[a]) && (before[a] > 0 || after[a] > 0)) {
                throw InvalidArgumentException.of("Pad: reflect padding %d/%d must be below the size %d of axis %d",
                        before[a], after[a], in[a], a);
            }
            if (mode.equals("edge") && in[a] == 0 && out[a] > 0) {
                throw InvalidArgumentException.of("Pad: edge padding of an empty axis %d", a);
            }
        }
        int[] inStrides = strides(in);
        int n = checkedNumel(out, "Pad");
        int[] counter = new int[out.length];
        boolean isLong = x.isLong();
        float[] fo = isLong ? null : new float[n];
        long[] lo = isLong ? new long[n] : null;
        for (int i = 0; i < n; i++) {
            int src = 0;
            boolean inside = true;
            for (int a = 0; a < out.length; a++) {
                int c = counter[a] - before[a];
                if (c < 0 || c >= in[a]) {
                    switch (mode) {
                        case "reflect":
                            c = c < 0 ? -c : 2 * (in[a] - 1) - c;
                            break;
                        case "edge":
                            c = c < 0 ? 0 : in[a] - 1;
                            break;
                        default:
                            inside = false;
                    }
                }
                src += c * inStrides[a];
            }
            if (isLong) {
                lo[i] = inside ? x.longData()[src] : (long) constant;
            } else {
                fo[i] = inside ? x.floatData()[src] : (float) constant;
            }
            for (int a = out.length - 1; a >= 0; a--) {
                if (++counter[a] < out[a]) {
                    break;
                }
                counter[a] = 0;
            }
        }
        return isLong ? Value.longs(lo, out) : Value.floats(fo, out);
    }

    static Value transpose(Value x, int[] perm) {
        int[] in = x.shape();
        int[] out = new int[in.length];
        int[] inStrides = strides(in);
        int[] permStrides = new int[in.length];
        for (int a = 0; a < in.length; a++) {
            out[a] = in[perm[a]];
            permStrides[a] = inStrides[perm[a]];
        }
        int n = checkedNumel(out, "Transpose");
        int[] index = new int[n];
        int[] counter = new int[out.length];
        for (int i = 0; i < n; i++) {
            int src = 0;
            for (int a = 0; a < out.length; a++) {
                src += counter[a] * permStrides[a];
            }
            index[i] = src;
            for (int a = out.length - 1; a >= 0; a--) {
                if (++counter[a] < out[a]) {
                    break;
                }
                counter[a] = 0;
            }
        }
        return take(x, out, index);
    }

    static Value concat(Value[] parts, int axis) {
        int[] out = parts[0].shape();
        boolean isLong = parts[0].isLong();
        int total = 0;
        for (Value p : parts) {
            int[] s = p.shape();
            if (s.length != out.length || p.isLong() != isLong) {
                throw InvalidArgumentException.of("Concat: inputs %s and %s differ in rank or type", parts[0], p);
            }
            for (int a = 0; a < s.length; a++) {
                if (a != axis && s[a] != out[a]) {
                    throw InvalidArgumentException.of("Concat: inputs %s and %s differ outside axis %d", parts[0], p, axis);
                }
            }
            total += s[axis];
        }
        out[axis] = total;
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= out[a];
        }
        int n = checkedNumel(out, "Concat");
        float[] fo = isLong ? null : new float[n];
        long[] lo = isLong ? new long[n] : null;
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Value p : parts) {
                int chunk = outer == 0 ? 0 : p.numel() / outer;
                if (isLong) {
                    System.arraycopy(p.longData(), o * chunk, lo, pos, chunk);
                } else {
                    System.arraycopy(p.floatData(), o * chunk, fo, pos, chunk);
                }
                pos += chunk;
            }
        }
        return isLong ? Value.longs(lo, out) : Value.floats(fo, out);
    }

    /** numpy's take along {@code axis}: indices may be negative (counted from the end). */
    static Value gather(Value x, Value indices, int axis) {
        int[] in = x.shape();
        int[] idxShape = indices.shape();
        int[] out = new int[in.length - 1 + idxShape.length];
        int k = 0;
        for (int a = 0; a < axis; a++) {
            out[k++] = in[a];
        }
        for (int d : idxShape) {
            out[k++] = d;
        }
        for (int a = axis + 1; a < in.length; a++) {
            out[k++] = in[a];
        }
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= in[a];
        }
        int inner = 1;
        for (int a = axis + 1; a < in.length; a++) {
            inner *= in[a];
        }
        int count = indices.numel();
        int[] index = new int[checkedNumel(out, "Gather")];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < count; j++) {
                long i = (long) indices.at(j);
                if (i < 0) {
                    i += in[axis];
                }
                if (i < 0 || i >= in[axis]) {
                    throw InvalidArgumentException.of("Gather: index %d is out of range for axis %d of size %d",
                            (long) indices.at(j), axis, in[axis]);
                }
                for (int r = 0; r < inner; r++) {
                    index[pos++] = (o * in[axis] + (int) i) * inner + r;
                }
            }
        }
        return take(x, out, index);
    }

    /** numpy's broadcast of two shapes. */
    static int[] broadcast(int[] a, int[] b, String op) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw InvalidArgumentException.of("%s: shapes %s and %s do not broadcast", op, Arrays.toString(a),
                        Arrays.toString(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** For every element of {@code out}, the flat index of the element of {@code in} broadcast to it. */
    static int[] broadcastIndex(int[] in, int[] out) {
        int n = checkedNumel(out, "broadcast");
        int[] inStrides = strides(in);
        int offset = out.length - in.length;
        int[] index = new int[n];
        int[] counter = new int[out.length];
        for (int i = 0; i < n; i++) {
            int src = 0;
            for (int a = 0; a < in.length; a++) {
                if (in[a] != 1) {
                    src += counter[a + offset] * inStrides[a];
                }
            }
            index[i] = src;
            for (int a = out.length - 1; a >= 0; a--) {
                if (++counter[a] < out[a]) {
                    break;
                }
                counter[a] = 0;
            }
        }
        return index;
    }
}
