package dev.convkit.cli.explain;

import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.PoolForward;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Explains a 2-d pool cell by cell from its windows: the winning element (max), the divisor and why
 * (avg), the p-norm terms (lp), the window bounds (adaptive, fractional); and for the backward pass,
 * what reaches each input pixel. Input (C, H, W); windows per plane, lifted (D, H, W).
 */
public final class PoolExplainer {
    /** How a pool combines its window. */
    public enum Kind { MAX, AVG, LP, ADAPTIVE_AVG, ADAPTIVE_MAX, FRACTIONAL_MAX }

    private final Kind kind;
    private final Tensor input;
    private final IntFunction<AxisWindows[]> windowsOfPlane;
    private final double[] divisors;
    private final double normType;
    private final double kernelVolume;
    private final PoolForward forward;
    private final boolean countIncludePad;
    private final Integer divisorOverride;
    private final String samplesSource;

    /**
     * @param forward         the pool's forward context: its windows, divisors and kernel volume
     * @param normType        lp: p
     * @param countIncludePad avg: count_include_pad
     * @param divisorOverride avg: divisor_override, or null
     * @param samplesSource   fractional: where the samples u came from ("seed 7", "samples.txt")
     */
    public PoolExplainer(Kind kind, Tensor input, PoolForward forward, double normType, boolean countIncludePad,
                         Integer divisorOverride, String samplesSource) {
        this.kind = kind;
        this.input = input;
        this.forward = forward;
        this.windowsOfPlane = forward::windows;
        this.divisors = forward.divisors();
        this.normType = normType;
        this.kernelVolume = forward.kernelVolume();
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
        this.samplesSource = samplesSource;
    }

    /** How the windows were placed, for the pools whose windows are not a plain slide: adaptive and fractional. */
    private String windowRule(int rows, int cols) {
        StringBuilder out = new StringBuilder();
        if (kind == Kind.ADAPTIVE_AVG || kind == Kind.ADAPTIVE_MAX) {
            out.append("adaptive windows: output i of O covers input [floor(i*I/O), ceil((i+1)*I/O)): floor the start,\n");
            out.append("ceil the end, so the windows tile the whole input (overlapping when O does not divide I)\n");
            adaptiveAxis(out, "rows", input.dim(1), rows);
            adaptiveAxis(out, "cols", input.dim(2), cols);
        } else if (kind == Kind.FRACTIONAL_MAX && forward instanceof FractionalMaxPool.Context fractional) {
            int[] k = fractional.kernel();
            float[] u = fractional.samples().data();
            out.append(String.format("fractional windows (samples u from %s): per dimension, alpha = (I - K) / (O - 1),%n", samplesSource));
            out.append("start[i] = trunc((i + u)*alpha) - trunc(u*alpha) for i < O - 1, start[O - 1] = I - K; window [start, start + K)\n");
            for (int c = 0; c < input.dim(0); c++) {
                // PyTorch's sample 0 drives the width, sample 1 the height
                fractionalAxis(out, c, "rows", input.dim(1), rows, k[0], u[c * 2 + 1], "u_h");
                fractionalAxis(out, c, "cols", input.dim(2), cols, k[1], u[c * 2], "u_w");
            }
        }
        return out.toString();
    }

    private static void adaptiveAxis(StringBuilder out, String what, int length, int outputs) {
        List<String> windows = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            windows.add(String.format("%d: [floor(%d*%d/%d), ceil(%d*%d/%d)) = [%d, %d)", i, i, length, outputs, i + 1,
                    length, outputs, Windows.adaptiveStart(i, length, outputs), Windows.adaptiveEnd(i, length, outputs)));
        }
        out.append(String.format("  %s (I = %d, O = %d): %s%n", what, length, outputs, String.join("; ", windows)));
    }

    private void fractionalAxis(StringBuilder out, int c, String what, int length, int outputs, int kernel, double u,
                                String symbol) {
        int[] starts = Windows.fractionalStarts(length, outputs, kernel, u);
        String channel = input.dim(0) > 1 ? "channel " + c + " " : "";
        if (outputs == 1) {
            out.append(String.format("  %s%s (I = %d, K = %d, O = 1): the one window starts at I - K = %d%n",
                    channel, what, length, kernel, starts[0]));
            return;
        }
        double alpha = Windows.fractionalAlpha(length, outputs, kernel);
        long base = (long) (u * alpha);
        out.append(String.format("  %s%s: %s = %s, alpha = (%d - %d) / (%d - 1) = %s, trunc(u*alpha) = %d; starts ",
                channel, what, symbol, TensorFormat.number(u), length, kernel, outputs, TensorFormat.number(alpha), base));
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < outputs - 1; i++) {
            terms.add(String.format("trunc(%s) - %d = %d", TensorFormat.number((i + u) * alpha), base, starts[i]));
        }
        terms.add(String.format("%d - %d = %d", length, kernel, starts[outputs - 1]));
        out.append(String.join(", ", terms)).append('\n');
    }

    private boolean maxType() {
        return kind == Kind.MAX || kind == Kind.ADAPTIVE_MAX || kind == Kind.FRACTIONAL_MAX;
    }

    private String name(String base, int c, int i, int j) {
        return input.dim(0) > 1 ? String.format("%s[%d][%d][%d]", base, c, i, j) : String.format("%s[%d][%d]", base, i, j);
    }

    /** Every (selected) output cell. */
    public String forward(Tensor output, IndexTensor indices, int[] cell) {
        int rows = output.dim(1);
        int cols = output.dim(2);
        CellSelection selection = CellSelection.of(cell, rows, cols);
        StringBuilder out = new StringBuilder("forward:\n").append(windowRule(rows, cols)).append(selection.note("output", rows, cols));
        int w = input.dim(2);
        for (int c = 0; c < input.dim(0); c++) {
            AxisWindows[] win = windowsOfPlane.apply(c);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (!selection.includes(i, j)) {
                        continue;
                    }
                    List<String> values = new ArrayList<>();
                    List<Float> raw = new ArrayList<>();
                    AxisWindows wr = win[1];
                    AxisWindows wc = win[2];
                    for (int a = 0; a < wr.count(i); a++) {
                        for (int b = 0; b < wc.count(j); b++) {
                            float v = input.get(c, wr.first(i) + a * wr.step(), wc.first(j) + b * wc.step());
                            raw.add(v);
                            values.add(TensorFormat.number(v));
                        }
                    }
                    String bounds = String.format("rows %s, cols %s", range(wr, i), range(wc, j));
                    String result = TensorFormat.number(output.get(c, i, j));
                    String line = switch (kind) {
                        case MAX, ADAPTIVE_MAX, FRACTIONAL_MAX -> {
                            long at = indices.data()[c * rows * cols + i * cols + j];
                            yield String.format("%s = max{%s} = %s at input [%d][%d] (flat index %d)   (window %s)",
                                    name("out", c, i, j), String.join(", ", values), result, at / w, at % w, at, bounds);
                        }
                        case AVG, ADAPTIVE_AVG -> {
                            double divisor = kind == Kind.AVG ? divisors[i * cols + j] : raw.size();
                            yield String.format("%s = (%s) / %s = %s   (window %s; %s)", name("out", c, i, j),
                                    String.join(" + ", values), TensorFormat.number(divisor), result, bounds,
                                    kind == Kind.AVG ? divisorReason(wr, i, wc, j, divisor)
                                            : "divide by the window's " + raw.size() + " elements; adaptive windows never reach into padding");
                        }
                        case LP -> lpLine(c, i, j, raw, result, bounds);
                    };
                    out.append(line).append('\n');
                }
            }
        }
        return out.toString();
    }

    private String lpLine(int c, int i, int j, List<Float> raw, String result, String bounds) {
        if (Double.isInfinite(normType)) {
            List<String> abs = new ArrayList<>();
            raw.forEach(v -> abs.add(TensorFormat.number(Math.abs(v))));
            return String.format("%s = max{%s} = %s   (p = inf: the largest |x|; window %s)",
                    name("out", c, i, j), String.join(", ", abs), result, bounds);
        }
        List<String> terms = new ArrayList<>();
        String p = TensorFormat.number(normType);
        raw.forEach(v -> terms.add(TensorFormat.number(v) + "^" + p));
        String scale = raw.size() < kernelVolume
                ? String.format("%d/%d * (", (long) kernelVolume, raw.size()) : "(";
        String note = raw.size() < kernelVolume
                ? String.format("; a partial window is scaled by K/n = %d/%d, as in PyTorch", (long) kernelVolume, raw.size()) : "";
        return String.format("%s = %s%s)^(1/%s) = %s   (window %s%s)", name("out", c, i, j), scale,
                String.join(" + ", terms), p, result, bounds, note);
    }

    private static String range(AxisWindows w, int o) {
        int last = w.first(o) + (w.count(o) - 1) * w.step();
        return w.step() == 1 ? w.first(o) + ".." + last : w.first(o) + ".." + last + " step " + w.step();
    }

    /** Why the divisor is what it is, naming count_include_pad and divisor_override every time. */
    private String divisorReason(AxisWindows wr, int i, AxisWindows wc, int j, double divisor) {
        int real = wr.count(i) * wc.count(j);
        int extent = wr.extent(i) * wc.extent(j);
        if (divisorOverride != null) {
            return String.format("divisor_override=%d replaces the window's %d, whatever count_include_pad says", divisorOverride,
                    countIncludePad ? extent : real);
        }
        if (real == extent) {
            return String.format("no divisor_override; all %d positions lie inside the input, so count_include_pad=%s "
                    + "makes no difference", real, countIncludePad);
        }
        if (!countIncludePad) {
            return String.format("no divisor_override; count_include_pad=false: only the %d real elements count, "
                    + "not the %d padding positions", real, extent - real);
        }
        return String.format("no divisor_override; count_include_pad=true: the %d padding positions count too (%d real + %d padding)",
                extent - real, real, extent - real);
    }

    /**
     * For every (selected) input pixel: which output gradients reach it, and how. {@code indices} are the
     * selected elements of max-type pools (and of lp with p = inf); null otherwise.
     */
    public String backward(Tensor output, IndexTensor indices, Tensor gradOutput, Tensor gradInput, int[] cell) {
        int h = input.dim(1);
        int w = input.dim(2);
        int rows = output.dim(1);
        int cols = output.dim(2);
        CellSelection selection = CellSelection.of(cell, h, w);
        StringBuilder out = new StringBuilder("backward: G = dE/dout; ");
        out.append(switch (kind) {
            case MAX, ADAPTIVE_MAX, FRACTIONAL_MAX -> "each G goes to the element its window selected\n";
            case AVG, ADAPTIVE_AVG -> "each G is shared by its window's elements, G / divisor each\n";
            case LP -> Double.isInfinite(normType) ? "each G goes to the window's largest |x|, times sign(x)\n"
                    : "each element of a window gets G * (K/n) * (x / out)^(p-1)\n";
        });
        out.append(selection.note("input", h, w));
        for (int c = 0; c < input.dim(0); c++) {
            AxisWindows[] win = windowsOfPlane.apply(c);
            for (int x = 0; x < h; x++) {
                for (int y = 0; y < w; y++) {
                    if (!selection.includes(x, y)) {
                        continue;
                    }
                    List<String> terms = new ArrayList<>();
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < cols; j++) {
                            if (contains(win[1], i, x) && contains(win[2], j, y)) {
                                String term = term(c, i, j, x, y, rows, cols, indices, output, gradOutput, win);
                                if (term != null) {
                                    terms.add(term);
                                }
                            }
                        }
                    }
                    if (terms.isEmpty()) {
                        out.append(String.format("%s = 0   (no window %s this pixel)%n", name("dE/dA", c, x, y),
                                maxType() || Double.isInfinite(normType) ? "selects" : "covers"));
                    } else {
                        out.append(String.format("%s = %s = %s%n", name("dE/dA", c, x, y), String.join(" + ", terms),
                                TensorFormat.number(gradInput.get(c, x, y))));
                    }
                }
            }
        }
        return out.toString();
    }

    private String term(int c, int i, int j, int x, int y, int rows, int cols, IndexTensor indices, Tensor output,
                        Tensor gradOutput, AxisWindows[] win) {
        String g = TensorFormat.number(gradOutput.get(c, i, j));
        String gName = name("G", c, i, j);
        boolean selectsByIndex = maxType() || (kind == Kind.LP && Double.isInfinite(normType));
        if (selectsByIndex) {
            long at = indices.data()[c * rows * cols + i * cols + j];
            if (at != (long) x * input.dim(2) + y) {
                return null;
            }
            return kind == Kind.LP ? String.format("%s*sign(%s)", gName, TensorFormat.number(input.get(c, x, y)))
                    : String.format("%s (%s)", gName, g);
        }
        if (kind == Kind.AVG || kind == Kind.ADAPTIVE_AVG) {
            double divisor = kind == Kind.AVG ? divisors[i * cols + j] : win[1].count(i) * win[2].count(j);
            return String.format("%s/%s (%s/%s)", gName, TensorFormat.number(divisor), g, TensorFormat.number(divisor));
        }
        int n = win[1].extent(i) * win[2].extent(j);
        return String.format("%s*(%d/%d)*(%s/%s)^(%s-1)", g, (long) kernelVolume, n, TensorFormat.number(input.get(c, x, y)),
                TensorFormat.number(output.get(c, i, j)), TensorFormat.number(normType));
    }

    private static boolean contains(AxisWindows w, int o, int position) {
        int offset = position - w.first(o);
        return offset >= 0 && offset % w.step() == 0 && offset / w.step() < w.count(o);
    }
}
