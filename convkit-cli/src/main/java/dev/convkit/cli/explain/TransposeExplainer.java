package dev.convkit.cli.explain;

import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;
import dev.convkit.core.window.Windows;

import java.util.ArrayList;
import java.util.List;

/**
 * Explains a 2-d transposed convolution (conv_transpose2d) stamp by stamp: each input cell adds the
 * kernel, scaled by its value, onto the output at rows {@code x*s - p + u*d}, columns
 * {@code y*s - p + v*d}; each output cell is the sum of the stamps that reach it. The output size
 * formula is shown with the numbers in it. Input (Cin, H, W), weight (Cin, Cout/groups, kh, kw).
 */
public final class TransposeExplainer {
    private final Tensor input;
    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] dilation;
    private final int[] padding;
    private final int[] outputPadding;
    private final int groups;
    private final int[] outSize;
    private final int outChannels;

    public TransposeExplainer(Tensor input, Tensor weight, Tensor bias, ConvPlan plan) {
        ConvOptions options = plan.options();
        this.input = input;
        this.weight = weight;
        this.bias = bias;
        this.stride = Windows.expand("conv_transpose2d", "stride", options.stride(), 2);
        this.dilation = Windows.expand("conv_transpose2d", "dilation", options.dilation(), 2);
        this.padding = plan.padLeft();
        this.outputPadding = Windows.expand("conv_transpose2d", "output_padding", options.outputPadding(), 2);
        this.groups = options.groups();
        this.outSize = plan.outputSpatial();
        this.outChannels = weight.dim(1) * groups;
    }

    /** One scaled kernel weight landing on an output cell. */
    private interface StampVisitor {
        void land(int co, int cog, int u, int v, int r, int c);
    }

    /** Visits every tap of input cell (ci, x, y)'s stamp that lands inside the output. */
    private void stamp(int ci, int x, int y, StampVisitor visitor) {
        int perGroupIn = input.dim(0) / groups;
        int perGroupOut = outChannels / groups;
        int group = ci / perGroupIn;
        for (int cog = 0; cog < perGroupOut; cog++) {
            int co = group * perGroupOut + cog;
            for (int u = 0; u < weight.dim(2); u++) {
                int r = Windows.tapPosition(x, u, stride[0], padding[0], dilation[0]);
                if (r < 0 || r >= outSize[0]) {
                    continue;
                }
                for (int v = 0; v < weight.dim(3); v++) {
                    int c = Windows.tapPosition(y, v, stride[1], padding[1], dilation[1]);
                    if (c >= 0 && c < outSize[1]) {
                        visitor.land(co, cog, u, v, r, c);
                    }
                }
            }
        }
    }

    private String name(String base, int channel, int channels, int i, int j) {
        return channels > 1 ? String.format("%s[%d][%d][%d]", base, channel, i, j) : String.format("%s[%d][%d]", base, i, j);
    }

    private String kernelName(int ci, int cog, int u, int v) {
        return input.dim(0) > 1 || outChannels > 1 ? String.format("K[%d][%d][%d][%d]", ci, cog, u, v)
                : String.format("K[%d][%d]", u, v);
    }

    /** The output-size formula of one dimension with the numbers in it. */
    private String sizeLine(String what, int axis) {
        int length = input.dim(1 + axis);
        int k = weight.dim(2 + axis);
        long size = Windows.transposedOutput(length, k, stride[axis], padding[axis], dilation[axis], outputPadding[axis]);
        return String.format("  %s: O = (I - 1)*s - 2p + d*(k - 1) + output_padding + 1 = (%d - 1)*%d - 2*%d + %d*(%d - 1) + %d + 1 = %d%n",
                what, length, stride[axis], padding[axis], dilation[axis], k, outputPadding[axis], size);
    }

    /** The stamps of the (selected) input cells, then each output cell as the sum of the stamps that reach it. */
    public String forward(Tensor output, int[] cell) {
        int h = input.dim(1);
        int w = input.dim(2);
        CellSelection selection = CellSelection.of(cell, h, w);
        StringBuilder out = new StringBuilder();
        out.append("transposed convolution: each input cell A[x][y] stamps the kernel, times its value, onto the output\n");
        out.append("at rows x*s - p + u*d, cols y*s - p + v*d; where stamps overlap they add up\n");
        out.append("(the input gradient of a convolution is the transposed convolution of the upstream gradient:\n");
        out.append("conv --transpose --input G --kernel K, with the convolution's stride, padding and dilation, gives dE/dA)\n");
        out.append("output size:\n").append(sizeLine("rows", 0)).append(sizeLine("cols", 1));
        out.append(selection.note("input", h, w));
        int cin = input.dim(0);
        List<List<String>> symbols = new ArrayList<>();
        List<List<String>> numbers = new ArrayList<>();
        double[] sums = new double[outChannels * outSize[0] * outSize[1]];
        for (int i = 0; i < sums.length; i++) {
            symbols.add(new ArrayList<>());
            numbers.add(new ArrayList<>());
        }
        for (int ci = 0; ci < cin; ci++) {
            for (int x = 0; x < h; x++) {
                for (int y = 0; y < w; y++) {
                    float a = input.get(ci, x, y);
                    List<String> landed = new ArrayList<>();
                    int[] bounds = {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
                    int ciFinal = ci;
                    int xf = x;
                    int yf = y;
                    stamp(ci, x, y, (co, cog, u, v, r, c) -> {
                        float k = weight.get(ciFinal, cog, u, v);
                        int flat = (co * outSize[0] + r) * outSize[1] + c;
                        sums[flat] += (double) a * k;
                        symbols.get(flat).add(name("A", ciFinal, cin, xf, yf) + "*" + kernelName(ciFinal, cog, u, v));
                        numbers.get(flat).add(TensorFormat.number(a) + "*" + TensorFormat.number(k));
                        landed.add(String.format("%s += %s", name("out", co, outChannels, r, c), TensorFormat.number((double) a * k)));
                        bounds[0] = Math.min(bounds[0], r);
                        bounds[1] = Math.max(bounds[1], r);
                        bounds[2] = Math.min(bounds[2], c);
                        bounds[3] = Math.max(bounds[3], c);
                    });
                    if (!selection.includes(x, y)) {
                        continue;
                    }
                    String who = name("A", ci, cin, x, y) + " = " + TensorFormat.number(a);
                    if (landed.isEmpty()) {
                        out.append(String.format("stamp of %s: lands outside the output (cut off by the padding)%n", who));
                    } else {
                        out.append(String.format("stamp of %s onto out rows %d..%d, cols %d..%d: %s%n", who, bounds[0], bounds[1],
                                bounds[2], bounds[3], String.join(", ", landed)));
                    }
                }
            }
        }
        int cells = outSize[0] * outSize[1];
        if (!selection.all() || cells > CellSelection.MAX_CELLS) {
            out.append(String.format("(the output has %d cells; each is the sum of the stamps that reach it)%n", cells * outChannels));
            return out.toString();
        }
        out.append("each output cell is the sum of the stamps that reach it").append(bias != null ? ", plus the bias\n" : "\n");
        for (int co = 0; co < outChannels; co++) {
            for (int r = 0; r < outSize[0]; r++) {
                for (int c = 0; c < outSize[1]; c++) {
                    int flat = (co * outSize[0] + r) * outSize[1] + c;
                    double sum = sums[flat];
                    String biasTerm = "";
                    if (bias != null) {
                        biasTerm = " + " + TensorFormat.number(bias.data()[co]) + " (bias)";
                        sum += bias.data()[co];
                    }
                    float value = output.get(co, r, c);
                    String cellName = name("out", co, outChannels, r, c);
                    if (symbols.get(flat).isEmpty()) {
                        out.append(String.format("%s = %s%s   (no stamp reaches this cell)%n", cellName,
                                bias != null ? TensorFormat.number(bias.data()[co]) : "0", bias != null ? " (bias)" : ""));
                    } else {
                        out.append(String.format("%s = %s = %s%s = %s%n", cellName, String.join(" + ", symbols.get(flat)),
                                String.join(" + ", numbers.get(flat)), biasTerm, TensorFormat.number(value)));
                    }
                    if (Math.abs(sum - value) > 1e-3 * Math.max(1, Math.abs(sum))) {
                        throw new IllegalStateException("explanation disagrees with the op at " + r + "," + c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The backward: the input gradient of a transposed convolution is the convolution of G with K,
     * each input cell gathering G over the cells its stamp covered.
     */
    public String backward(Tensor gradOutput, Tensor gradInput, int[] cell) {
        int h = input.dim(1);
        int w = input.dim(2);
        CellSelection selection = CellSelection.of(cell, h, w);
        StringBuilder out = new StringBuilder();
        out.append("backward: dE/dA[x][y] = sum of K[u][v] * G[x*s - p + u*d][y*s - p + v*d] over the cells A[x][y]'s stamp\n");
        out.append("covered, G = dE/dout: the input gradient of a transposed convolution is the convolution of G with K\n");
        out.append(selection.note("input", h, w));
        int cin = input.dim(0);
        for (int ci = 0; ci < cin; ci++) {
            for (int x = 0; x < h; x++) {
                for (int y = 0; y < w; y++) {
                    if (!selection.includes(x, y)) {
                        continue;
                    }
                    List<String> symbols = new ArrayList<>();
                    List<String> numbers = new ArrayList<>();
                    int ciFinal = ci;
                    stamp(ci, x, y, (co, cog, u, v, r, c) -> {
                        symbols.add(kernelName(ciFinal, cog, u, v) + "*" + name("G", co, outChannels, r, c));
                        numbers.add(TensorFormat.number(weight.get(ciFinal, cog, u, v)) + "*"
                                + TensorFormat.number(gradOutput.get(co, r, c)));
                    });
                    String cellName = name("dE/dA", ci, cin, x, y);
                    if (symbols.isEmpty()) {
                        out.append(String.format("%s = 0   (its stamp lands outside the output)%n", cellName));
                    } else {
                        out.append(String.format("%s = %s = %s = %s%n", cellName, String.join(" + ", symbols),
                                String.join(" + ", numbers), TensorFormat.number(gradInput.get(ci, x, y))));
                    }
                }
            }
        }
        return out.toString();
    }
}
