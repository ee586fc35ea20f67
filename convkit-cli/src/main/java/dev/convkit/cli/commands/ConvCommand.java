package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.explain.ConvExplainer;
import dev.convkit.cli.explain.TransposeExplainer;
import dev.convkit.cli.io.ClassicKernels;
import dev.convkit.cli.io.MatrixReader;
import dev.convkit.cli.io.Report;
import dev.convkit.cli.io.Sizes;
import dev.convkit.cli.render.Animations;
import dev.convkit.cli.render.ConvPictures;
import dev.convkit.cli.render.Heatmaps;
import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvForward;
import dev.convkit.core.conv.ConvGradients;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.PaddingMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code convkit conv}: convolve a matrix or image with a kernel, forward and backward, explained. */
@Command(name = "conv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Convolve an input with a kernel (cross-correlation, as PyTorch's conv2d), and with --grad-output",
            "run the backward pass. A 2-d kernel on a multi-channel input filters each channel separately;",
            "a kernel with one block per input channel sums over the channels (one output channel).",
            "With --transpose, the transposed convolution (conv_transpose2d): each input cell stamps the kernel.",
            "",
            "The course exercise (A.txt and K.txt hold the 5x5 image and the 3x3 kernel as rows of numbers):",
            "  convkit conv --input A.txt --kernel K.txt                        # C",
            "  convkit conv --input A.txt --kernel K.txt --grad-output ones --explain",
            "  convkit conv --input ones3.txt --kernel K.txt --transpose --explain   # dE/dA, stamp by stamp",
            "  convkit conv --input A.txt --kernel K.txt --gif windows.gif      # 9 frames, one per output cell",
            "  convkit conv --input A.txt --kernel K.txt --stride 2 --padding 1 --explain --cell 1,1 --png cell.png",
            "  convkit conv --input photo.png --kernel sobel-x --padding same --png edges.png",
            ""})
public final class ConvCommand implements Callable<Integer> {
    @Mixin
    OperandOptions operand;

    @Option(names = "--kernel", required = true, paramLabel = "FILE|NAME",
            description = "The kernel: a file like --input, or one of: identity, box, gaussian, sharpen, sobel-x, sobel-y, laplacian, emboss.")
    String kernel;

    @Option(names = "--bias", paramLabel = "B[,B...]", split = ",", description = "Bias, one value per output channel.")
    float[] bias;

    @Option(names = "--stride", paramLabel = "S", converter = Sizes.Converter.class, description = "Stride: 1 (default) or 1x2.")
    Sizes.Dims stride;

    @Option(names = "--padding", paramLabel = "P", description = "Padding per side: 0 (default), 1x2, same, same_lower or valid.")
    String padding = "0";

    @Option(names = "--dilation", paramLabel = "D", converter = Sizes.Converter.class, description = "Dilation: 1 (default) or 2x1.")
    Sizes.Dims dilation;

    @Option(names = "--groups", paramLabel = "G", description = "Channel groups (default 1; a 2-d kernel on C channels uses C).")
    Integer groups;

    @Option(names = "--padding-mode", paramLabel = "MODE", description = "zeros (default), reflect, replicate or circular.")
    String paddingMode = "zeros";

    @Option(names = "--transpose", description = "The transposed convolution (conv_transpose1d/2d/3d): the kernel shape is (in, out/groups, ...).")
    boolean transpose;

    @Option(names = "--output-padding", paramLabel = "OP", converter = Sizes.Converter.class,
            description = "With --transpose: extra positions at the end of each output dimension (default 0).")
    Sizes.Dims outputPadding;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Report.Format format = operand.reportFormat();
        MatrixReader.Read read = operand.readInput();
        Tensor input = read.tensor();
        if (input.rank() < 3 || input.rank() > 5) {
            throw new UserError(operand.input + ": the input must be 2-d (rows of numbers, channels separated by blank lines) "
                    + "or a JSON tensor of rank 3 to 5, got shape " + Arrays.toString(input.shape()));
        }
        int rank = input.rank() == 5 ? 3 : 2;
        int channels = input.rank() == 3 ? input.dim(0) : input.dim(1);
        boolean classic = ClassicKernels.find(kernel) != null && !Files.exists(Path.of(kernel));
        if (!classic && !Files.exists(Path.of(kernel))) {
            throw new UserError("--kernel " + kernel + ": no such file, and not a named kernel ("
                    + ClassicKernels.names() + ")");
        }
        Tensor k = classic ? ClassicKernels.find(kernel) : MatrixReader.read(Path.of(kernel), false).tensor();
        if (outputPadding != null && !transpose) {
            throw new UserError("--output-padding applies only with --transpose (the transposed convolution)");
        }
        boolean stamps = operand.explain || operand.png != null || operand.gif != null;
        if (transpose && stamps && (!paddingMode.equals("zeros") || padding.startsWith("same"))) {
            // the stamp pictures and explanations show zero padding cut evenly from both ends
            throw new UserError("--transpose with --padding " + padding + " --padding-mode " + paddingMode
                    + " prints numbers only: drop --explain, --png and --gif");
        }
        int groupCount = groups == null ? 1 : groups;
        Tensor weight;
        if (k.rank() == rank + 2) {
            weight = k;
        } else if (k.rank() == rank + 1 && rank == 3) {
            weight = k.reshape(1, k.dim(0), k.dim(1), k.dim(2), k.dim(3));
        } else if (k.rank() == 3 && rank == 2 && k.dim(0) == 1 && channels > 1 && groups == null) {
            weight = repeat(k, channels);
            groupCount = channels;
        } else if (k.rank() == 3 && rank == 2) {
            weight = k.reshape(1, k.dim(0), k.dim(1), k.dim(2));
        } else {
            throw new UserError("--kernel " + kernel + ": shape " + Arrays.toString(k.shape())
                    + " does not fit a " + rank + "-d convolution");
        }
        if (transpose && weight.dim(0) == 1 && channels > 1 && k.rank() == 3) {
            throw new UserError("--transpose: a kernel with one block per input channel is needed for " + channels
                    + " channels (weight shape: in channels x out channels / groups x rows x columns)");
        }
        Op op = Catalogue.require(transpose ? "conv_transpose" : "conv", rank);
        Params params = op.params(params(groupCount));
        int outChannels = transpose ? weight.dim(1) * groupCount : weight.dim(0);
        Tensor b = bias == null ? null : Tensor.of(bias, bias.length);
        if (b != null && bias.length == 1 && outChannels > 1) {
            b = Tensor.full(bias[0], outChannels);
        }
        ConvForward forward = (ConvForward) op.forward(Operands.of("input", input, "weight", weight, "bias", b), params);
        Tensor output = forward.output();
        Tensor grad = operand.gradient(output.shape());
        ConvGradients grads = grad == null ? null : forward.gradients(grad, true);

        // buffered, so that an error (say, a bad --cell) prints one message and no half result
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        Report report = new Report().add("output", "output", output);
        if (grads != null) {
            report.add("grad_input", "dE/dinput", grads.input()).add("grad_weight", "dE/dkernel", grads.weight());
            if (grads.bias() != null) {
                report.add("grad_bias", "dE/dbias", grads.bias());
            }
        }
        report.print(out, format);
        if (operand.explain) {
            operand.requireExplainable(input);
            out.println();
            if (transpose) {
                TransposeExplainer explainer = new TransposeExplainer(input, weight, b, forward.plan());
                out.print(explainer.forward(output, operand.cell));
                if (grads != null) {
                    out.println();
                    out.print(explainer.backward(grad, grads.input(), operand.cell));
                }
            } else {
                ConvExplainer explainer = new ConvExplainer(input, weight, b, forward.plan());
                out.print(explainer.forward(output, operand.cell));
                if (grads != null) {
                    out.println();
                    out.print(explainer.backward(grad, grads.input(), operand.cell));
                }
            }
        }
        if (operand.png != null || operand.gif != null) {
            operand.requireDrawable(input);
            ConvPictures pictures = new ConvPictures(input, weight, output, grad, grads, forward, transpose,
                    x -> op.forward(Operands.of("input", x, "weight", weight), params).output());
            if (operand.png != null) {
                if (read.image() && !transpose) {
                    writeFilteredImage(weight, output);
                } else {
                    Heatmaps.write(operand.png, pictures.still(operand.cell));
                }
            }
            if (operand.gif != null) {
                Animations.write(operand.gif, pictures.frames(operand.gifLimit()), operand.frameDelay);
            }
        }
        out.flush();
        spec.commandLine().getOut().print(buffer);
        return 0;
    }

    /** The flags as the catalogue's conv parameters. */
    private Map<String, Object> params(int groupCount) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("stride", Sizes.or(stride, new int[] {1}));
        params.put("dilation", Sizes.or(dilation, new int[] {1}));
        params.put("groups", groupCount);
        params.put("padding_mode", paddingMode);
        if (transpose) {
            params.put("output_padding", Sizes.or(outputPadding, new int[] {0}));
        }
        if (padding.equals("same") || padding.equals("same_lower") || padding.equals("valid")) {
            params.put("padding", padding);
        } else {
            try {
                params.put("padding", Sizes.parse("--padding", padding));
            } catch (CommandLine.TypeConversionException e) {
                throw new UserError("--padding must be a number, sizes like 1x2, same, same_lower or valid, got '" + padding + "'");
            }
        }
        return params;
    }

    private static Tensor repeat(Tensor k, int channels) {
        int size = (int) k.numel();
        float[] data = new float[channels * size];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(k.data(), 0, data, c * size, size);
        }
        return Tensor.wrap(data, channels, 1, k.dim(1), k.dim(2));
    }

    /** An image input filtered by a kernel, drawn as an image (see {@link Heatmaps#image}). */
    private void writeFilteredImage(Tensor weight, Tensor output) {
        double sum = 0;
        for (int i = 0; i < weight.dim(2) * weight.dim(3); i++) {
            sum += weight.data()[i];
        }
        Heatmaps.write(operand.png, Heatmaps.image(output, Math.abs(sum - 1) < 1e-6));
    }
}
