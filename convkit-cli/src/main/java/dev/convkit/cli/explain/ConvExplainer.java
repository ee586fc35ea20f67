package dev.convkit.cli.explain;

import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains a 2-d convolution cell by cell: for each output cell the window, the products and the sum;
 * for each input pixel of the backward pass, the weights and upstream gradients that reach it.
 * Input (C, H, W), weight (Cout, C/groups, kh, kw).
 */
public final class ConvExplainer {
    private final Tensor input;
    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] dilation;
    private final int[] padLeft;
    private final PaddingMode mode;
    private final int groups;
    private final int[] outSize;
    private final int outChannels;

    public ConvExplainer(Tensor input, Tensor weight, Tensor bias, ConvPlan plan) {
        ConvOptions options = plan.options();
        this.input = input;
        this.weight = weight;
        this.bias = bias;
        this.stride = Windows.expand("conv2d", "stride", options.stride(), 2);
        this.dilation = Windows.expand("conv2d", "dilation", options.dilation(), 2);
        this.padLeft = plan.padLeft();
        this.mode = plan.paddingMode();
        this.groups = options.groups();
        this.outSize = plan.outputSpatial();
        this.outChannels = weight.dim(0);
    }

    private interface TapVisitor {
        void tap(int ci, int u, int v, int x, int y);
    }

    /** Visits the taps of output cell (co, i, j): input channel, kernel position and the padded input position. */
    private void taps(int co, int i, int j, TapVisitor visitor) {
        int perGroupIn = input.dim(0) / groups;
        for (int cig = 0; cig < perGroupIn; cig++) {
            for (int u = 0; u < weight.dim(2); u++) {
                for (int v = 0; v < weight.dim(3); v++) {
                    visitor.tap(cig, u, v, Windows.tapPosition(i, u, stride[0], padLeft[0], dilation[0]),
                            Windows.tapPosition(j, v, stride[1], padLeft[1], dilation[1]));
                }
            }
        }
    }

    /** The value the window reads at padded position (x, y) of channel c: the input, or what padding puts there. */
    private float read(int c, int x, int y) {
        int sx = mode.source(x, input.dim(1));
        int sy = mode.source(y, input.dim(2));
        return sx < 0 || sy < 0 ? 0f : input.get(c, sx, sy);
    }

    private String cellName(String name, int c, int channels, int i, int j) {
        return channels > 1 ? String.format("%s[%d][%d][%d]", name, c, i, j) : String.format("%s[%d][%d]", name, i, j);
    }

    /** Every (selected) output cell: window bounds, products, sum. */
    public String forward(Tensor output, int[] cell) {
        CellSelection selection = CellSelection.of(cell, outSize[0], outSize[1]);
        StringBuilder out = new StringBuilder();
        out.append("forward: each output cell is the sum of window x kernel products");
        out.append(bias != null ? " plus the bias\n" : "\n");
        out.append(selection.note("output", outSize[0], outSize[1]));
        int perGroupIn = input.dim(0) / groups;
        for (int co = 0; co < outChannels; co++) {
            int group = co / (outChannels / groups);
            for (int i = 0; i < outSize[0]; i++) {
                for (int j = 0; j < outSize[1]; j++) {
                    if (!selection.includes(i, j)) {
                        continue;
                    }
                    int co2 = co;
                    List<String> terms = new ArrayList<>();
                    double[] sum = {0};
                    int[] bounds = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
                    taps(co, i, j, (cig, u, v, x, y) -> {
                        int ci = group * perGroupIn + cig;
                        float a = read(ci, x, y);
                        float w = weight.get(co2, cig, u, v);
                        terms.add(TensorFormat.number(a) + "*" + TensorFormat.number(w));
                        sum[0] += (double) a * w;
                        bounds[0] = Math.min(bounds[0], x);
                        bounds[1] = Math.max(bounds[1], x);
                        bounds[2] = Math.min(bounds[2], y);
                        bounds[3] = Math.max(bounds[3], y);
                    });
                    String biasTerm = "";
                    if (bias != null) {
                        biasTerm = " + " + TensorFormat.number(bias.data()[co]) + " (bias)";
                        sum[0] += bias.data()[co];
                    }
                    out.append(String.format("%s = %s%s = %s   (window %s, %s%s)%n",
                            cellName("out", co, outChannels, i, j), String.join(" + ", terms), biasTerm,
                            TensorFormat.number(output.get(co, i, j)), axisRead("rows", 0, i), axisRead("cols", 1, j),
                            outsideNote(bounds)));
                    if (Math.abs(sum[0] - output.get(co, i, j)) > 1e-3 * Math.max(1, Math.abs(sum[0]))) {
                        throw new IllegalStateException("explanation disagrees with the op at " + i + "," + j);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The rows (or columns) window {@code o} spans, and under dilation the ones it actually reads:
     * {@code o*s - p + u*d} for each kernel tap u.
     */
    private String axisRead(String what, int axis, int o) {
        int taps = weight.dim(2 + axis);
        int first = Windows.tapPosition(o, 0, stride[axis], padLeft[axis], dilation[axis]);
        int last = Windows.tapPosition(o, taps - 1, stride[axis], padLeft[axis], dilation[axis]);
        if (dilation[axis] == 1 || taps == 1) {
            return String.format("%s %d..%d", what, first, last);
        }
        List<String> read = new ArrayList<>();
        for (int u = 0; u < taps; u++) {
            read.add(Integer.toString(Windows.tapPosition(o, u, stride[axis], padLeft[axis], dilation[axis])));
        }
        return String.format("%s %s only (every %s %s of %d..%d: dilation %d)", what, String.join(", ", read),
                ordinal(dilation[axis]), what.substring(0, what.length() - 1), first, last, dilation[axis]);
    }

    private static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    private String outsideNote(int[] bounds) {
        boolean outside = bounds[0] < 0 || bounds[2] < 0 || bounds[1] >= input.dim(1) || bounds[3] >= input.dim(2);
        if (!outside) {
            return "";
        }
        return mode == PaddingMode.ZEROS ? "; positions outside the input read 0"
                : "; positions outside the input read the " + mode.torchName() + " padding";
    }

    /** For every (selected) input pixel: which weights and upstream gradients reach it. */
    public String backward(Tensor gradOutput, Tensor gradInput, int[] cell) {
        int h = input.dim(1);
        int w = input.dim(2);
        CellSelection selection = CellSelection.of(cell, h, w);
        StringBuilder out = new StringBuilder();
        out.append("backward: dE/dA[x][y] = sum of K[u][v] * G[i][j] over every output cell (i, j) whose window put\n");
        out.append("kernel weight K[u][v] on pixel (x, y); G = dE/dout\n");
        out.append(selection.note("input", h, w));
        int perGroupIn = input.dim(0) / groups;
        int perGroupOut = outChannels / groups;
        for (int ci = 0; ci < input.dim(0); ci++) {
            int group = ci / perGroupIn;
            int cig = ci % perGroupIn;
            for (int x = 0; x < h; x++) {
                for (int y = 0; y < w; y++) {
                    if (!selection.includes(x, y)) {
                        continue;
                    }
                    List<String> symbols = new ArrayList<>();
                    List<String> numbers = new ArrayList<>();
                    int px = x;
                    int py = y;
                    for (int cog = 0; cog < perGroupOut; cog++) {
                        int co = group * perGroupOut + cog;
                        for (int i = 0; i < outSize[0]; i++) {
                            for (int j = 0; j < outSize[1]; j++) {
                                int coFinal = co;
                                int ii = i;
                                int jj = j;
                                taps(co, i, j, (tapChannel, u, v, tx, ty) -> {
                                    if (tapChannel != cig || mode.source(tx, h) != px || mode.source(ty, w) != py) {
                                        return;
                                    }
                                    String kName = outChannels > 1 || perGroupIn > 1
                                            ? String.format("K[%d][%d][%d][%d]", coFinal, tapChannel, u, v) : String.format("K[%d][%d]", u, v);
                                    symbols.add(kName + "*" + cellName("G", coFinal, outChannels, ii, jj));
                                    numbers.add(TensorFormat.number(weight.get(coFinal, tapChannel, u, v)) + "*"
                                            + TensorFormat.number(gradOutput.get(coFinal, ii, jj)));
                                });
                            }
                        }
                    }
                    String value = TensorFormat.number(gradInput.get(ci, x, y));
                    String name = cellName("dE/dA", ci, input.dim(0), x, y);
                    if (symbols.isEmpty()) {
                        out.append(String.format("%s = 0   (no window reads this pixel)%n", name));
                    } else {
                        out.append(String.format("%s = %s = %s = %s%n", name, String.join(" + ", symbols),
                                String.join(" + ", numbers), value));
                    }
                }
            }
        }
        return out.toString();
    }
}
