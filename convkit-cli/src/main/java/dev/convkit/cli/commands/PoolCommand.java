package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.cli.explain.PoolExplainer;
import dev.convkit.cli.io.MatrixReader;
import dev.convkit.cli.io.Report;
import dev.convkit.cli.io.Sizes;
import dev.convkit.cli.render.Heatmaps;
import dev.convkit.core.pool.AdaptivePool;
import dev.convkit.core.pool.AvgPool;
import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.FractionalPoolOptions;
import dev.convkit.core.pool.LpPool;
import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.PoolKernels;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.pool.PoolPlan;
import dev.convkit.core.pool.PoolResult;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code convkit pool KIND}: the pooling family on a matrix, forward and backward, explained. */
@Command(name = "pool", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Pool an input: KIND is max, avg, lp, adaptive-avg, adaptive-max or fractional-max.",
            "The flags map one to one onto PyTorch's parameters.",
            "",
            "The course exercise (C.txt holds C = [[109,92,72],[108,85,74],[110,74,79]]):",
            "  convkit pool max --input C.txt --kernel 2 --stride 1 --indices      # [[109,92],[110,85]]",
            "  convkit pool avg --input C.txt --kernel 2 --stride 1 --explain",
            "  convkit pool lp --p 2 --input C.txt --kernel 2 --stride 1",
            "  convkit pool adaptive-avg --input C.txt --output-size 2",
            "  convkit pool fractional-max --input C.txt --kernel 2 --output-size 2 --seed 7",
            ""})
public final class PoolCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "max, avg, lp, adaptive-avg, adaptive-max or fractional-max")
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

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private PoolExplainer.Kind parseKind() {
        return switch (kind) {
            case "max" -> PoolExplainer.Kind.MAX;
            case "avg" -> PoolExplainer.Kind.AVG;
            case "lp" -> PoolExplainer.Kind.LP;
            case "adaptive-avg" -> PoolExplainer.Kind.ADAPTIVE_AVG;
            case "adaptive-max" -> PoolExplainer.Kind.ADAPTIVE_MAX;
            case "fractional-max" -> PoolExplainer.Kind.FRACTIONAL_MAX;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "KIND must be max, avg, lp, adaptive-avg, adaptive-max or fractional-max, got '" + kind + "'");
        };
    }

    /** Rejects a flag that the chosen pool does not have. */
    private void only(boolean given, String flag, PoolExplainer.Kind k, PoolExplainer.Kind... allowed) {
        if (given && !java.util.Arrays.asList(allowed).contains(k)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    flag + " does not apply to pool " + kind);
        }
    }

    @Override
    public Integer call() {
        PoolExplainer.Kind k = parseKind();
        PoolExplainer.Kind[] sliding = {PoolExplainer.Kind.MAX, PoolExplainer.Kind.AVG, PoolExplainer.Kind.LP};
        only(kernel != null, "--kernel", k, PoolExplainer.Kind.MAX, PoolExplainer.Kind.AVG, PoolExplainer.Kind.LP,
                PoolExplainer.Kind.FRACTIONAL_MAX);
        only(stride != null, "--stride", k, sliding);
        only(padding != null, "--padding", k, sliding);
        only(ceilMode, "--ceil-mode", k, sliding);
        only(dilation != null, "--dilation", k, PoolExplainer.Kind.MAX);
        only(divisor != null, "--divisor", k, PoolExplainer.Kind.AVG);
        only(!countIncludePad, "--no-count-include-pad", k, PoolExplainer.Kind.AVG);
        only(p != null, "--p", k, PoolExplainer.Kind.LP);
        only(outputSize != null, "--output-size", k, PoolExplainer.Kind.ADAPTIVE_AVG, PoolExplainer.Kind.ADAPTIVE_MAX,
                PoolExplainer.Kind.FRACTIONAL_MAX);
        only(outputRatio != null || seed != null || samples != null, "--output-ratio/--seed/--samples", k,
                PoolExplainer.Kind.FRACTIONAL_MAX);
        only(indices, "--indices", k, PoolExplainer.Kind.MAX, PoolExplainer.Kind.ADAPTIVE_MAX, PoolExplainer.Kind.FRACTIONAL_MAX);
        Report.Format format = operand.reportFormat();
        MatrixReader.Read read = operand.readInput();
        Tensor input = read.tensor();
        if (input.rank() != 3) {
            throw new UserError(operand.input + ": pool works on 2-d inputs (channels x rows x columns), got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        Computed c = compute(k, input);
        Tensor grad = operand.gradient(c.output.shape());
        Tensor gradInput = grad == null ? null : backward(k, input, grad, c);

        // buffered, so that an error (say, a bad --cell) prints one message and no half result
        java.io.StringWriter buffer = new java.io.StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        Report report = new Report().add("output", "output", c.output);
        if (indices && c.indices != null) {
            report.add("indices", "indices", c.indices);
        }
        if (gradInput != null) {
            report.add("grad_input", "dE/dinput", gradInput);
        }
        report.print(out, format);
        if (operand.explain) {
            PoolExplainer explainer = new PoolExplainer(k, input, c.windows, c.divisors, c.normType, c.kernelVolume);
            out.println();
            out.print(explainer.forward(c.output, c.indices, operand.cell));
            if (gradInput != null) {
                out.println();
                out.print(explainer.backward(c.output, c.indices, grad, gradInput, operand.cell));
            }
        }
        if (operand.png != null) {
            List<Heatmaps.Panel> panels = new ArrayList<>();
            panels.add(new Heatmaps.Panel("input", input.matrix(0)));
            panels.add(new Heatmaps.Panel(kind + " pool", c.output.matrix(0)));
            if (gradInput != null) {
                panels.add(new Heatmaps.Panel("dE/dinput", gradInput.matrix(0)));
            }
            Heatmaps.write(operand.png, Heatmaps.render(panels));
        }
        out.flush();
        spec.commandLine().getOut().print(buffer);
        return 0;
    }

    /** The forward result with what the explainer needs. */
    private record Computed(Tensor output, IndexTensor indices, java.util.function.IntFunction<dev.convkit.core.window.AxisWindows[]> windows,
                            double[] divisors, double normType, int kernelVolume, PoolOptions options,
                            FractionalPoolOptions fractional, int[] adaptiveSize) {
    }

    private PoolOptions slidingOptions() {
        if (kernel == null) {
            throw new UserError("pool " + kind + " needs --kernel");
        }
        return PoolOptions.of(2, kernel.values())
                .stride(stride == null ? null : stride.values())
                .padding(Sizes.or(padding, new int[] {0}))
                .dilation(Sizes.or(dilation, new int[] {1}))
                .ceilMode(ceilMode)
                .countIncludePad(countIncludePad)
                .divisorOverride(divisor);
    }

    private double normType() {
        if (p == null) {
            throw new UserError("pool lp needs --p (a number > 0, or inf)");
        }
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

    private Computed compute(PoolExplainer.Kind k, Tensor input) {
        switch (k) {
            case MAX: {
                PoolOptions o = slidingOptions();
                PoolResult r = MaxPool.forward(input, o);
                PoolPlan plan = PoolPlan.sliding("max_pool2d", input.shape(), o, true);
                return new Computed(r.output(), r.indices(), c -> plan.windows(), null, 0, plan.kernelVolume(), o, null, null);
            }
            case AVG: {
                PoolOptions o = slidingOptions();
                PoolPlan plan = PoolPlan.sliding("avg_pool2d", input.shape(), o, false);
                return new Computed(AvgPool.forward(input, o), null, c -> plan.windows(), AvgPool.divisors(plan, o), 0,
                        plan.kernelVolume(), o, null, null);
            }
            case LP: {
                PoolOptions o = slidingOptions();
                double norm = normType();
                Tensor out = LpPool.forward(input, norm, o);
                PoolPlan plan = PoolPlan.sliding("lp_pool2d", input.shape(), o, false);
                IndexTensor selected = null;
                if (Double.isInfinite(norm)) {
                    long[] idx = new long[(int) out.numel()];
                    PoolKernels.max(input.data(), plan.planes(), plan.inputSize(), plan.windows(), new float[idx.length], idx, true);
                    selected = IndexTensor.wrap(idx, out.shape());
                }
                return new Computed(out, selected, c -> plan.windows(), null, norm, plan.kernelVolume(), o, null, null);
            }
            case ADAPTIVE_AVG:
            case ADAPTIVE_MAX: {
                if (outputSize == null) {
                    throw new UserError("pool " + kind + " needs --output-size");
                }
                int[] size = outputSize.values();
                PoolPlan plan = PoolPlan.adaptive("adaptive_pool2d", 2, input.shape(), size);
                if (k == PoolExplainer.Kind.ADAPTIVE_AVG) {
                    return new Computed(AdaptivePool.avg(input, 2, size), null, c -> plan.windows(), null, 0, 0, null, null, size);
                }
                PoolResult r = AdaptivePool.max(input, 2, size);
                return new Computed(r.output(), r.indices(), c -> plan.windows(), null, 0, 0, null, null, size);
            }
            default: {
                if (kernel == null) {
                    throw new UserError("pool fractional-max needs --kernel");
                }
                FractionalPoolOptions o = FractionalPoolOptions.of(2, kernel.values());
                if (outputSize != null) {
                    o = o.outputSize(outputSize.values());
                } else if (outputRatio != null) {
                    o = o.outputRatio(outputRatio);
                } else {
                    throw new UserError("pool fractional-max needs --output-size or --output-ratio");
                }
                if (samples != null) {
                    Tensor u = MatrixReader.read(samples, false).tensor();
                    o = o.samples(u.reshape(1, input.dim(0), 2));
                } else {
                    o = o.seed(seed == null ? 0 : seed);
                }
                FractionalPoolOptions options = o;
                PoolResult r = FractionalMaxPool.forward(input, options);
                return new Computed(r.output(), r.indices(), c -> FractionalMaxPool.planeWindows(input, options, c), null,
                        0, 0, null, options, null);
            }
        }
    }

    private Tensor backward(PoolExplainer.Kind k, Tensor input, Tensor grad, Computed c) {
        return switch (k) {
            case MAX -> MaxPool.backward(input, grad, c.options);
            case AVG -> AvgPool.backward(input, grad, c.options);
            case LP -> LpPool.backward(input, grad, c.normType, c.options);
            case ADAPTIVE_AVG -> AdaptivePool.avgBackward(input, grad, 2, c.adaptiveSize);
            case ADAPTIVE_MAX -> AdaptivePool.maxBackward(input, grad, 2, c.adaptiveSize);
            case FRACTIONAL_MAX -> FractionalMaxPool.backward(input, grad, c.fractional);
        };
    }
}
