package dev.convkit.explore;

import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.PoolForward;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the page draws for a pool, from its forward context: each window's positions per axis (as the
 * core lifted them), divisors, argmax cells, the output-size formula, the adaptive floor/ceil rule,
 * the fractional samples, alpha and starts, LP's identities, max unpooling, and one input cell's
 * gradient terms (each the backward of a one-hot output gradient, so the engine decides the share).
 *
 * <pre>{@code
 * PoolDetail.describe(answer, op, params, (PoolForward) forward, input, gradOutput, gradients, null);
 * answer.get("argmax");  // [[0, 0], [0, 1], [2, 0], [1, 1]] for max_pool2d(C, 2, stride=1)
 * }</pre>
 */
public final class PoolDetail {
    private PoolDetail() {
    }

    /** Adds the pool's detail to {@code out}. */
    public static void describe(Map<String, Object> out, Op op, Params params, PoolForward forward, Tensor input,
                                Tensor gradOutput, Gradients gradients, int[] explain) {
        AxisWindows[] lifted = forward.windows(0);
        AxisWindows[] w = {lifted[1], lifted[2]};
        int[] inSize = {input.dim(2), input.dim(3)};
        int width = inSize[1];
        int[][] rows = ExploreApi.taps(w[0]);
        int[][] cols = ExploreApi.taps(w[1]);
        Map<String, Object> windows = new LinkedHashMap<>();
        windows.put("rows", rows);
        windows.put("cols", cols);
        windows.put("row_extent", extents(w[0]));
        windows.put("col_extent", extents(w[1]));
        out.put("windows", windows);
        if (forward.divisors() != null) {
            out.put("divisors", forward.divisors());
        }
        IndexTensor selected = forward.selected();
        if (selected != null) {
            out.put("argmax", ExploreApi.argmax(selected, width));
        }
        if (forward.indices() != null) {
            out.put("indices", forward.indices().data());
        }
        String family = op.family();
        if (op.accepts("ceil_mode")) {
            int[] kernel = ExploreApi.ints(params.ints("kernel_size"));
            int[] stride = params.ints("stride") == null ? kernel : ExploreApi.ints(params.ints("stride"));
            int[] padding = ExploreApi.ints(params.ints("padding"));
            int[] dilation = op.accepts("dilation") ? ExploreApi.ints(params.ints("dilation")) : new int[] {1, 1};
            List<Object> formula = new ArrayList<>();
            for (int axis = 0; axis < 2; axis++) {
                formula.add(Formula.pool(axis, inSize[axis], kernel[axis], stride[axis], padding[axis], dilation[axis],
                        params.bool("ceil_mode")));
            }
            out.put("formula", formula);
            out.put("kernel", kernel);
            out.put("stride", stride);
            out.put("padding", padding);
            out.put("kernel_volume", forward.kernelVolume());
        }
        if (family.startsWith("adaptive")) {
            out.put("adaptive", adaptive(inSize, w));
        }
        FractionalMaxPool.Context fractional = ExploreApi.fractional(forward);
        if (fractional != null) {
            out.put("fractional", fractional(fractional, params, inSize));
        }
        if (family.equals("lp_pool")) {
            out.put("lp", lpIdentities(params, input, forward));
        }
        if (family.equals("max_pool")) {
            out.put("unpool", unpool(params, forward, inSize));
        }
        if (explain != null) {
            out.put("explain", explain(forward, gradOutput, gradients, rows, cols, explain));
        }
    }

    private static int[] extents(AxisWindows w) {
        int[] e = new int[w.outputs()];
        for (int o = 0; o < e.length; o++) {
            e[o] = w.extent(o);
        }
        return e;
    }

    /** The floor/ceil rule of each axis, numbers from {@link Windows#adaptiveStart} and {@link Windows#adaptiveEnd}. */
    private static List<Object> adaptive(int[] inSize, AxisWindows[] w) {
        List<Object> axes = new ArrayList<>();
        for (int axis = 0; axis < 2; axis++) {
            int length = inSize[axis];
            int outputs = w[axis].outputs();
            List<Object> windows = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                int start = Windows.adaptiveStart(i, length, outputs);
                int end = Windows.adaptiveEnd(i, length, outputs);
                windows.add(Map.of("i", i, "start", start, "end", end, "text", String.format(Locale.ROOT,
                        "%s %d: [⌊%d·%d/%d⌋, ⌈%d·%d/%d⌉) = [%d, %d)", Formula.lineName(axis, false), i,
                        i, length, outputs, i + 1, length, outputs, start, end)));
            }
            axes.add(Map.of("axis", Formula.axisName(axis), "rule",
                    "window i covers [⌊i·" + Formula.axisName(axis) + "/O⌋, ⌈(i+1)·" + Formula.axisName(axis) + "/O⌉)",
                    "windows", windows));
        }
        return axes;
    }

    /**
     * The seed, the samples u (PyTorch's order: u[0] for the width, u[1] for the height), alpha and the
     * window starts of each axis, with the start formula substituted.
     */
    private static Map<String, Object> fractional(FractionalMaxPool.Context f, Params params, int[] inSize) {
        float[] samples = f.samples().data();
        int[] outSize = f.outputSize();
        int[] kernel = f.kernel();
        AxisWindows[] lifted = f.windows(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", params.longValue("seed"));
        m.put("samples", samples);
        List<Object> axes = new ArrayList<>();
        for (int axis = 0; axis < 2; axis++) {
            double u = samples[1 - axis];
            int length = inSize[axis];
            int o = outSize[axis];
            int k = kernel[axis];
            AxisWindows w = lifted[axis + 1];
            double alpha = Windows.fractionalAlpha(length, o, k);
            List<Object> starts = new ArrayList<>();
            for (int i = 0; i < o; i++) {
                String text = i < o - 1
                        ? String.format(Locale.ROOT, "start[%d] = ⌊(%d + %s)·%s⌋ − ⌊%s·%s⌋ = %d", i, i, ExploreApi.num(u),
                                ExploreApi.num(alpha), ExploreApi.num(u), ExploreApi.num(alpha), w.first(i))
                        : String.format(Locale.ROOT, "start[%d] = %s − k = %d − %d = %d", i, Formula.axisName(axis),
                                length, k, w.first(i));
                starts.add(Map.of("i", i, "start", w.first(i), "text", text));
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("axis", Formula.axisName(axis));
            a.put("u", u);
            a.put("alpha", alpha);
            a.put("alpha_text", String.format(Locale.ROOT, "α = (%s − k) / (O − 1) = (%d − %d) / (%d − 1) = %s",
                    Formula.axisName(axis), length, k, o, ExploreApi.num(alpha)));
            a.put("rule", "start[i] = ⌊(i + u)·α⌋ − ⌊u·α⌋ for i < O − 1, and start[O − 1] = " + Formula.axisName(axis) + " − k");
            a.put("starts", starts);
            axes.add(a);
        }
        m.put("axes", axes);
        return m;
    }

    /** LP pooling's identities on the same windows: p = 1 is window size × average, p = ∞ is max. */
    private static Map<String, Object> lpIdentities(Params params, Tensor input, PoolForward lp) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("kernel_size", params.ints("kernel_size"));
        if (params.ints("stride") != null) {
            window.put("stride", params.ints("stride"));
        }
        window.put("padding", params.ints("padding"));
        window.put("ceil_mode", params.bool("ceil_mode"));
        Tensor avg = run("avg_pool2d", window, input);
        Tensor max = run("max_pool2d", window, input);
        Map<String, Object> p1 = new LinkedHashMap<>(window);
        p1.put("norm_type", 1);
        Map<String, Object> pInf = new LinkedHashMap<>(window);
        pInf.put("norm_type", "inf");
        Tensor lp1 = run("lp_pool2d", p1, input);
        Tensor lpInf = run("lp_pool2d", pInf, input);
        double volume = lp.kernelVolume();
        float[] scaled = avg.data().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = (float) (scaled[i] * volume);
        }
        Tensor avgTimesVolume = Tensor.wrap(scaled, avg.shape());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p", params.number("norm_type") == Double.POSITIVE_INFINITY ? "inf" : params.number("norm_type"));
        m.put("volume", volume);
        m.put("lp_p1", lp1.matrix(0, 0));
        m.put("avg_times_volume", avgTimesVolume.matrix(0, 0));
        m.put("p1_equal", close(lp1.data(), scaled));
        m.put("lp_inf", lpInf.matrix(0, 0));
        m.put("max", max.matrix(0, 0));
        m.put("inf_equal", close(lpInf.data(), max.data()));
        return m;
    }

    private static boolean close(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-4 * Math.max(1, Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    private static Tensor run(String name, Map<String, Object> raw, Tensor input) {
        Op op = Catalogue.require(name);
        return op.forward(Operands.of("input", input), op.params(raw)).output();
    }

    /** max_unpool2d of the pooled output at its argmax: the partial inverse. */
    private static Map<String, Object> unpool(Params params, PoolForward pool, int[] inSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        int[] dilation = ExploreApi.ints(params.ints("dilation"));
        if (dilation[0] != 1 || dilation[1] != 1) {
            m.put("note", "max_unpool2d inverts max pooling without dilation; set dilation to 1 to see it");
            return m;
        }
        Op op = Catalogue.require("max_unpool2d");
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("kernel_size", params.ints("kernel_size"));
        if (params.ints("stride") != null) {
            raw.put("stride", params.ints("stride"));
        }
        raw.put("padding", params.ints("padding"));
        raw.put("output_size", inSize);
        Forward f = op.forward(Operands.of("input", pool.output(), "indices", pool.selected()), op.params(raw));
        m.put("output", f.output().matrix(0, 0));
        m.put("call", "F.max_unpool2d(out, indices, kernel_size=" + ExploreApi.dims(ExploreApi.ints(params.ints("kernel_size")))
                + ", output_size=" + ExploreApi.arr(inSize) + ")");
        return m;
    }

    /**
     * The gradient terms of one input cell: for every output whose window reads it, the backward of
     * that output's gradient alone, read at the cell.
     */
    private static Map<String, Object> explain(PoolForward forward, Tensor gradOutput, Gradients gradients,
                                               int[][] rows, int[][] cols, int[] cell) {
        float[][] go = gradOutput.matrix(0, 0);
        int oh = go.length;
        int ow = go[0].length;
        int inW = forward.inputShape()[3];
        List<Object> terms = new ArrayList<>();
        for (int r = 0; r < oh; r++) {
            if (!contains(rows[r], cell[0])) {
                continue;
            }
            for (int c = 0; c < ow; c++) {
                if (!contains(cols[c], cell[1])) {
                    continue;
                }
                float[] single = new float[oh * ow];
                single[r * ow + c] = go[r][c];
                float share = forward.gradInput(Tensor.wrap(single, 1, 1, oh, ow)).data()[cell[0] * inW + cell[1]];
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("out", new int[] {r, c});
                t.put("g", go[r][c]);
                t.put("product", share);
                if (forward.divisors() != null) {
                    t.put("divisor", forward.divisors()[r * ow + c]);
                }
                if (forward.selected() != null) {
                    t.put("argmax", forward.selected().data()[r * ow + c] == (long) cell[0] * inW + cell[1]);
                }
                terms.add(t);
            }
        }
        return ConvDetail.explanation(cell, gradients.get("input").matrix(0, 0), terms);
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
