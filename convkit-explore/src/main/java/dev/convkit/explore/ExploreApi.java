package dev.convkit.explore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.conv.ConvForward;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operand;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Param;
import dev.convkit.core.op.ParamType;
import dev.convkit.core.op.Params;
import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.PoolForward;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explorer's JSON API, a thin adapter over the op catalogue: one single-channel 2-d op call in,
 * everything the page draws out (output, gradients, the output-size formula with its numbers, each
 * output cell's taps and products, divisors, argmax, adaptive and fractional window rules, the
 * terms of one input cell's gradient, and the same call as torch and convkit code). The page does
 * layout and animation only; every number it shows comes from here.
 *
 * <pre>{@code
 * ExploreApi api = new ExploreApi(Map.of());
 * JsonNode req = new ObjectMapper().readTree(
 *     "{\"op\":\"conv2d\",\"params\":{},\"input\":[[4,5,2,2,1],...],\"weight\":[[4,3,3],[5,5,5],[2,4,3]],"
 *     + "\"grad_output\":\"ones\",\"explain\":[2,2]}");
 * Map<String, Object> answer = api.run(req);   // output C, dE/dA, and explain: 34 = 3+4+2+5+5+5+3+3+4
 * }</pre>
 */
public final class ExploreApi {
    /** The most elements one tensor of a request may hold (64×64). */
    public static final int MAX_ELEMENTS = 4096;
    /** The largest input side. */
    public static final int MAX_SIDE = 64;
    /** The most elements an answer's output may hold (a transposed convolution grows its input). */
    public static final int MAX_OUTPUT_ELEMENTS = 16384;

    /** The ops the page drives, all single-channel 2-d. */
    public static final List<String> OPS = List.of("conv2d", "conv_transpose2d", "max_pool2d", "avg_pool2d",
            "lp_pool2d", "adaptive_avg_pool2d", "adaptive_max_pool2d", "fractional_max_pool2d");

    /** The course exercise: image A and kernel K. */
    public static final double[][] EXERCISE_A = {{4, 5, 2, 2, 1}, {3, 3, 2, 2, 4}, {4, 3, 4, 1, 1}, {5, 1, 4, 1, 2},
        {5, 1, 3, 1, 4}};
    /** The exercise's kernel. */
    public static final double[][] EXERCISE_K = {{4, 3, 3}, {5, 5, 5}, {2, 4, 3}};

    private final Map<String, double[][]> namedKernels;

    /**
     * @param namedKernels the kernels the page offers by name (identity, box, ...), in display order;
     *                     the CLI passes its classic kernels
     */
    public ExploreApi(Map<String, double[][]> namedKernels) {
        this.namedKernels = new LinkedHashMap<>(namedKernels);
    }

    /** The page's start-up data: the ops with their parameters, the named kernels, the exercise, the model presets. */
    public Map<String, Object> catalogue() {
        List<Object> ops = new ArrayList<>();
        for (String name : OPS) {
            Op op = Catalogue.require(name);
            List<Object> params = new ArrayList<>();
            for (Param p : op.params()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("type", p.type().name());
                m.put("default", defaultValue(p.defaultValue()));
                m.put("required", p.required());
                m.put("description", p.description());
                params.add(m);
            }
            List<Object> operands = new ArrayList<>();
            for (Operand o : op.operands()) {
                operands.add(Map.of("name", o.name(), "required", o.required(), "trainable", o.trainable()));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", op.name());
            m.put("family", op.family());
            m.put("summary", op.summary());
            m.put("params", params);
            m.put("operands", operands);
            ops.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ops", ops);
        out.put("kernels", namedKernels);
        out.put("exercise", Map.of("input", EXERCISE_A, "weight", EXERCISE_K));
        out.put("models", NetworkPlanner.presets());
        out.put("limits", Map.of("max_elements", MAX_ELEMENTS, "max_side", MAX_SIDE));
        return out;
    }

    private static Object defaultValue(Object value) {
        if (value instanceof int[] a) {
            return a.length == 1 ? a[0] : a;
        }
        if (value instanceof Double d && d.isInfinite()) {
            return "inf";
        }
        return value;
    }

    /**
     * Runs one op call.
     *
     * @throws ApiError                 for a malformed request or a tensor above the limits
     * @throws InvalidArgumentException for a parameter or shape the op rejects (its one-line message)
     */
    public Map<String, Object> run(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new ApiError(400, null, "the request body must be a JSON object");
        }
        String opName = text(request, "op");
        if (!OPS.contains(opName)) {
            throw new ApiError(400, "op", "op must be one of " + String.join(", ", OPS) + ", got '" + opName + "'");
        }
        Op op = Catalogue.require(opName);
        Map<String, Object> raw = rawParams(request.get("params"));
        double[][] a = matrix(request, "input", true);
        double[][] k = op.accepts("groups") ? matrix(request, "weight", true) : null;
        if (a.length > MAX_SIDE || a[0].length > MAX_SIDE) {
            throw new ApiError(413, "input", String.format(Locale.ROOT,
                    "input is %d×%d; the explorer takes inputs up to %d×%d", a.length, a[0].length, MAX_SIDE, MAX_SIDE));
        }
        if (op.accepts("return_indices")) {
            raw.put("return_indices", true);
        }
        Params params = op.params(raw);
        Tensor input = Tensor.of(a).reshape(1, 1, a.length, a[0].length);
        Tensor weight = k == null ? null : Tensor.of(k).reshape(1, 1, k.length, k[0].length);
        guardOutputSize(op, params, a, k);
        Forward forward = op.forward(Operands.of("input", input, "weight", weight), params);
        Tensor output = forward.output();
        if (output.numel() > MAX_OUTPUT_ELEMENTS) {
            throw new ApiError(413, "output", "the output would have " + output.numel()
                    + " elements; the explorer draws at most " + MAX_OUTPUT_ELEMENTS);
        }
        int oh = output.dim(2);
        int ow = output.dim(3);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("op", op.name());
        out.put("summary", op.summary());
        out.put("input", a);
        if (k != null) {
            out.put("weight", k);
        }
        out.put("output", output.matrix(0, 0));

        Tensor gradOutput = gradOutput(request.get("grad_output"), oh, ow);
        Gradients gradients = forward.backward(gradOutput);
        Map<String, Object> grads = new LinkedHashMap<>();
        grads.put("output", gradOutput.matrix(0, 0));
        grads.put("input", gradients.get("input").matrix(0, 0));
        if (gradients.get("weight") != null) {
            grads.put("weight", gradients.get("weight").matrix(0, 0));
        }
        out.put("gradients", grads);

        int[] explain = cell(request.get("explain"), a.length, a[0].length);
        if (forward instanceof ConvForward conv) {
            ConvDetail.describe(out, op, params, conv, input, weight, gradOutput, gradients, explain);
        } else {
            PoolDetail.describe(out, op, params, (PoolForward) forward, input, gradOutput, gradients, explain);
        }
        out.put("code", forward instanceof ConvForward conv
                ? Code.of(op, params, a, k, conv.plan().padLeft(), conv.plan().padRight())
                : Code.of(op, params, a, k));
        return out;
    }

    /**
     * Rejects a call whose output would be too large to draw before any work is done: a transposed
     * convolution grows its input, a large padding grows a convolution's, an adaptive pool makes what
     * it is asked for. Sizes the op itself rejects are left to its own message.
     */
    private static void guardOutputSize(Op op, Params params, double[][] a, double[][] k) {
        long h;
        long w;
        String field;
        switch (op.family()) {
            case "conv_transpose": {
                int[] s = ints(params.ints("stride"));
                if (params.get("padding") instanceof String same && !same.equals("valid")) {
                    h = (long) a.length * s[0]; // a transposed 'same' multiplies the input by the stride
                    w = (long) a[0].length * s[1];
                    field = "stride";
                    break;
                }
                int[] p = params.get("padding") instanceof int[] given ? ints(given) : new int[2];
                int[] q = ints(params.ints("output_padding"));
                int[] d = ints(params.ints("dilation"));
                h = Windows.transposedOutput(a.length, k.length, s[0], p[0], d[0], q[0]);
                w = Windows.transposedOutput(a[0].length, k[0].length, s[1], p[1], d[1], q[1]);
                field = "stride";
                break;
            }
            case "conv": {
                if (!(params.get("padding") instanceof int[])) {
                    return; // 'same' keeps the input size, 'valid' shrinks it
                }
                int[] s = ints(params.ints("stride"));
                int[] p = ints(params.ints("padding"));
                int[] d = ints(params.ints("dilation"));
                if (s[0] <= 0 || s[1] <= 0) {
                    return;
                }
                h = Windows.convOutput(a.length, k.length, s[0], 2L * p[0], d[0]);
                w = Windows.convOutput(a[0].length, k[0].length, s[1], 2L * p[1], d[1]);
                field = "padding";
                break;
            }
            case "adaptive_avg_pool":
            case "adaptive_max_pool": {
                int[] o = params.ints("output_size");
                int[] hw = ints(o);
                h = hw[0] == ParamType.NONE ? a.length : hw[0];
                w = hw[1] == ParamType.NONE ? a[0].length : hw[1];
                field = "output_size";
                break;
            }
            default:
                return;
        }
        if (h > 0 && w > 0 && h * w > MAX_OUTPUT_ELEMENTS) {
            throw new ApiError(413, field, String.format(Locale.ROOT,
                    "%s: the output would be %d×%d; the explorer draws at most %d elements", op.name(), h, w,
                    MAX_OUTPUT_ELEMENTS));
        }
    }

    /** A per-dimension parameter as (H, W); one value stands for both. */
    static int[] ints(int[] values) {
        if (values == null || values.length == 0) {
            return new int[] {0, 0};
        }
        return values.length == 1 ? new int[] {values[0], values[0]} : new int[] {values[0], values[1]};
    }

    private static Tensor gradOutput(JsonNode node, int oh, int ow) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().equals("ones"))) {
            return Tensor.full(1f, 1, 1, oh, ow);
        }
        if (node.isTextual()) {
            throw new ApiError(400, "grad_output", "grad_output must be \"ones\" or a matrix, got \"" + node.asText() + "\"");
        }
        double[][] g = matrixOf(node, "grad_output");
        if (g.length != oh || g[0].length != ow) {
            throw new ApiError(400, "grad_output", String.format(Locale.ROOT,
                    "grad_output must have the output's shape %d×%d, got %d×%d", oh, ow, g.length, g[0].length));
        }
        return Tensor.of(g).reshape(1, 1, oh, ow);
    }

    private static int[] cell(JsonNode node, int h, int w) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != 2 || !node.get(0).canConvertToInt() || !node.get(1).canConvertToInt()
                || !node.get(0).isIntegralNumber() || !node.get(1).isIntegralNumber()) {
            throw new ApiError(400, "explain", "explain must be an input cell [row, column]");
        }
        int r = node.get(0).asInt();
        int c = node.get(1).asInt();
        if (r < 0 || r >= h || c < 0 || c >= w) {
            throw new ApiError(400, "explain", String.format(Locale.ROOT,
                    "explain: cell (%d,%d) is outside the %d×%d input", r, c, h, w));
        }
        return new int[] {r, c};
    }

    static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || !node.isTextual()) {
            throw new ApiError(400, field, field + " must be a string");
        }
        return node.asText();
    }

    /** The params object as the raw values {@link Op#params} reads: numbers, booleans, strings, lists. */
    static Map<String, Object> rawParams(JsonNode node) {
        Map<String, Object> raw = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return raw;
        }
        if (!node.isObject()) {
            throw new ApiError(400, "params", "params must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            raw.put(e.getKey(), value(e.getValue()));
        }
        return raw;
    }

    private static Object value(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(value(x)));
            return list;
        }
        return v.toString();
    }

    static double[][] matrix(JsonNode request, String field, boolean required) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new ApiError(400, field, field + " is required (a matrix: a list of rows of numbers)");
            }
            return null;
        }
        return matrixOf(node, field);
    }

    static double[][] matrixOf(JsonNode node, String field) {
        if (!node.isArray() || node.isEmpty() || !node.get(0).isArray() || node.get(0).isEmpty()) {
            throw new ApiError(400, field, field + " must be a matrix: a non-empty list of non-empty rows of numbers");
        }
        int rows = node.size();
        int cols = node.get(0).size();
        if ((long) rows * cols > MAX_ELEMENTS || rows > MAX_ELEMENTS || cols > MAX_ELEMENTS) {
            throw new ApiError(413, field, String.format(Locale.ROOT,
                    "%s has %d elements; the explorer takes at most %d per tensor (%d×%d)", field, (long) rows * cols,
                    MAX_ELEMENTS, MAX_SIDE, MAX_SIDE));
        }
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray() || row.size() != cols) {
                throw new ApiError(400, field, String.format(Locale.ROOT,
                        "%s: row %d has %d entries, row 0 has %d; every row needs the same length", field, r,
                        row.isArray() ? row.size() : 0, cols));
            }
            for (int c = 0; c < cols; c++) {
                JsonNode v = row.get(c);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw new ApiError(400, field, String.format(Locale.ROOT,
                            "%s: entry (%d,%d) must be a finite number, got %s", field, r, c, v));
                }
                m[r][c] = v.asDouble();
            }
        }
        return m;
    }

    private static final Pattern WORD = Pattern.compile("[a-z_]+");

    /**
     * The control a core message is about: the first of the op's parameter names (or {@code kernel},
     * {@code input}) the message mentions after the op's name.
     */
    public static String fieldOf(String opName, String message) {
        Op op = Catalogue.find(opName);
        String body = message.startsWith(opName + ":") ? message.substring(opName.length() + 1) : message;
        if (body.contains("kernel size (weight shape)") || body.contains("weight")) {
            return "weight";
        }
        Matcher m = WORD.matcher(body);
        while (m.find()) {
            String word = m.group();
            if (op != null && op.accepts(word)) {
                return word;
            }
            if (word.equals("kernel") || word.equals("input") || word.equals("grad_output")) {
                return word.equals("kernel") ? (op != null && op.accepts("kernel_size") ? "kernel_size" : "weight") : word;
            }
        }
        return null;
    }

    /** A flat index of a plane as (row, column). */
    static int[] rc(long flat, int width) {
        return new int[] {(int) (flat / width), (int) (flat % width)};
    }

    /** The argmax of every output cell as (row, column) pairs, in row-major output order. */
    static List<int[]> argmax(IndexTensor selected, int width) {
        List<int[]> out = new ArrayList<>();
        for (long v : selected.data()) {
            out.add(rc(v, width));
        }
        return out;
    }

    /** The positions of one axis's windows, output by output. */
    static int[][] taps(AxisWindows w) {
        int[][] t = new int[w.outputs()][];
        for (int o = 0; o < w.outputs(); o++) {
            t[o] = new int[w.count(o)];
            for (int j = 0; j < w.count(o); j++) {
                t[o][j] = w.first(o) + j * w.step();
            }
        }
        return t;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String dims(int[] v) {
        return v[0] == v[1] ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
    }

    static String arr(int[] v) {
        return Arrays.toString(v);
    }

    /** Keeps the fractional context's class visible to the detail builders. */
    static FractionalMaxPool.Context fractional(PoolForward f) {
        return f instanceof FractionalMaxPool.Context c ? c : null;
    }
}
