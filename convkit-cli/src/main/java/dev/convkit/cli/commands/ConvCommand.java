package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.explain.ConvExplainer;
import dev.convkit.cli.io.ClassicKernels;
import dev.convkit.cli.io.MatrixReader;
import dev.convkit.cli.io.Report;
import dev.convkit.cli.io.Sizes;
import dev.convkit.cli.render.Heatmaps;
import dev.convkit.core.conv.Conv;
import dev.convkit.core.conv.ConvGradients;
import dev.convkit.core.conv.ConvForward;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.PaddingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            "",
            "The course exercise (A.txt and K.txt hold the 5x5 image and the 3x3 kernel as rows of numbers):",
            "  convkit conv --input A.txt --kernel K.txt                          # C",
            "  convkit conv --input A.txt --kernel K.txt --grad-output ones --explain",
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

    @Option(names = "--padding", paramLabel = "P", description = "Padding per side: 0 (default), 1x2, same or valid.")
    String padding = "0";

    @Option(names = "--dilation", paramLabel = "D", converter = Sizes.Converter.class, description = "Dilation: 1 (default) or 2x1.")
    Sizes.Dims dilation;

    @Option(names = "--groups", paramLabel = "G", description = "Channel groups (default 1; a 2-d kernel on C channels uses C).")
    Integer groups;

    @Option(names = "--padding-mode", paramLabel = "MODE", description = "zeros (default), reflect, replicate or circular.")
    String paddingMode = "zeros";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Report.Format format = operand.reportFormat();
        MatrixReader.Read read = operand.readInput();
        Tensor input = read.tensor();
        if (input.rank() < 3 || input.rank() > 5) {
            throw new UserError(operand.input + ": the input must be 2-d (rows of numbers, channels separated by blank lines) "
                    + "or a JSON tensor of rank 3 to 5, got shape " + java.util.Arrays.toString(input.shape()));
        }
        int rank = input.rank() == 5 ? 3 : 2;
        int channels = input.rank() == 3 ? input.dim(0) : input.dim(1);
        boolean classic = ClassicKernels.find(kernel) != null && !Files.exists(Path.of(kernel));
        if (!classic && !Files.exists(Path.of(kernel))) {
            throw new UserError("--kernel " + kernel + ": no such file, and not a named kernel ("
                    + ClassicKernels.names() + ")");
        }
        Tensor k = classic ? ClassicKernels.find(kernel) : MatrixReader.read(Path.of(kernel), false).tensor();
        int groupCount = groups == null ? 1 : groups;
        Tensor weight;
        if (k.rank() == rank + 2) {
            weight = k;
        } else if (k.rank() == 3 && rank == 2 && k.dim(0) == 1 && channels > 1 && groups == null) {
            weight = repeat(k, channels);
            groupCount = channels;
        } else if (k.rank() == 3 && rank == 2) {
            weight = k.reshape(1, k.dim(0), k.dim(1), k.dim(2));
        } else {
            throw new UserError("--kernel " + kernel + ": shape " + java.util.Arrays.toString(k.shape())
                    + " does not fit a " + rank + "-d convolution");
        }
        Op op = Catalogue.require("conv", rank);
        Params params = op.params(params(groupCount));
        Tensor b = bias == null ? null : Tensor.of(bias, bias.length);
        if (b != null && bias.length == 1 && weight.dim(0) > 1) {
            b = Tensor.full(bias[0], weight.dim(0));
        }
        ConvForward forward = (ConvForward) op.forward(Operands.of("input", input, "weight", weight, "bias", b), params);
        Tensor output = forward.output();
        Tensor grad = operand.gradient(output.shape());
        ConvGradients grads = grad == null ? null : forward.gradients(grad, true);

        // buffered, so that an error (say, a bad --cell) prints one message and no half result
        java.io.StringWriter buffer = new java.io.StringWriter();
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
            ConvExplainer explainer = new ConvExplainer(input, weight, b, forward.plan());
            out.println();
            out.print(explainer.forward(output, operand.cell));
            if (grads != null) {
                out.println();
                out.print(explainer.backward(grad, grads.input(), operand.cell));
            }
        }
        if (operand.png != null) {
            writePicture(read, input, weight, output, grads);
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
        if (padding.equals("same") || padding.equals("valid")) {
            params.put("padding", padding);
        } else {
            try {
                params.put("padding", Sizes.parse("--padding", padding));
            } catch (picocli.CommandLine.TypeConversionException e) {
                throw new UserError("--padding must be a number, sizes like 1x2, same or valid, got '" + padding + "'");
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

    private void writePicture(MatrixReader.Read read, Tensor input, Tensor weight, Tensor output, ConvGradients grads) {
        if (input.rank() != 3) {
            throw new UserError("--png draws 2-d inputs (channels x rows x columns), got shape " + java.util.Arrays.toString(input.shape()));
        }
        if (read.image()) {
            double sum = 0;
            for (int i = 0; i < weight.dim(2) * weight.dim(3); i++) {
                sum += weight.data()[i];
            }
            Heatmaps.write(operand.png, Heatmaps.image(output, Math.abs(sum - 1) < 1e-6));
            return;
        }
        List<Heatmaps.Panel> panels = new ArrayList<>();
        panels.add(new Heatmaps.Panel("input", input.matrix(0)));
        panels.add(new Heatmaps.Panel("kernel", weight.matrix(0, 0)));
        panels.add(new Heatmaps.Panel("output", output.matrix(0)));
        if (grads != null) {
            panels.add(new Heatmaps.Panel("dE/dinput", grads.input().matrix(0)));
        }
        Heatmaps.write(operand.png, Heatmaps.render(panels));
    }
}
