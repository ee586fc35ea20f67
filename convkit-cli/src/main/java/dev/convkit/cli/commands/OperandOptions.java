package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.io.MatrixReader;
import dev.convkit.cli.io.Report;
import dev.convkit.cli.render.Animations;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

/** The options {@code conv} and {@code pool} share: the input, the upstream gradient, explanation and output. */
public final class OperandOptions {
    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "The input: a text matrix (rows of numbers; a blank line starts the next channel), "
                    + "a JSON tensor, or an image (PNG/JPEG, read as grayscale 0-255).")
    Path input;

    @Option(names = "--rgb", description = "Read an image as three channels (R, G, B) instead of grayscale.")
    boolean rgb;

    @Option(names = "--grad-output", paramLabel = "G|ones",
            description = "Run the backward pass with this upstream gradient dE/dout: a file, or 'ones'.")
    String gradOutput;

    @Option(names = "--explain", description = "Show how each output cell (and, with --grad-output, each input gradient) is computed.")
    boolean explain;

    @Option(names = "--cell", paramLabel = "i,j", split = ",",
            description = "With --explain, --png: the one cell to explain and outline (0-based row,col): an output cell, or with "
                    + "--grad-output or --transpose an input cell; large inputs explain only this cell.")
    int[] cell;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json.")
    String format = "table";

    @Option(names = "--png", paramLabel = "FILE",
            description = "Write a picture: heatmaps of input, kernel, output and gradients on one colour scale; with --cell, "
                    + "that cell's window outlined (for an image input, the filtered image).")
    Path png;

    @Option(names = "--gif", paramLabel = "FILE",
            description = "Write an animation: the window moving over the input, one frame per output cell "
                    + "(with --grad-output, the gradient flowing back).")
    Path gif;

    @Option(names = "--frame-delay", paramLabel = "MS", description = "With --gif: milliseconds per frame (default ${DEFAULT-VALUE}).")
    int frameDelay = Animations.DEFAULT_DELAY_MS;

    @Option(names = "--max-frames", paramLabel = "N",
            description = "With --gif: at most N frames, spread over the cells (default ${DEFAULT-VALUE}, at most 1000).")
    int maxFrames = Animations.DEFAULT_MAX_FRAMES;

    Report.Format reportFormat() {
        return switch (format) {
            case "table" -> Report.Format.TABLE;
            case "csv" -> Report.Format.CSV;
            case "json" -> Report.Format.JSON;
            default -> throw new UserError("--format must be table, csv or json, got '" + format + "'");
        };
    }

    MatrixReader.Read readInput() {
        return MatrixReader.read(input, rgb);
    }

    /** The upstream gradient for an output of {@code shape}, or null without --grad-output. */
    Tensor gradient(int[] shape) {
        if (gradOutput == null) {
            return null;
        }
        if (gradOutput.equals("ones")) {
            return Tensor.full(1f, shape);
        }
        Tensor g = MatrixReader.read(Path.of(gradOutput), false).tensor();
        if (g.numel() != Shape.numel(shape)) {
            throw new UserError(String.format("--grad-output %s: has shape %s, but the output has shape %s",
                    gradOutput, Arrays.toString(g.shape()), Arrays.toString(shape)));
        }
        return g.reshape(shape);
    }

    /** The frame cap of --gif, checked (with the frame delay). */
    int gifLimit() {
        if (maxFrames < 1 || maxFrames > Animations.MAX_FRAMES) {
            throw new UserError("--max-frames must be between 1 and " + Animations.MAX_FRAMES
                    + ", got " + maxFrames);
        }
        if (frameDelay < 20 || frameDelay > 60_000) {
            throw new UserError("--frame-delay must be between 20 and 60000 milliseconds, got " + frameDelay);
        }
        return maxFrames;
    }

    /** --png and --gif draw 2-d inputs. */
    void requireDrawable(Tensor t) {
        if (t.rank() != 3) {
            throw new UserError((gif != null ? "--gif" : "--png") + " draws 2-d inputs (channels x rows x columns), got shape "
                    + Arrays.toString(t.shape()));
        }
    }

    void requireExplainable(Tensor t) {
        if (explain && t.rank() != 3) {
            throw new UserError("--explain works on 2-d inputs (channels x rows x columns), got shape "
                    + Arrays.toString(t.shape()));
        }
    }
}
