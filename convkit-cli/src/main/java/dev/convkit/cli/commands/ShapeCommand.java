package dev.convkit.cli.commands;

import dev.convkit.cli.explain.ShapeExplainer;
import dev.convkit.cli.io.Sizes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code convkit shape conv|conv-transpose|pool}: output sizes with the formula substituted. */
@Command(name = "shape", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compute a layer's output size and show the formula with your numbers in it.",
            "Says which input rows or columns a floor leaves unread, and what ceil_mode added or dropped.",
            "",
            "Examples (the course exercise: a 5x5 image, a 3x3 kernel):",
            "  convkit shape conv --input 5 --kernel 3             # O = 3",
            "  convkit shape conv --input 5x7 --kernel 3 --stride 2 --padding 1",
            "  convkit shape pool --input 3 --kernel 2 --stride 1   # the exercise's max pooling: 2",
            "  convkit shape pool --input 5 --kernel 2 --ceil-mode",
            "  convkit shape conv-transpose --input 3 --kernel 3 --stride 2 --output-padding 1",
            ""})
public final class ShapeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "conv, conv-transpose or pool")
    String kind;

    @Option(names = "--input", required = true, paramLabel = "I", converter = Sizes.Converter.class,
            description = "Input size, per dimension: 5 or 5x7.")
    Sizes.Dims input;

    @Option(names = "--kernel", required = true, paramLabel = "K", converter = Sizes.Converter.class,
            description = "Kernel (window) size: 3 or 3x2.")
    Sizes.Dims kernel;

    @Option(names = "--stride", paramLabel = "S", converter = Sizes.Converter.class,
            description = "Stride (default 1; for pool, the kernel size).")
    Sizes.Dims stride;

    @Option(names = "--padding", paramLabel = "P", converter = Sizes.Converter.class, description = "Padding per side (default 0).")
    Sizes.Dims padding;

    @Option(names = "--dilation", paramLabel = "D", converter = Sizes.Converter.class, description = "Dilation (default 1).")
    Sizes.Dims dilation;

    @Option(names = "--ceil-mode", description = "Pool only: round the output size up.")
    boolean ceilMode;

    @Option(names = "--output-padding", paramLabel = "OP", converter = Sizes.Converter.class,
            description = "conv-transpose only: extra positions at the end (default 0).")
    Sizes.Dims outputPadding;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ShapeExplainer.Kind k = switch (kind) {
            case "conv" -> ShapeExplainer.Kind.CONV;
            case "conv-transpose" -> ShapeExplainer.Kind.CONV_TRANSPOSE;
            case "pool" -> ShapeExplainer.Kind.POOL;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "KIND must be conv, conv-transpose or pool, got '" + kind + "'");
        };
        if (k != ShapeExplainer.Kind.POOL && ceilMode) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ceil-mode applies to pool only");
        }
        int[] s = Sizes.or(stride, k == ShapeExplainer.Kind.POOL ? null : new int[] {1});
        spec.commandLine().getOut().print(ShapeExplainer.explain(k, input.values(), kernel.values(), s,
                Sizes.or(padding, new int[] {0}), Sizes.or(dilation, new int[] {1}), ceilMode,
                Sizes.or(outputPadding, new int[] {0})));
        return 0;
    }
}
