package dev.convkit.cli.explain;

import dev.convkit.core.pool.PoolForward;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;
import dev.convkit.core.window.AxisWindows;

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

    /**
     * @param forward  the pool's forward context: its windows, divisors and kernel volume
     * @param normType lp: p
     */
    public PoolExplainer(Kind kind, Tensor input, PoolForward forward, double normType) {
        this.kind = kind;
        this.input = input;
        this.windowsOfPlane = forward::windows;
        this.divisors = forward.divisors();
        this.normType = normType;
        this.kernelVolume = forward.kernelVolume();
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
        StringBuilder out = new StringBuilder("forward:\n").append(selection.note("output", rows, cols));
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
                                    kind == Kind.AVG ? divisorReason(wr, i, wc, j, divisor) : "divide by the window's " + raw.size() + " elements");
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

    private String divisorReason(AxisWindows wr, int i, AxisWindows wc, int j, double divisor) {
        int real = wr.count(i) * wc.count(j);
        int extent = wr.extent(i) * wc.extent(j);
        if (divisor != real && divisor != extent) {
            return "divisor_override";
        }
        if (real == extent) {
            return "the whole window lies inside the input";
        }
        if (divisor == real) {
            return "count_include_pad=false: only the " + real + " real elements count";
        }
        return String.format("count_include_pad: the %d padded positions count too (%d real + %d padding)",
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
