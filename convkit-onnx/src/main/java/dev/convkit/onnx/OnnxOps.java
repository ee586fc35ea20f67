package dev.convkit.onnx;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.onnx.proto.OnnxProto.AttributeProto;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * The ONNX ops convkit imports, each with the attributes it understands. Convolutions and pools run
 * through the core op catalogue; an attribute outside an op's list, or a value of it that is not
 * supported, is an error naming the node, the op and the attribute.
 */
final class OnnxOps {
    /** Runs one node on its inputs (null for an omitted optional input); returns its outputs. */
    interface Kernel {
        Value[] run(OnnxNode node, Value[] in);
    }

    /** An op: the attributes it accepts and its kernel. */
    record Spec(Set<String> attributes, Kernel kernel) {
    }

    private static final Map<String, Spec> OPS = new LinkedHashMap<>();

    private static void put(String op, Kernel kernel, String... attributes) {
        OPS.put(op, new Spec(Set.of(attributes), kernel));
    }

    private OnnxOps() {
    }

    /** The op's entry, or an error naming the node when convkit does not import it. */
    static Spec require(OnnxNode node) {
        Spec spec = OPS.get(node.op());
        if (spec == null) {
            throw node.error("op %s is not supported (supported: %s)", node.op(), String.join(", ", new TreeSet<>(OPS.keySet())));
        }
        for (String attribute : node.attributes().keySet()) {
            if (!spec.attributes().contains(attribute)) {
                throw node.error("attribute %s is not supported", attribute);
            }
        }
        return spec;
    }

    /** The names of the supported ops. */
    static Set<String> names() {
        return new TreeSet<>(OPS.keySet());
    }

    static {
        // element-wise
        put("Relu", (n, in) -> unary(in[0], v -> v > 0 ? v : (v == v ? 0 : v)));
        put("LeakyRelu", (n, in) -> {
            double alpha = n.real("alpha", 0.01f);
            return unary(in[0], v -> v >= 0 ? v : v * alpha);
        }, "alpha");
        put("Elu", (n, in) -> {
            double alpha = n.real("alpha", 1f);
            return unary(in[0], v -> v > 0 ? v : alpha * Math.expm1(v));
        }, "alpha");
        put("Sigmoid", (n, in) -> unary(in[0], v -> 1 / (1 + Math.exp(-v))));
        put("Tanh", (n, in) -> unary(in[0], Math::tanh));
        put("Abs", (n, in) -> in[0].isLong() ? longUnary(in[0], Math::abs) : unary(in[0], Math::abs));
        put("Neg", (n, in) -> in[0].isLong() ? longUnary(in[0], v -> -v) : unary(in[0], v -> -v));
        put("Sign", (n, in) -> in[0].isLong() ? longUnary(in[0], Long::signum) : unary(in[0], Math::signum));
        put("Sqrt", (n, in) -> unary(in[0], Math::sqrt));
        put("Exp", (n, in) -> unary(in[0], Math::exp));
        put("Log", (n, in) -> unary(in[0], Math::log));
        put("Add", (n, in) -> binary(n, in, Double::sum, Long::sum));
        put("Sub", (n, in) -> binary(n, in, (a, b) -> a - b, (a, b) -> a - b));
        put("Mul", (n, in) -> binary(n, in, (a, b) -> a * b, (a, b) -> a * b));
        put("Div", (n, in) -> binary(n, in, (a, b) -> a / b, (a, b) -> {
            if (b == 0) {
                throw n.error("int64 division by zero");
            }
            return a / b; // truncates, as ONNX's int64 Div
        }));
        put("Pow", (n, in) -> {
            Value exponent = in[1].isLong() ? Value.of(in[1].tensor()) : in[1];
            return binary(n, new Value[] {in[0], exponent}, OnnxOps::power, (a, b) -> (long) Math.pow(a, b));
        });
        put("Softmax", OnnxOps::softmax, "axis");
        // structure
        put("Identity", (n, in) -> new Value[] {in[0]});
        put("Dropout", OnnxOps::dropout, "seed");
        put("Constant", OnnxOps::constant, "value", "value_float", "value_floats", "value_int", "value_ints");
        put("ConstantOfShape", OnnxOps::constantOfShape, "value");
        put("Flatten", OnnxOps::flatten, "axis");
        put("Reshape", OnnxOps::reshape, "allowzero");
        put("Shape", OnnxOps::shape, "start", "end");
        put("Gather", (n, in) -> {
            int axis = axis(n, n.integer("axis", 0), in[0].rank());
            return new Value[] {Layout.gather(in[0], in[1], axis)};
        }, "axis");
        put("Unsqueeze", OnnxOps::unsqueeze, "axes");
        put("Squeeze", OnnxOps::squeeze, "axes");
        put("Concat", (n, in) -> {
            if (!n.has("axis")) {
                throw n.error("attribute axis is required");
            }
            return new Value[] {Layout.concat(in, axis(n, n.integer("axis", 0), in[0].rank()))};
        }, "axis");
        put("Slice", OnnxOps::slice);
        put("Transpose", (n, in) -> {
            int rank = in[0].rank();
            int[] perm = new int[rank];
            long[] given = n.longs("perm");
            for (int i = 0; i < rank; i++) {
                perm[i] = given == null ? rank - 1 - i : axis(n, given[i], rank);
            }
            if (given != null && given.length != rank) {
                throw n.error("attribute perm has %d axes for an input of rank %d", given.length, rank);
            }
            return new Value[] {Layout.transpose(in[0], perm)};
        }, "perm");
        put("Cast", OnnxOps::cast, "to");
        put("Pad", OnnxOps::pad, "mode");
        put("ReduceMean", (n, in) -> reduce(n, in, Reduction.MEAN), "axes", "keepdims");
        put("ReduceSum", (n, in) -> reduce(n, in, Reduction.SUM), "keepdims", "noop_with_empty_axes");
        put("ReduceMax", (n, in) -> reduce(n, in, Reduction.MAX), "axes", "keepdims");
        // linear algebra and normalization
        put("Gemm", OnnxOps::gemm, "alpha", "beta", "transA", "transB");
        put("MatMul", OnnxOps::matMul);
        put("BatchNormalization", OnnxOps::batchNorm, "epsilon", "momentum", "training_mode");
        // the catalogue's ops
        put("Conv", WindowOps::conv, "auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        put("ConvTranspose", WindowOps::convTranspose, "auto_pad", "dilations", "group", "kernel_shape", "output_padding",
                "output_shape", "pads", "strides");
        put("MaxPool", WindowOps::maxPool, "auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order",
                "strides");
        put("AveragePool", WindowOps::averagePool, "auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads",
                "strides");
        put("LpPool", WindowOps::lpPool, "auto_pad", "kernel_shape", "p", "pads", "strides");
        put("GlobalAveragePool", (n, in) -> WindowOps.global(n, in, "adaptive_avg_pool"));
        put("GlobalMaxPool", (n, in) -> WindowOps.global(n, in, "adaptive_max_pool"));
        put("MaxUnpool", WindowOps::maxUnpool, "kernel_shape", "pads", "strides");
    }

    /** A catalogue op's output on the given operands and parameters. */
    static Forward catalogue(String name, Map<String, Object> params, Object... operands) {
        Op op = Catalogue.require(name);
        return op.forward(Operands.of(operands), op.params(params));
    }

    static int axis(OnnxNode n, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw n.error("axis %d is out of range for rank %d", axis, rank);
        }
        return (int) a;
    }

    static Value floatInput(OnnxNode n, Value[] in, int i) {
        if (in.length <= i || in[i] == null) {
            throw n.error("input %d is missing", i);
        }
        if (in[i].isLong()) {
            throw n.error("input %d must hold floats, got %s", i, in[i]);
        }
        return in[i];
    }

    private static double power(double a, double b) {
        if (b == 2) {
            return a * a;
        }
        return b == 1 ? a : Math.pow(a, b);
    }

    private static Value[] unary(Value x, DoubleUnaryOperator f) {
        float[] d = x.floatData();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) f.applyAsDouble(d[i]);
        }
        return new Value[] {Value.floats(out, x.shape())};
    }

    private static Value[] longUnary(Value x, java.util.function.LongUnaryOperator f) {
        long[] d = x.longData();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = f.applyAsLong(d[i]);
        }
        return new Value[] {Value.longs(out, x.shape())};
    }

    private static Value[] binary(OnnxNode n, Value[] in, DoubleBinaryOperator f, LongBinaryOperator g) {
        Value a = in[0];
        Value b = in[1];
        if (a.isLong() != b.isLong()) {
            throw n.error("inputs %s and %s differ in type", a, b);
        }
        int[] shape = Layout.broadcast(a.shape(), b.shape(), n.op());
        int[] ia = Layout.broadcastIndex(a.shape(), shape);
        int[] ib = Layout.broadcastIndex(b.shape(), shape);
        if (a.isLong()) {
            long[] out = new long[ia.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = g.applyAsLong(a.longData()[ia[i]], b.longData()[ib[i]]);
            }
            return new Value[] {Value.longs(out, shape)};
        }
        float[] out = new float[ia.length];
        float[] da = a.floatData();
        float[] db = b.floatData();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(da[ia[i]], db[ib[i]]);
        }
        return new Value[] {Value.floats(out, shape)};
    }

    private static Value[] softmax(OnnxNode n, Value[] in) {
        Value x = floatInput(n, in, 0);
        int axis = axis(n, n.integer("axis", -1), x.rank());
        int[] s = x.shape();
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= s[a];
        }
        int inner = 1;
        for (int a = axis + 1; a < s.length; a++) {
            inner *= s[a];
        }
        int len = s[axis];
        float[] d = x.floatData();
        float[] out = new float[d.length];
        for (int o = 0; o < outer; o++) {
            for (int r = 0; r < inner; r++) {
                int base = o * len * inner + r;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, d[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    sum += Math.exp(d[base + k * inner] - max);
                }
                for (int k = 0; k < len; k++) {
                    out[base + k * inner] = (float) (Math.exp(d[base + k * inner] - max) / sum);
                }
            }
        }
        return new Value[] {Value.floats(out, s)};
    }

    private static Value[] dropout(OnnxNode n, Value[] in) {
        if (in.length > 2 && in[2] != null && in[2].numel() == 1 && in[2].at(0) != 0) {
            throw n.error("input training_mode is true; an imported graph runs in inference mode");
        }
        if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
            throw n.error("output mask is not supported");
        }
        return new Value[] {in[0]};
    }

    private static Value[] constant(OnnxNode n, Value[] in) {
        if (n.attributes().size() != 1) {
            throw n.error("needs exactly one value attribute, got %s", n.attributes().keySet());
        }
        AttributeProto a = n.attributes().values().iterator().next();
        switch (a.getName()) {
            case "value":
                return new Value[] {Tensors.read(a.getT(), "node '" + n.name() + "' (Constant) value")};
            case "value_float":
                return new Value[] {Value.floats(new float[] {a.getF()})};
            case "value_floats": {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                return new Value[] {Value.floats(f, f.length)};
            }
            case "value_int":
                return new Value[] {Value.longs(new long[] {a.getI()})};
            default: {
                long[] l = n.longs("value_ints");
                return new Value[] {Value.longs(l, l.length)};
            }
        }
    }

    private static int[] shapeArgument(OnnxNode n, Value v, String what) {
        if (!v.isLong() || v.rank() != 1) {
            throw n.error("%s must be a 1-d int64 tensor, got %s", what, v);
        }
        int[] s = new int[v.numel()];
        for (int i = 0; i < s.length; i++) {
            long d = v.longData()[i];
            if (d < -1 || d > Integer.MAX_VALUE) {
                throw n.error("%s holds the dimension %d", what, d);
            }
            s[i] = (int) d;
        }
        return s;
    }

    private static Value[] constantOfShape(OnnxNode n, Value[] in) {
        int[] shape = shapeArgument(n, in[0], "input shape");
        int count = Layout.checkedNumel(shape, "ConstantOfShape");
        Value fill = n.has("value") ? Tensors.read(n.attribute("value").getT(), "node '" + n.name() + "' value")
                : Value.floats(new float[] {0f}, 1);
        if (fill.isLong()) {
            long[] out = new long[count];
            Arrays.fill(out, fill.longData()[0]);
            return new Value[] {Value.longs(out, shape)};
        }
        float[] out = new float[count];
        Arrays.fill(out, fill.floatData()[0]);
        return new Value[] {Value.floats(out, shape)};
    }

    private static Value[] flatten(OnnxNode n, Value[] in) {
        int[] s = in[0].shape();
        long a = n.integer("axis", 1);
        int axis = (int) (a < 0 ? a + s.length : a);
        if (axis < 0 || axis > s.length) {
            throw n.error("axis %d is out of range for rank %d", a, s.length);
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s[i];
        }
        int inner = in[0].numel() / Math.max(outer, 1);
        return new Value[] {in[0].reshape(outer, outer == 0 ? 0 : inner)};
    }

    private static Value[] reshape(OnnxNode n, Value[] in) {
        int[] s = in[0].shape();
        int[] target = shapeArgument(n, in[1], "input shape");
        boolean allowZero = n.integer("allowzero", 0) != 0;
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && !allowZero) {
                if (i >= s.length) {
                    throw n.error("shape %s copies dimension %d of the input %s, which has none",
                            Arrays.toString(target), i, Arrays.toString(s));
                }
                target[i] = s[i];
            }
            if (target[i] == -1) {
                if (infer >= 0) {
                    throw n.error("shape %s has two -1 dimensions", Arrays.toString(target));
                }
                infer = i;
            } else {
                known *= target[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || in[0].numel() % known != 0) {
                throw n.error("cannot reshape %s to %s", Arrays.toString(s), Arrays.toString(target));
            }
            target[infer] = (int) (in[0].numel() / known);
        }
        if (Layout.numel(target) != in[0].numel()) {
            throw n.error("cannot reshape %s (%d elements) to %s", Arrays.toString(s), in[0].numel(), Arrays.toString(target));
        }
        return new Value[] {in[0].reshape(target)};
    }

    private static Value[] shape(OnnxNode n, Value[] in) {
        int[] s = in[0].shape();
        long start = n.integer("start", 0);
        long end = n.integer("end", s.length);
        int from = (int) Math.max(0, Math.min(s.length, start < 0 ? start + s.length : start));
        int to = (int) Math.max(0, Math.min(s.length, end < 0 ? end + s.length : end));
        long[] out = new long[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = s[from + i];
        }
        return new Value[] {Value.longs(out, out.length)};
    }

    /** The axes of Unsqueeze/Squeeze: the second input (opset 13) or the attribute (before). */
    private static long[] axesOf(OnnxNode n, Value[] in) {
        if (in.length > 1 && in[1] != null) {
            if (!in[1].isLong()) {
                throw n.error("input axes must hold int64, got %s", in[1]);
            }
            return in[1].longData();
        }
        return n.longs("axes");
    }

    private static Value[] unsqueeze(OnnxNode n, Value[] in) {
        long[] axes = axesOf(n, in);
        if (axes == null) {
            throw n.error("needs axes");
        }
        int[] s = in[0].shape();
        int rank = s.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            int axis = axis(n, a, rank);
            if (inserted[axis]) {
                throw n.error("axis %d is repeated", a);
            }
            inserted[axis] = true;
        }
        int[] out = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : s[k++];
        }
        return new Value[] {in[0].reshape(out)};
    }

    private static Value[] squeeze(OnnxNode n, Value[] in) {
        long[] axes = axesOf(n, in);
        int[] s = in[0].shape();
        boolean[] drop = new boolean[s.length];
        if (axes == null) {
            for (int i = 0; i < s.length; i++) {
                drop[i] = s[i] == 1;
            }
        } else {
            for (long a : axes) {
                int axis = axis(n, a, s.length);
                if (s[axis] != 1) {
                    throw n.error("cannot squeeze axis %d of size %d", a, s[axis]);
                }
                drop[axis] = true;
            }
        }
        return new Value[] {in[0].reshape(Arrays.stream(range(s.length)).filter(i -> !drop[i]).map(i -> s[i]).toArray())};
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static Value[] slice(OnnxNode n, Value[] in) {
        int[] s = in[0].shape();
        long[] starts = in[1].longData();
        long[] ends = in[2].longData();
        long[] axes = in.length > 3 && in[3] != null ? in[3].longData() : null;
        long[] steps = in.length > 4 && in[4] != null ? in[4].longData() : null;
        if (ends.length != starts.length || (axes != null && axes.length != starts.length)
                || (steps != null && steps.length != starts.length)) {
            throw n.error("starts, ends, axes and steps differ in length");
        }
        int[] begin = new int[s.length];
        int[] step = new int[s.length];
        int[] size = s.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int axis = axis(n, axes == null ? i : axes[i], s.length);
            long st = steps == null ? 1 : steps[i];
            if (st == 0) {
                throw n.error("step 0 on axis %d", axis);
            }
            long dim = s[axis];
            long b = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (st > 0) {
                b = Math.max(0, Math.min(dim, b));
                e = Math.max(0, Math.min(dim, e));
            } else {
                b = Math.max(-1, Math.min(dim - 1, b));
                e = Math.max(-1, Math.min(dim - 1, e));
            }
            long count = st > 0 ? Math.max(0, (e - b + st - 1) / st) : Math.max(0, (b - e + (-st) - 1) / (-st));
            begin[axis] = (int) b;
            step[axis] = (int) st;
            size[axis] = (int) count;
        }
        return new Value[] {Layout.slice(in[0], begin, step, size)};
    }

    private static Value[] cast(OnnxNode n, Value[] in) {
        int to = (int) n.integer("to", -1);
        boolean toLong = Tensors.isIntegral(to);
        if (!toLong && !Tensors.isFloating(to)) {
            throw n.unsupported("to", to);
        }
        Value x = in[0];
        if (toLong == x.isLong()) {
            return new Value[] {x};
        }
        if (toLong) {
            float[] d = x.floatData();
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (long) d[i];
            }
            return new Value[] {Value.longs(out, x.shape())};
        }
        return new Value[] {Value.of(x.tensor())};
    }

    private static Value[] pad(OnnxNode n, Value[] in) {
        String mode = n.string("mode", "constant");
        if (!Set.of("constant", "reflect", "edge").contains(mode)) {
            throw n.unsupported("mode", mode);
        }
        int rank = in[0].rank();
        long[] pads = in[1].longData();
        if (pads.length != 2 * rank) {
            throw n.error("pads has %d values for an input of rank %d (needs %d)", pads.length, rank, 2 * rank);
        }
        int[] before = new int[rank];
        int[] after = new int[rank];
        for (int a = 0; a < rank; a++) {
            before[a] = Math.toIntExact(pads[a]);
            after[a] = Math.toIntExact(pads[a + rank]);
        }
        double constant = in.length > 2 && in[2] != null && in[2].numel() > 0 ? in[2].at(0) : 0;
        return new Value[] {Layout.pad(in[0], before, after, mode, constant)};
    }

    private enum Reduction { SUM, MEAN, MAX }

    private static Value[] reduce(OnnxNode n, Value[] in, Reduction kind) {
        Value x = floatInput(n, in, 0);
        int[] s = x.shape();
        long[] axes = kind == Reduction.SUM ? (in.length > 1 && in[1] != null ? in[1].longData() : null) : n.longs("axes");
        boolean[] reduced = new boolean[s.length];
        if (axes == null || axes.length == 0) {
            if (kind == Reduction.SUM && n.integer("noop_with_empty_axes", 0) != 0) {
                return new Value[] {x};
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[axis(n, a, s.length)] = true;
            }
        }
        boolean keep = n.integer("keepdims", 1) != 0;
        int[] kept = new int[s.length];
        long count = 1;
        for (int a = 0; a < s.length; a++) {
            kept[a] = reduced[a] ? 1 : s[a];
            count *= reduced[a] ? s[a] : 1;
        }
        int[] outStrides = Layout.strides(kept);
        int outN = Layout.checkedNumel(kept, n.op());
        double[] acc = new double[outN];
        if (kind == Reduction.MAX) {
            Arrays.fill(acc, Double.NEGATIVE_INFINITY);
        }
        float[] d = x.floatData();
        int[] counter = new int[s.length];
        for (int i = 0; i < d.length; i++) {
            int o = 0;
            for (int a = 0; a < s.length; a++) {
                if (!reduced[a]) {
                    o += counter[a] * outStrides[a];
                }
            }
            acc[o] = kind == Reduction.MAX ? (Double.isNaN(d[i]) || d[i] > acc[o] ? d[i] : acc[o]) : acc[o] + d[i];
            for (int a = s.length - 1; a >= 0; a--) {
                if (++counter[a] < s[a]) {
                    break;
                }
                counter[a] = 0;
            }
        }
        float[] out = new float[outN];
        for (int i = 0; i < outN; i++) {
            out[i] = (float) (kind == Reduction.MEAN ? acc[i] / count : acc[i]);
        }
        int[] shape = keep ? kept : Arrays.stream(range(s.length)).filter(a -> !reduced[a]).map(a -> s[a]).toArray();
        return new Value[] {Value.floats(out, shape)};
    }

    private static Value[] gemm(OnnxNode n, Value[] in) {
        Value a = floatInput(n, in, 0);
        Value b = floatInput(n, in, 1);
        if (a.rank() != 2 || b.rank() != 2) {
            throw n.error("A and B must be matrices, got %s and %s", a, b);
        }
        boolean ta = n.integer("transA", 0) != 0;
        boolean tb = n.integer("transB", 0) != 0;
        int m = ta ? a.dim(1) : a.dim(0);
        int k = ta ? a.dim(0) : a.dim(1);
        int kb = tb ? b.dim(1) : b.dim(0);
        int cols = tb ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw n.error("inner dimensions differ: A %s, B %s (transA=%d, transB=%d)", a, b, ta ? 1 : 0, tb ? 1 : 0);
        }
        double alpha = n.real("alpha", 1f);
        double beta = n.real("beta", 1f);
        float[] da = a.floatData();
        float[] db = b.floatData();
        int[] outShape = {m, cols};
        int[] ci = null;
        float[] dc = null;
        if (in.length > 2 && in[2] != null) {
            Value c = floatInput(n, in, 2);
            if (!Arrays.equals(Layout.broadcast(c.shape(), outShape, "Gemm"), outShape)) {
                throw n.error("C %s does not broadcast to %s", c, Arrays.toString(outShape));
            }
            ci = Layout.broadcastIndex(c.shape(), outShape);
            dc = c.floatData();
        }
        float[] out = new float[m * cols];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) da[ta ? p * m + i : i * k + p] * db[tb ? j * k + p : p * cols + j];
                }
                double v = alpha * sum;
                if (dc != null) {
                    v += beta * dc[ci[i * cols + j]];
                }
                out[i * cols + j] = (float) v;
            }
        }
        return new Value[] {Value.floats(out, outShape)};
    }

    private static Value[] matMul(OnnxNode n, Value[] in) {
        Value a = floatInput(n, in, 0);
        Value b = floatInput(n, in, 1);
        int[] sa = a.shape();
        int[] sb = b.shape();
        boolean vecA = sa.length == 1;
        boolean vecB = sb.length == 1;
        if (vecA) {
            sa = new int[] {1, sa[0]};
        }
        if (vecB) {
            sb = new int[] {sb[0], 1};
        }
        int m = sa[sa.length - 2];
        int k = sa[sa.length - 1];
        int cols = sb[sb.length - 1];
        if (sb[sb.length - 2] != k) {
            throw n.error("inner dimensions differ: %s and %s", a, b);
        }
        int[] batchA = Arrays.copyOf(sa, sa.length - 2);
        int[] batchB = Arrays.copyOf(sb, sb.length - 2);
        int[] batch = Layout.broadcast(batchA, batchB, "MatMul");
        int[] ia = Layout.broadcastIndex(batchA, batch);
        int[] ib = Layout.broadcastIndex(batchB, batch);
        float[] da = a.floatData();
        float[] db = b.floatData();
        float[] out = new float[ia.length * m * cols];
        for (int t = 0; t < ia.length; t++) {
            int oa = ia[t] * m * k;
            int ob = ib[t] * k * cols;
            int oo = t * m * cols;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < cols; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (double) da[oa + i * k + p] * db[ob + p * cols + j];
                    }
                    out[oo + i * cols + j] = (float) sum;
                }
            }
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = cols;
        if (vecA || vecB) {
            int[] squeezed = Arrays.copyOf(batch, batch.length + (vecA && vecB ? 0 : 1));
            if (!(vecA && vecB)) {
                squeezed[batch.length] = vecA ? cols : m;
            }
            shape = squeezed;
        }
        return new Value[] {Value.floats(out, shape)};
    }

    private static Value[] batchNorm(OnnxNode n, Value[] in) {
        if (n.integer("training_mode", 0) != 0) {
            throw n.unsupported("training_mode", n.integer("training_mode", 0));
        }
        Value x = floatInput(n, in, 0);
        if (x.rank() < 2) {
            throw n.error("input must have a channel axis, got %s", x);
        }
        int channels = x.dim(1);
        float[] scale = floatInput(n, in, 1).floatData();
        float[] bias = floatInput(n, in, 2).floatData();
        float[] mean = floatInput(n, in, 3).floatData();
        float[] var = floatInput(n, in, 4).floatData();
        for (int i = 1; i <= 4; i++) {
            if (in[i].numel() != channels) {
                throw n.error("input %d has %d values for %d channels", i, in[i].numel(), channels);
            }
        }
        double eps = n.real("epsilon", 1e-5f);
        float[] d = x.floatData();
        float[] out = new float[d.length];
        int plane = x.numel() / Math.max(1, x.dim(0) * channels);
        for (int i = 0; i < d.length; i++) {
            int c = (i / plane) % channels;
            double invStd = 1 / Math.sqrt(var[c] + eps);
            out[i] = (float) ((d[i] - mean[c]) * invStd * scale[c] + bias[c]);
        }
        return new Value[] {Value.floats(out, x.shape())};
    }

    /** Wraps a catalogue error with the node's name. */
    static InvalidArgumentException wrap(OnnxNode n, InvalidArgumentException e) {
        return n.error("%s", e.getMessage());
    }

    /** The tensor of a value given to a catalogue op. */
    static Tensor tensor(Value v) {
        return v == null ? null : v.tensor();
    }
}
