package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.explain.PoolExplainer;
import dev.convkit.cli.explain.UnpoolExplainer;
import dev.convkit.cli.io.MatrixReader;
import dev.convkit.cli.io.Report;
import dev.convkit.cli.io.Sizes;
import dev.convkit.cli.render.Animations;
import dev.convkit.cli.render.Heatmaps;
import dev.convkit.cli.render.PoolPictures;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Param;
import dev.convkit.core.pool.PoolForward;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.tensor.TensorFormat;
import dev.convkit.core.window.Windows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code convkit pool KIND}: the pooling family on a matrix, forward and backward, explained. */
@Command(name = "pool", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Pool an input: KIND is max, avg, lp, adaptive-avg, adaptive-max, fractional-max, or unpool",
            "(max_unpool2d: put each value back where --indices-from says). The flags map one to one onto PyTorch's.",
            "",
            "The course exercise (C.txt holds C = [[109,92,72],[108,85,74],[110,74,79]]):",
            "  convkit pool max --input C.txt --kernel 2 --stride 1 --indices      # [[109,92],[110,85]]",
            "  convkit pool avg --input C.txt --kernel 2 --stride 1 --explain",
            "  convkit pool lp --p 2 --input C.txt --kernel 2 --stride 1",
            "  convkit pool adaptive-avg --input C.txt --output-size 2",
            "  convkit pool fractional-max --input C.txt --kernel 2 --output-size 2 --seed 7",
            "  convkit pool max --input C.txt --kernel 2 --stride 1 --gif max.gif     # 4 frames, the max marked",
            "  convkit pool unpool --input P.txt --indices-from I.txt --kernel 2 --stride 1  # P, I: the max and indices",
            ""})
public final class PoolCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "max, avg, lp, adaptive-avg, adaptive-max, fractional-max or unpool")
    String kind;

    @Mixin
    OperandOptions operand;

    @Option(names = "--kernel", paramLabel = "K", converter = Sizes.Converter.class, description = "Window size: 2 or 2x3 (kernel_size).")
    Sizes.Dims kernel;

    @Option(names = "--stride", paramLabel = "S", converter = Sizes.Converter.class, description = "Stride (default: the kernel size).")
    Sizes.Dims stride;

    @Option(names = "--padding", paramLabel = "P", converter = Sizes.Converter.class, description = "Padding per side (default 0).")
    Sizes.Dims padding;

    @Option(names = "--dilation", paramLabel = "D", converter = Sizes.Converter.class, description = "max only: dilation (default 1).")
    Sizes.Dims dilation;

    @Option(names = "--ceil-mode", description = "Round the output size up (ceil_mode).")
    boolean ceilMode;

    @Option(names = "--count-include-pad", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "avg only: count padding in the divisor (default true; --no-count-include-pad to turn off).")
    boolean countIncludePad;

    @Option(names = "--divisor", paramLabel = "N", description = "avg only: divisor_override.")
    Integer divisor;

    @Option(names = "--p", paramLabel = "X", description = "lp only: norm_type, a number > 0 or inf.")
    String p;

    @Option(names = "--output-size", paramLabel = "N", converter = Sizes.Converter.class,
            description = "adaptive and fractional: output size, 2 or 2x3.")
    Sizes.Dims outputSize;

    @Option(names = "--output-ratio", paramLabel = "X", split = ",", description = "fractional only: output_ratio in (0, 1).")
    double[] outputRatio;

    @Option(names = "--seed", paramLabel = "S", description = "fractional only: seed of the random samples (default 0).")
    Long seed;

    @Option(names = "--samples", paramLabel = "FILE", description = "fractional only: explicit samples, one row (u_w, u_h) per channel.")
    Path samples;

    @Option(names = "--indices", description = "max-type pools: also print the indices (return_indices).")
    boolean indices;

    @Option(names = "--indices-from", paramLabel = "FILE",
            description = "unpool only: the indices a max pool returned (as --indices prints them), one per input value.")
    Path indicesFrom;

    @Spec
    CommandSpec spec;

    /** The learner's pool kinds and the catalogue families they name. */
    private enum PoolKind {
        MAX("max", "max_pool", PoolExplainer.Kind.MAX),
        AVG("avg", "avg_pool", PoolExplainer.Kind.AVG),
        LP("lp", "lp_pool", PoolExplainer.Kind.LP),
        ADAPTIVE_AVG("adaptive-avg", "adaptive_avg_pool", PoolExplainer.Kind.ADAPTIVE_AVG),
        ADAPTIVE_MAX("adaptive-max", "adaptive_max_pool", PoolExplainer.Kind.ADAPTIVE_MAX),
        FRACTIONAL_MAX("fractional-max", "fractional_max_pool", PoolExplainer.Kind.FRACTIONAL_MAX),
        UNPOOL("unpool", "max_unpool", null);

        final String word;
        final String family;
        final PoolExplainer.Kind explained;

        PoolKind(String word, String family, PoolExplainer.Kind explained) {
            this.word = word;
            this.family = family;
            this.explained = explained;
        }
    }

    private PoolKind parseKind() {
        for (PoolKind k : PoolKind.values()) {
            if (k.word.equals(kind)) {
                return k;
            }
        }
        throw new ParameterException(spec.commandLine(),
                "KIND must be max, avg, lp, adaptive-avg, adaptive-max, fractional-max or unpool, got '" + kind + "'");
    }

    /** A flag and the catalogue parameter it sets. */
    private record Flag(String flag, String param, boolean given, Object value) {
    }

    /** The flags as catalogue parameters (or operands); the op's declarations decide which apply. */
    private List<Flag> flags() {
        List<Flag> flags = new ArrayList<>();
        flags.add(new Flag("--kernel", "kernel_size", kernel != null, kernel == null ? null : kernel.values()));
        flags.add(new Flag("--stride", "stride", stride != null, stride == null ? null : stride.values()));
        flags.add(new Flag("--padding", "padding", padding != null, padding == null ? null : padding.values()));
        flags.add(new Flag("--dilation", "dilation", dilation != null, dilation == null ? null : dilation.values()));
        flags.add(new Flag("--ceil-mode", "ceil_mode", ceilMode, ceilMode ? Boolean.TRUE : null));
        flags.add(new Flag("--no-count-include-pad", "count_include_pad", !countIncludePad, countIncludePad ? null : Boolean.FALSE));
        flags.add(new Flag("--divisor", "divisor_override", divisor != null, divisor));
        flags.add(new Flag("--p", "norm_type", p != null, p == null ? null : normType()));
        flags.add(new Flag("--output-size", "output_size", outputSize != null, outputSize == null ? null : outputSize.values()));
        flags.add(new Flag("--output-ratio", "output_ratio", outputRatio != null, outputRatio));
        flags.add(new Flag("--seed", "seed", seed != null, seed));
        flags.add(new Flag("--samples", "random_samples", samples != null, null));
        flags.add(new Flag("--indices", "return_indices", indices, indices ? Boolean.TRUE : null));
        flags.add(new Flag("--indices-from", "indices", indicesFrom != null, null));
        return flags;
    }

    @Override
    public Integer call() {
        PoolKind k = parseKind();
        Op op = Catalogue.require(k.family, 2);
        Map<String, Object> params = new LinkedHashMap<>();
        for (Flag f : flags()) {
            boolean operand = op.operands().stream().anyMatch(o -> o.name().equals(f.param));
            if (f.given && !op.accepts(f.param) && !operand) {
                throw new ParameterException(spec.commandLine(), f.flag + " does not apply to pool " + kind);
            }
            if (f.value != null) {
                params.put(f.param, f.value);
            }
        }
        for (Param required : op.params()) {
            if (required.required() && !params.containsKey(required.name())) {
                throw new UserError("pool " + kind + " needs " + flagOf(required.name()));
            }
        }
        if (k == PoolKind.UNPOOL) {
            return unpool(op, params);
        }
        if (k == PoolKind.FRACTIONAL_MAX && outputSize == null && outputRatio == null) {
            throw new UserError("pool fractional-max needs --output-size or --output-ratio");
        }
        Report.Format format = operand.reportFormat();
        MatrixReader.Read read = operand.readInput();
        Tensor input = read.tensor();
        if (input.rank() != 3) {
            throw new UserError(operand.input + ": pool works on 2-d inputs (channels x rows x columns), got shape "
                    + Arrays.toString(input.shape()));
        }
        Tensor u = samples == null ? null : MatrixReader.read(samples, false).tensor().reshape(1, input.dim(0), 2);
        PoolForward forward = (PoolForward) op.forward(Operands.of("input", input, "random_samples", u), op.params(params));
        Tensor grad = operand.gradient(forward.output().shape());
        Tensor gradInput = grad == null ? null : forward.gradInput(grad);
        IndexTensor selected = forward.selected();

        // buffered, so that an error (say, a bad --cell) prints one message and no half result
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        Report report = new Report().add("output", "output", forward.output());
        if (forward.indices() != null) {
            report.add("indices", "indices", forward.indices());
        }
        if (gradInput != null) {
            report.add("grad_input", "dE/dinput", gradInput);
        }
        report.print(out, format);
        if (operand.explain) {
            double norm = op.accepts("norm_type") ? (Double) params.get("norm_type") : 0;
            String source = samples != null ? samples.toString() : "seed " + (seed == null ? 0 : seed);
            PoolExplainer explainer = new PoolExplainer(k.explained, input, forward, norm, countIncludePad, divisor, source);
            out.println();
            out.print(explainer.forward(forward.output(), selected, operand.cell));
            if (gradInput != null) {
                out.println();
                out.print(explainer.backward(forward.output(), selected, grad, gradInput, operand.cell));
            }
        }
        if (operand.png != null || operand.gif != null) {
            operand.requireDrawable(input);
            PoolPictures pictures = new PoolPictures(kind + " pool", input, forward.output(), forward.windows(0), selected,
                    grad, gradInput, forward::gradInput);
            if (k == PoolKind.MAX || k == PoolKind.AVG || k == PoolKind.LP) {
                int[] kernelSize = Windows.expand(op.name(), "kernel_size", kernel.values(), 2);
                pictures.sliding(new PoolPictures.Sliding(kernelSize,
                        Windows.expand(op.name(), "stride", Sizes.or(stride, kernelSize), 2),
                        Windows.expand(op.name(), "padding", Sizes.or(padding, new int[] {0}), 2),
                        Windows.expand(op.name(), "dilation", Sizes.or(dilation, new int[] {1}), 2),
                        k == PoolKind.MAX ? Float.NEGATIVE_INFINITY : 0f));
            }
            if (operand.png != null) {
                Heatmaps.write(operand.png, pictures.still(operand.cell));
            }
            if (operand.gif != null) {
                Animations.write(operand.gif, pictures.frames(operand.gifLimit()), operand.frameDelay);
            }
        }
        out.flush();
        spec.commandLine().getOut().print(buffer);
        return 0;
    }

    /** max_unpool2d: each input value written at its index of the output; the backward gathers. */
    private Integer unpool(Op op, Map<String, Object> params) {
        if (indicesFrom == null) {
            throw new UserError("pool unpool needs --indices-from FILE: the indices a max pool returned (pool max --indices)");
        }
        Report.Format format = operand.reportFormat();
        Tensor input = operand.readInput().tensor();
        if (input.rank() != 3) {
            throw new UserError(operand.input + ": pool works on 2-d inputs (channels x rows x columns), got shape "
                    + Arrays.toString(input.shape()));
        }
        Tensor raw = MatrixReader.read(indicesFrom, false).tensor();
        if (raw.numel() != input.numel()) {
            throw new UserError(String.format("--indices-from %s: has %d values, but the input has %d (one index per value)",
                    indicesFrom, raw.numel(), input.numel()));
        }
        long[] values = new long[(int) raw.numel()];
        for (int i = 0; i < values.length; i++) {
            float v = raw.data()[i];
            if (v != Math.rint(v) || v < 0) {
                throw new UserError(String.format("--indices-from %s: value %d is %s, not a flat index (a whole number >= 0)",
                        indicesFrom, i + 1, TensorFormat.number(v)));
            }
            values[i] = (long) v;
        }
        IndexTensor idx = IndexTensor.wrap(values, input.shape());
        Forward forward = op.forward(Operands.of("input", input, "indices", idx), op.params(params));
        Tensor output = forward.output();
        Tensor grad = operand.gradient(output.shape());
        Tensor gradInput = grad == null ? null : forward.backward(grad).get("input");
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        Report report = new Report().add("output", "output", output);
        if (gradInput != null) {
            report.add("grad_input", "dE/dinput", gradInput);
        }
        report.print(out, format);
        if (operand.explain) {
            out.println();
            out.print(new UnpoolExplainer(input, idx, output, params).forward(operand.cell));
            if (gradInput != null) {
                out.println();
                out.print(new UnpoolExplainer(input, idx, output, params).backward(grad, gradInput, operand.cell));
            }
        }
        if (operand.png != null) {
            Heatmaps.write(operand.png, PoolPictures.unpoolStill(input, idx, output, grad, gradInput));
        }
        if (operand.gif != null) {
            Animations.write(operand.gif, PoolPictures.unpoolFrames(input, idx, output, operand.gifLimit()), operand.frameDelay);
        }
        out.flush();
        spec.commandLine().getOut().print(buffer);
        return 0;
    }

    private String flagOf(String param) {
        return flags().stream().filter(f -> f.param.equals(param)).findFirst().map(Flag::flag).orElse(param)
                + (param.equals("norm_type") ? " (a number > 0, or inf)" : "");
    }

    private double normType() {
        String text = p.trim().toLowerCase(Locale.ROOT);
        if (text.equals("inf") || text.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserError("--p must be a number > 0 or inf, got '" + p + "'");
        }
    }
}
