package dev.convkit.cli.render;

import dev.convkit.cli.UserError;
import dev.convkit.cli.explain.CellSelection;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The pictures of a 2-d pool, channel 0: input, output and, after a backward pass, dE/dout and
 * dE/dinput, on one colour scale. The windows come from the pool's forward context; a max-type pool's
 * chosen elements are marked. A still outlines one cell's window (in backward, every window that covers
 * an input cell); an animation moves the window output cell by output cell, and in backward shows the
 * gradient arriving.
 */
public final class PoolPictures {
    private final String title;
    private final Tensor input;
    private final Tensor output;
    private final AxisWindows rows;
    private final AxisWindows cols;
    private final IndexTensor selected;
    private final Tensor grad;
    private final Tensor gradInput;
    private final UnaryOperator<Tensor> gradInputOf;
    private Sliding sliding;

    /**
     * The parameters of a sliding pool (max, avg, lp), per dimension: the input is then drawn inside its
     * padding ring, holding what the pool sees there ({@code padValue}: -inf for max, 0 otherwise), and a
     * window is outlined whole, padding included.
     */
    public record Sliding(int[] kernel, int[] stride, int[] padding, int[] dilation, float padValue) {
    }

    /** Draws the padding ring and whole windows of a sliding pool. */
    public PoolPictures sliding(Sliding geometry) {
        this.sliding = geometry;
        return this;
    }

    private int pad(int axis) {
        return sliding == null ? 0 : sliding.padding()[axis];
    }

    /** The input of channel 0, inside the padding ring when there is one. */
    private float[][] paddedInput() {
        float[][] plain = input.matrix(0);
        if (pad(0) + pad(1) == 0) {
            return plain;
        }
        float[][] padded = new float[plain.length + 2 * pad(0)][plain[0].length + 2 * pad(1)];
        for (float[] row : padded) {
            Arrays.fill(row, sliding.padValue());
        }
        for (int r = 0; r < plain.length; r++) {
            System.arraycopy(plain[r], 0, padded[r + pad(0)], pad(1), plain[0].length);
        }
        return padded;
    }

    /**
     * @param windows     the windows of plane 0, lifted (D, H, W)
     * @param selected    the chosen elements (max-type pools), or null
     * @param gradInputOf the pool's backward for another upstream gradient: the gradient of the first cells
     */
    public PoolPictures(String title, Tensor input, Tensor output, AxisWindows[] windows, IndexTensor selected, Tensor grad,
                        Tensor gradInput, UnaryOperator<Tensor> gradInputOf) {
        this.title = title;
        this.input = input;
        this.output = output;
        this.rows = windows[1];
        this.cols = windows[2];
        this.selected = selected;
        this.grad = grad;
        this.gradInput = gradInput;
        this.gradInputOf = gradInputOf;
    }

    private List<Heatmaps.Panel> basePanels(float[][] outputValues, float[][] gradInputValues) {
        List<Heatmaps.Panel> panels = new ArrayList<>();
        String inputTitle = input.dim(0) > 1 ? "input (channel 0)" : "input";
        int[] rowStarts = new int[rows.outputs()];
        for (int o = 0; o < rowStarts.length; o++) {
            rowStarts[o] = windowStart(0, o);
        }
        int[] colStarts = new int[cols.outputs()];
        for (int o = 0; o < colStarts.length; o++) {
            colStarts[o] = windowStart(1, o);
        }
        if (pad(0) + pad(1) > 0) {
            inputTitle += ", padding " + (sliding.padValue() == Float.NEGATIVE_INFINITY ? "-inf" : "0");
        }
        panels.add(new Heatmaps.Panel(inputTitle, paddedInput()).ring(pad(0), pad(1), pad(0), pad(1)).steps(rowStarts, colStarts));
        panels.add(new Heatmaps.Panel(title, outputValues));
        if (grad != null) {
            panels.add(new Heatmaps.Panel("dE/dout", grad.matrix(0)));
            panels.add(new Heatmaps.Panel("dE/dinput", gradInputValues));
        }
        return panels;
    }

    /** Where window o starts along an axis, in the drawn (padded) input: o*s - p + p, or the first position read. */
    private int windowStart(int axis, int o) {
        if (sliding == null) {
            return (axis == 0 ? rows : cols).first(o);
        }
        return Windows.tapPosition(o, 0, sliding.stride()[axis], pad(axis), sliding.dilation()[axis]) + pad(axis);
    }

    /** Outlines output cell (i, j)'s window on the drawn input: whole (padding included) for a sliding pool. */
    private void outlineWindow(Heatmaps.Panel panel, int i, int j, boolean thick) {
        if (sliding == null) {
            outlineRead(panel, i, j, thick, 0, 0);
            return;
        }
        int r0 = windowStart(0, i);
        int c0 = windowStart(1, j);
        int[] k = sliding.kernel();
        int[] d = sliding.dilation();
        if (d[0] == 1 && d[1] == 1) {
            panel.outline(new Heatmaps.Outline(r0, c0, k[0], k[1], thick));
            return;
        }
        panel.outline(new Heatmaps.Outline(r0, c0, d[0] * (k[0] - 1) + 1, d[1] * (k[1] - 1) + 1, false));
        for (int u = 0; u < k[0]; u++) {
            for (int v = 0; v < k[1]; v++) {
                panel.outline(new Heatmaps.Outline(r0 + u * d[0], c0 + v * d[1], 1, 1, thick));
            }
        }
    }

    /** Outlines the input cells output cell (i, j) reads: one box, or each cell under dilation. */
    private void outlineRead(Heatmaps.Panel panel, int i, int j, boolean thick, int padRows, int padCols) {
        int spanRows = (rows.count(i) - 1) * rows.step() + 1;
        int spanCols = (cols.count(j) - 1) * cols.step() + 1;
        if (rows.count(i) == 0 || cols.count(j) == 0) {
            return;
        }
        if (rows.step() == 1 && cols.step() == 1) {
            panel.outline(new Heatmaps.Outline(rows.first(i) + padRows, cols.first(j) + padCols, spanRows, spanCols, thick));
            return;
        }
        panel.outline(new Heatmaps.Outline(rows.first(i) + padRows, cols.first(j) + padCols, spanRows, spanCols, false));
        for (int a = 0; a < rows.count(i); a++) {
            for (int b = 0; b < cols.count(j); b++) {
                panel.outline(new Heatmaps.Outline(rows.first(i) + a * rows.step() + padRows,
                        cols.first(j) + b * cols.step() + padCols, 1, 1, thick));
            }
        }
    }

    private static boolean contains(AxisWindows w, int o, int position) {
        int offset = position - w.first(o);
        return offset >= 0 && offset % w.step() == 0 && offset / w.step() < w.count(o);
    }

    /** Marks the element output cell (i, j) chose (max-type pools). */
    private void markChosen(Heatmaps.Panel panel, int i, int j) {
        if (selected == null) {
            return;
        }
        long at = selected.data()[i * output.dim(2) + j];
        panel.mark((int) (at / input.dim(2)) + pad(0), (int) (at % input.dim(2)) + pad(1));
    }

    /**
     * The still picture; every chosen element is marked. {@code cell} (may be null): forward, an output
     * cell whose window is outlined; backward, an input cell, with every window that covers it.
     */
    public BufferedImage still(int[] cell) {
        List<Heatmaps.Panel> panels = basePanels(output.matrix(0), gradInput == null ? null : gradInput.matrix(0));
        int outRows = output.dim(1);
        int outCols = output.dim(2);
        if (cell == null) {
            for (int i = 0; i < outRows; i++) {
                for (int j = 0; j < outCols; j++) {
                    markChosen(panels.get(0), i, j);
                }
            }
        } else if (grad == null) {
            CellSelection.of(cell, outRows, outCols);
            outlineWindow(panels.get(0), cell[0], cell[1], true);
            markChosen(panels.get(0), cell[0], cell[1]);
            panels.get(1).outline(new Heatmaps.Outline(cell[0], cell[1], 1, 1, true));
        } else {
            CellSelection.of(cell, input.dim(1), input.dim(2));
            panels.get(0).outline(new Heatmaps.Outline(cell[0] + pad(0), cell[1] + pad(1), 1, 1, true));
            panels.get(3).outline(new Heatmaps.Outline(cell[0], cell[1], 1, 1, true));
            for (int i = 0; i < outRows; i++) {
                for (int j = 0; j < outCols; j++) {
                    if (contains(rows, i, cell[0]) && contains(cols, j, cell[1])) {
                        outlineWindow(panels.get(0), i, j, false);
                        markChosen(panels.get(0), i, j);
                        panels.get(1).outline(new Heatmaps.Outline(i, j, 1, 1, true));
                        panels.get(2).outline(new Heatmaps.Outline(i, j, 1, 1, true));
                    }
                }
            }
        }
        return Heatmaps.render(panels);
    }

    /** The frames, one per output cell (at most {@code cap}, spread evenly). */
    public List<BufferedImage> frames(int cap) {
        int outCols = output.dim(2);
        int steps = output.dim(1) * outCols;
        if (steps == 0) {
            throw new UserError("--gif: nothing to animate");
        }
        List<List<Heatmaps.Panel>> frames = new ArrayList<>();
        for (int t : Animations.framedSteps(steps, cap)) {
            int i = t / outCols;
            int j = t % outCols;
            List<Heatmaps.Panel> panels;
            if (grad == null) {
                float[][] partial = Animations.revealedUpTo(output.matrix(0), t);
                panels = basePanels(partial, null);
            } else {
                // the gradient of the first t + 1 output cells alone: the backward of G with the others zeroed
                panels = basePanels(output.matrix(0), gradInputOf.apply(ConvPictures.firstCells(grad, t)).matrix(0));
                panels.get(2).outline(new Heatmaps.Outline(i, j, 1, 1, true));
                outlineRead(panels.get(3), i, j, true, 0, 0);
            }
            outlineWindow(panels.get(0), i, j, true);
            markChosen(panels.get(0), i, j);
            panels.get(1).outline(new Heatmaps.Outline(i, j, 1, 1, true));
            frames.add(panels);
        }
        return Animations.renderShared(frames);
    }

    /**
     * Max unpooling: input (the pooled values), indices, output. Step t writes input cell t at its index;
     * the frames show the output filling in.
     */
    public static List<BufferedImage> unpoolFrames(Tensor input, IndexTensor indices, Tensor output, int cap) {
        int w = input.dim(2);
        int steps = input.dim(1) * w;
        int outW = output.dim(2);
        List<List<Heatmaps.Panel>> frames = new ArrayList<>();
        for (int t : Animations.framedSteps(steps, cap)) {
            float[][] partial = new float[output.dim(1)][outW];
            for (float[] row : partial) {
                Arrays.fill(row, Float.NaN);
            }
            for (int s = 0; s <= t; s++) {
                long at = indices.data()[s];
                partial[(int) (at / outW)][(int) (at % outW)] = input.data()[s];
            }
            if (t == steps - 1) {
                float[][] full = output.matrix(0);
                for (int r = 0; r < full.length; r++) {
                    for (int c = 0; c < outW; c++) {
                        if (Float.isNaN(partial[r][c])) {
                            partial[r][c] = full[r][c];
                        }
                    }
                }
            }
            long at = indices.data()[t];
            List<Heatmaps.Panel> panels = new ArrayList<>();
            panels.add(new Heatmaps.Panel("input", input.matrix(0)).outline(new Heatmaps.Outline(t / w, t % w, 1, 1, true)));
            panels.add(new Heatmaps.Panel("unpooled", partial).outline(new Heatmaps.Outline((int) (at / outW), (int) (at % outW), 1, 1, true)));
            frames.add(panels);
        }
        return Animations.renderShared(frames);
    }

    /** The still of max unpooling: each value marked where its index put it. */
    public static BufferedImage unpoolStill(Tensor input, IndexTensor indices, Tensor output, Tensor grad, Tensor gradInput) {
        int plane = input.dim(1) * input.dim(2);
        int outW = output.dim(2);
        Heatmaps.Panel out = new Heatmaps.Panel("unpooled", output.matrix(0));
        for (int s = 0; s < plane; s++) {
            long at = indices.data()[s];
            out.mark((int) (at / outW), (int) (at % outW));
        }
        List<Heatmaps.Panel> panels = new ArrayList<>(List.of(new Heatmaps.Panel("input", input.matrix(0)), out));
        if (grad != null) {
            panels.add(new Heatmaps.Panel("dE/dout", grad.matrix(0)));
            panels.add(new Heatmaps.Panel("dE/dinput", gradInput.matrix(0)));
        }
        return Heatmaps.render(panels);
    }
}
