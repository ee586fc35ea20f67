package dev.convkit.cli.explain;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;
import dev.convkit.core.window.Windows;

import java.util.Map;

/**
 * Explains max unpooling (max_unpool2d): the output size, then where each input value goes, and in the
 * backward which output gradient each input cell gathers. Input and indices (C, H, W).
 */
public final class UnpoolExplainer {
    private final Tensor input;
    private final IndexTensor indices;
    private final Tensor output;
    private final Map<String, Object> params;

    /** @param params the catalogue parameters the command passed: kernel_size, stride, padding, output_size */
    public UnpoolExplainer(Tensor input, IndexTensor indices, Tensor output, Map<String, Object> params) {
        this.input = input;
        this.indices = indices;
        this.output = output;
        this.params = params;
    }

    private int[] param(String name, int[] fallback) {
        Object value = params.get(name);
        int[] values = value == null ? fallback : (int[]) value;
        return Windows.expand("max_unpool2d", name, values, 2);
    }

    private String name(String base, int c, int i, int j) {
        return input.dim(0) > 1 ? String.format("%s[%d][%d][%d]", base, c, i, j) : String.format("%s[%d][%d]", base, i, j);
    }

    private String sizeLine(String what, int axis, int[] kernel, int[] stride, int[] padding) {
        int length = input.dim(1 + axis);
        int size = Windows.unpoolOutputSize(length, kernel[axis], stride[axis], padding[axis]);
        return String.format("  %s: O = (I - 1)*s - 2p + k = (%d - 1)*%d - 2*%d + %d = %d%n", what, length, stride[axis],
                padding[axis], kernel[axis], size);
    }

    /** The output size and each (selected) input value's destination. */
    public String forward(int[] cell) {
        int[] kernel = param("kernel_size", null);
        int[] stride = param("stride", kernel);
        int[] padding = param("padding", new int[] {0});
        int h = input.dim(1);
        int w = input.dim(2);
        int outW = output.dim(2);
        CellSelection selection = CellSelection.of(cell, h, w);
        StringBuilder out = new StringBuilder();
        out.append("max unpooling: the output starts as zeros; each input value is written at its flat index\n");
        out.append("(row = index / output columns, col = index % output columns): the partial inverse of max pooling\n");
        out.append("default output size:\n").append(sizeLine("rows", 0, kernel, stride, padding))
                .append(sizeLine("cols", 1, kernel, stride, padding));
        if (params.get("output_size") != null) {
            out.append(String.format("  output_size %dx%d was given (it must lie strictly within default +- stride)%n",
                    output.dim(1), outW));
        }
        out.append(selection.note("input", h, w));
        for (int c = 0; c < input.dim(0); c++) {
            for (int x = 0; x < h; x++) {
                for (int y = 0; y < w; y++) {
                    if (!selection.includes(x, y)) {
                        continue;
                    }
                    long at = indices.data()[(c * h + x) * w + y];
                    out.append(String.format("%s = %s goes to %s (flat index %d)%n", name("in", c, x, y),
                            TensorFormat.number(input.get(c, x, y)), name("out", c, (int) (at / outW), (int) (at % outW)), at));
                }
            }
        }
        out.append("every other output cell stays 0\n");
        return out.toString();
    }

    /** dE/dinput[i] = G.flat[indices[i]]: each input cell gathers the gradient where its value went. */
    public String backward(Tensor gradOutput, Tensor gradInput, int[] cell) {
        int h = input.dim(1);
        int w = input.dim(2);
        int outW = output.dim(2);
        CellSelection selection = CellSelection.of(cell, h, w);
        StringBuilder out = new StringBuilder("backward: G = dE/dout; each input cell gathers G where its value was written\n");
        out.append(selection.note("input", h, w));
        for (int c = 0; c < input.dim(0); c++) {
            for (int x = 0; x < h; x++) {
                for (int y = 0; y < w; y++) {
                    if (!selection.includes(x, y)) {
                        continue;
                    }
                    long at = indices.data()[(c * h + x) * w + y];
                    int r = (int) (at / outW);
                    int col = (int) (at % outW);
                    out.append(String.format("%s = %s = %s%n", name("dE/din", c, x, y), name("G", c, r, col),
                            TensorFormat.number(gradInput.get(c, x, y))));
                }
            }
        }
        return out.toString();
    }
}
