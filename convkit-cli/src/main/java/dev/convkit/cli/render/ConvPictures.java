package dev.convkit.cli.render;

import dev.convkit.cli.UserError;
import dev.convkit.cli.explain.CellSelection;
import dev.convkit.core.conv.ConvForward;
import dev.convkit.core.conv.ConvGradients;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.conv.ConvPlan;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.core.window.Windows;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The pictures of a 2-d convolution or transposed convolution, channel 0: the input (inside its padding
 * ring, with the padded values), the kernel, the output and, after a backward pass, dE/dout, dE/dinput
 * and dE/dK. A still outlines one cell's window (or, in backward, the windows an input cell feeds); an
 * animation moves the window output cell by output cell (the stamp input cell by input cell for the
 * transposed convolution), and in backward shows the gradient arriving.
 */
public final class ConvPictures {
    private final Tensor input;
    private final Tensor weight;
    private final Tensor output;
    private final Tensor grad;
    private final ConvGradients grads;
    private final ConvForward forward;
    private final boolean transposed;
    private final UnaryOperator<Tensor> outputOfInput;
    private final int[] stride;
    private final int[] dilation;
    private final int[] padLeft;
    private final int[] padRight;
    private final PaddingMode mode;
    private final int[] outSize;

    /**
     * @param outputOfInput the op (without bias) on another input of the same shape: the partial output
     *                      of the transposed convolution's first stamps
     */
    public ConvPictures(Tensor input, Tensor weight, Tensor output, Tensor grad, ConvGradients grads, ConvForward forward,
                        boolean transposed, UnaryOperator<Tensor> outputOfInput) {
        this.input = input;
        this.weight = weight;
        this.output = output;
        this.grad = grad;
        this.grads = grads;
        this.forward = forward;
        this.transposed = transposed;
        this.outputOfInput = outputOfInput;
        ConvPlan plan = forward.plan();
        ConvOptions options = plan.options();
        String op = plan.op();
        this.stride = Windows.expand(op, "stride", options.stride(), 2);
        this.dilation = Windows.expand(op, "dilation", options.dilation(), 2);
        this.padLeft = plan.padLeft();
        this.mode = plan.paddingMode();
        this.outSize = plan.outputSpatial();
        this.padRight = transposed ? new int[2] : plan.padRight();
    }

    private int kernel(int axis) {
        return weight.dim(2 + axis);
    }

    /** Ring sizes of the input panel: the padding for a convolution, none for a transposed one (it crops the output). */
    private int ring(int axis) {
        return transposed ? 0 : padLeft[axis];
    }

    /** The input of channel 0 inside its padding ring, each ring cell holding what the padding mode puts there. */
    private float[][] paddedInput() {
        int h = input.dim(1);
        int w = input.dim(2);
        if (transposed) {
            return input.matrix(0);
        }
        float[][] padded = new float[h + padLeft[0] + padRight[0]][w + padLeft[1] + padRight[1]];
        for (int r = 0; r < padded.length; r++) {
            for (int c = 0; c < padded[0].length; c++) {
                int sr = mode.source(r - padLeft[0], h);
                int sc = mode.source(c - padLeft[1], w);
                padded[r][c] = sr < 0 || sc < 0 ? 0f : input.get(0, sr, sc);
            }
        }
        return padded;
    }

    private String inputTitle() {
        String title = input.dim(0) > 1 ? "input (channel 0)" : "input";
        if (!transposed && (padLeft[0] + padLeft[1] + padRight[0] + padRight[1]) > 0) {
            title += ", padding " + mode.torchName();
        }
        return title;
    }

    /** The panels with their final values and no outlines. */
    private List<Heatmaps.Panel> basePanels(float[][] outputValues, float[][] gradInput, float[][] gradWeight) {
        List<Heatmaps.Panel> panels = new ArrayList<>();
        Heatmaps.Panel in = new Heatmaps.Panel(inputTitle(), paddedInput())
                .ring(ring(0), ring(1), transposed ? 0 : padRight[0], transposed ? 0 : padRight[1]);
        panels.add(in);
        panels.add(new Heatmaps.Panel("kernel", weight.matrix(0, 0)));
        Heatmaps.Panel out = new Heatmaps.Panel(transposed ? "output (transposed)" : "output", outputValues);
        panels.add(out);
        if (grads != null) {
            panels.add(new Heatmaps.Panel("dE/dout", grad.matrix(0)));
            panels.add(new Heatmaps.Panel("dE/dinput", gradInput));
            panels.add(new Heatmaps.Panel("dE/dK", gradWeight));
        }
        if (transposed) {
            out.steps(stampStarts(0, input.dim(1)), stampStarts(1, input.dim(2)));
        } else {
            in.steps(windowStarts(0), windowStarts(1));
        }
        return panels;
    }

    /** The rows (columns) of the padded input where successive windows start: o*s - p + p. */
    private int[] windowStarts(int axis) {
        int[] starts = new int[outSize[axis]];
        for (int o = 0; o < starts.length; o++) {
            starts[o] = Windows.tapPosition(o, 0, stride[axis], padLeft[axis], dilation[axis]) + padLeft[axis];
        }
        return starts;
    }

    /** The output rows (columns) where the stamps of successive input cells start, inside the output. */
    private int[] stampStarts(int axis, int inputs) {
        return IntStream.range(0, inputs)
                .map(x -> Windows.tapPosition(x, 0, stride[axis], padLeft[axis], dilation[axis]))
                .filter(p -> p >= 0 && p < outSize[axis]).toArray();
    }

    /** Outlines the window of output cell (i, j) on the input panel (padded coordinates). */
    private void outlineWindow(Heatmaps.Panel panel, int i, int j, boolean thick) {
        int r0 = Windows.tapPosition(i, 0, stride[0], padLeft[0], dilation[0]) + padLeft[0];
        int c0 = Windows.tapPosition(j, 0, stride[1], padLeft[1], dilation[1]) + padLeft[1];
        int rows = dilation[0] * (kernel(0) - 1) + 1;
        int cols = dilation[1] * (kernel(1) - 1) + 1;
        if (dilation[0] == 1 && dilation[1] == 1) {
            panel.outline(new Heatmaps.Outline(r0, c0, rows, cols, thick));
            return;
        }
        // under dilation only the taps are read: outline each, and the span thinly
        panel.outline(new Heatmaps.Outline(r0, c0, rows, cols, false));
        for (int u = 0; u < kernel(0); u++) {
            for (int v = 0; v < kernel(1); v++) {
                panel.outline(new Heatmaps.Outline(r0 + u * dilation[0], c0 + v * dilation[1], 1, 1, thick));
            }
        }
    }

    /** Outlines the output cells that input cell (x, y)'s stamp lands on. */
    private void outlineStamp(Heatmaps.Panel panel, int x, int y) {
        for (int u = 0; u < kernel(0); u++) {
            int r = Windows.tapPosition(x, u, stride[0], padLeft[0], dilation[0]);
            for (int v = 0; v < kernel(1); v++) {
                int c = Windows.tapPosition(y, v, stride[1], padLeft[1], dilation[1]);
                if (r >= 0 && r < outSize[0] && c >= 0 && c < outSize[1]) {
                    panel.outline(new Heatmaps.Outline(r, c, 1, 1, true));
                }
            }
        }
    }

    /** Whether output cell (i, j)'s window reads input cell (x, y) (through the padding mode). */
    private boolean reads(int i, int j, int x, int y) {
        for (int u = 0; u < kernel(0); u++) {
            int r = mode.source(Windows.tapPosition(i, u, stride[0], padLeft[0], dilation[0]), input.dim(1));
            if (r != x) {
                continue;
            }
            for (int v = 0; v < kernel(1); v++) {
                if (mode.source(Windows.tapPosition(j, v, stride[1], padLeft[1], dilation[1]), input.dim(2)) == y) {
                    return true;
                }
            }
        }
        return false;
    }

    private float[][] gradInputMatrix() {
        return grads == null ? null : grads.input().matrix(0);
    }

    private float[][] gradWeightMatrix() {
        return grads == null ? null : grads.weight().matrix(0, 0);
    }

    /**
     * The still picture. {@code cell} (may be null): forward, an output cell whose window is outlined (for
     * the transposed convolution, an input cell whose stamp is outlined); backward, an input cell, with
     * every window that reads it.
     */
    public BufferedImage still(int[] cell) {
        List<Heatmaps.Panel> panels = basePanels(output.matrix(0), gradInputMatrix(), gradWeightMatrix());
        if (cell != null) {
            if (transposed) {
                CellSelection.of(cell, input.dim(1), input.dim(2));
                panels.get(0).outline(new Heatmaps.Outline(cell[0], cell[1], 1, 1, true));
                outlineStamp(panels.get(2), cell[0], cell[1]);
                if (grads != null) {
                    outlineStamp(panels.get(3), cell[0], cell[1]);
                    panels.get(4).outline(new Heatmaps.Outline(cell[0], cell[1], 1, 1, true));
                }
            } else if (grads == null) {
                CellSelection.of(cell, outSize[0], outSize[1]);
                outlineWindow(panels.get(0), cell[0], cell[1], true);
                panels.get(2).outline(new Heatmaps.Outline(cell[0], cell[1], 1, 1, true));
            } else {
                CellSelection.of(cell, input.dim(1), input.dim(2));
                int x = cell[0];
                int y = cell[1];
                panels.get(0).outline(new Heatmaps.Outline(x + padLeft[0], y + padLeft[1], 1, 1, true));
                panels.get(4).outline(new Heatmaps.Outline(x, y, 1, 1, true));
                for (int i = 0; i < outSize[0]; i++) {
                    for (int j = 0; j < outSize[1]; j++) {
                        if (reads(i, j, x, y)) {
                            outlineWindow(panels.get(0), i, j, false);
                            panels.get(2).outline(new Heatmaps.Outline(i, j, 1, 1, true));
                            panels.get(3).outline(new Heatmaps.Outline(i, j, 1, 1, true));
                        }
                    }
                }
            }
        }
        return Heatmaps.render(panels);
    }

    /** How many steps the animation has: output cells, or input cells (stamps) for the transposed convolution. */
    public int steps() {
        return transposed ? input.dim(1) * input.dim(2) : outSize[0] * outSize[1];
    }

    /** The frames: at most {@code cap}, spread evenly over the steps. */
    public List<BufferedImage> frames(int cap) {
        if (input.dim(0) * (long) steps() == 0) {
            throw new UserError("--gif: nothing to animate");
        }
        List<List<Heatmaps.Panel>> frames = new ArrayList<>();
        for (int t : Animations.framedSteps(steps(), cap)) {
            frames.add(transposed ? stampFrame(t) : windowFrame(t));
        }
        return Animations.renderShared(frames);
    }

    /** Step t of a convolution: output cell t's window; the output so far, or in backward the gradient so far. */
    private List<Heatmaps.Panel> windowFrame(int t) {
        int cols = outSize[1];
        int i = t / cols;
        int j = t % cols;
        List<Heatmaps.Panel> panels;
        if (grads == null) {
            float[][] partial = Animations.revealedUpTo(output.matrix(0), t);
            panels = basePanels(partial, null, null);
        } else {
            // the gradient of the first t + 1 output cells alone: the backward of G with the others zeroed
            Tensor masked = firstCells(grad, t);
            ConvGradients partial = forward.gradients(masked);
            panels = basePanels(output.matrix(0), partial.input().matrix(0), partial.weight().matrix(0, 0));
            panels.get(3).outline(new Heatmaps.Outline(i, j, 1, 1, true));
            for (int x = 0; x < input.dim(1); x++) {
                for (int y = 0; y < input.dim(2); y++) {
                    if (reads(i, j, x, y)) {
                        panels.get(4).outline(new Heatmaps.Outline(x, y, 1, 1, true));
                    }
                }
            }
        }
        outlineWindow(panels.get(0), i, j, true);
        panels.get(2).outline(new Heatmaps.Outline(i, j, 1, 1, true));
        return panels;
    }

    /** Step t of a transposed convolution: input cell t's stamp; the output so far (or in backward, dE/dinput so far). */
    private List<Heatmaps.Panel> stampFrame(int t) {
        int w = input.dim(2);
        int x = t / w;
        int y = t % w;
        List<Heatmaps.Panel> panels;
        if (grads == null) {
            float[][] partial = t == steps() - 1 ? output.matrix(0) : outputOfInput.apply(firstCells(input, t)).matrix(0);
            panels = basePanels(partial, null, null);
        } else {
            float[][] partial = Animations.revealedUpTo(grads.input().matrix(0), t);
            panels = basePanels(output.matrix(0), partial, gradWeightMatrix());
            outlineStamp(panels.get(3), x, y);
            panels.get(4).outline(new Heatmaps.Outline(x, y, 1, 1, true));
        }
        panels.get(0).outline(new Heatmaps.Outline(x, y, 1, 1, true));
        outlineStamp(panels.get(2), x, y);
        return panels;
    }

    /** {@code t} with every cell of each plane after the first {@code last + 1} (row-major) set to 0. */
    static Tensor firstCells(Tensor t, int last) {
        float[] data = t.data().clone();
        int plane = t.dim(-2) * t.dim(-1);
        for (int p = 0; p < data.length / plane; p++) {
            Arrays.fill(data, p * plane + last + 1, (p + 1) * plane, 0f);
        }
        return Tensor.wrap(data, t.shape());
    }
}
