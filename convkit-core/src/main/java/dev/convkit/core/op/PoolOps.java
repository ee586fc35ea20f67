package dev.convkit.core.op;

import dev.convkit.core.pool.AdaptivePool;
import dev.convkit.core.pool.AvgPool;
import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.FractionalPoolOptions;
import dev.convkit.core.pool.LpPool;
import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.MaxUnpool;
import dev.convkit.core.pool.PoolOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.convkit.core.op.Param.optional;
import static dev.convkit.core.op.Param.required;

/** The catalogue entries of the pooling family: max, avg, lp, adaptive, fractional and unpooling. */
final class PoolOps {
    private static final Param RETURN_INDICES = optional("return_indices", ParamType.BOOL, false,
            "also return the index of each selected element");

    private PoolOps() {
    }

    static void register(Map<String, Op> ops) {
        for (int rank = 1; rank <= 3; rank++) {
            int r = rank;
            put(ops, "max_pool", r, "max over each window; ties take the first, NaN wins",
                    sliding(List.of(optional("dilation", ParamType.INTS, new int[] {1}, "spacing between window taps"),
                            optional("ceil_mode", ParamType.BOOL, false, "round the output size up"), RETURN_INDICES)),
                    List.of(Operand.input()),
                    (in, p) -> MaxPool.run(in.tensor("input"), options(r, p)).returningIndices(p.bool("return_indices")),
                    (in, p) -> MaxPool.output(in.tensor("input"), options(r, p)));
            put(ops, "avg_pool", r, "mean over each window, divided by the window's divisor",
                    sliding(List.of(optional("ceil_mode", ParamType.BOOL, false, "round the output size up"),
                            optional("count_include_pad", ParamType.BOOL, true, "count the zero padding in the divisor"),
                            optional("divisor_override", ParamType.INT, null, "a fixed divisor for every window"))),
                    List.of(Operand.input()),
                    (in, p) -> AvgPool.run(in.tensor("input"), options(r, p)));
            List<Param> lp = new ArrayList<>();
            lp.add(required("norm_type", ParamType.NUMBER, "the power p > 0, or inf"));
            lp.addAll(sliding(List.of(optional("ceil_mode", ParamType.BOOL, false, "round the output size up"))));
            put(ops, "lp_pool", r, "(sum of x^p over each window)^(1/p); p = 1 is sum pooling, p = inf max |x|", lp,
                    List.of(Operand.input()),
                    (in, p) -> LpPool.run(in.tensor("input"), p.number("norm_type"), options(r, p)));
            Param outputSize = required("output_size", ParamType.INTS_OR_NONE, "the output size; None keeps the input size");
            put(ops, "adaptive_avg_pool", r, "mean over windows [floor(i*I/O), ceil((i+1)*I/O))", List.of(outputSize),
                    List.of(Operand.input()),
                    (in, p) -> AdaptivePool.runAvg(in.tensor("input"), r, p.ints("output_size")));
            put(ops, "adaptive_max_pool", r, "max over windows [floor(i*I/O), ceil((i+1)*I/O))",
                    List.of(outputSize, RETURN_INDICES), List.of(Operand.input()),
                    (in, p) -> AdaptivePool.runMax(in.tensor("input"), r, p.ints("output_size"))
                            .returningIndices(p.bool("return_indices")),
                    (in, p) -> AdaptivePool.maxOutput(in.tensor("input"), r, p.ints("output_size")));
            put(ops, "max_unpool", r, "the partial inverse of max pooling: each value written at its index",
                    List.of(required("kernel_size", ParamType.INTS, "window size of the max pooling inverted"),
                            optional("stride", ParamType.INTS, null, "its stride (default: the kernel size)"),
                            optional("padding", ParamType.INTS, new int[] {0}, "its padding"),
                            optional("output_size", ParamType.INTS, null, "the output size, spatial or full")),
                    List.of(Operand.input(), new Operand("indices", true, true, false)),
                    (in, p) -> MaxUnpool.run(in.tensor("input"), in.indices("indices"), options(r, p),
                            p.ints("output_size")));
            if (r >= 2) {
                put(ops, "fractional_max_pool", r, "max over pseudo-random windows whose starts come from samples u",
                        List.of(optional("kernel_size", ParamType.INTS, new int[0], "window size"),
                                optional("output_size", ParamType.INTS, null, "the output size"),
                                optional("output_ratio", ParamType.NUMBERS, null, "the output size as a fraction of the input"),
                                RETURN_INDICES,
                                optional("seed", ParamType.LONG, 0L, "seed of the samples when none are given")),
                        List.of(Operand.input(), new Operand("random_samples", false, false, false)),
                        (in, p) -> FractionalMaxPool.run(in.tensor("input"), fractional(r, p, in))
                                .returningIndices(p.bool("return_indices")),
                        (in, p) -> FractionalMaxPool.output(in.tensor("input"), fractional(r, p, in)));
            }
        }
    }

    private static void put(Map<String, Op> ops, String family, int rank, String summary, List<Param> params,
                            List<Operand> operands, Op.Body body) {
        put(ops, family, rank, summary, params, operands, body, null);
    }

    private static void put(Map<String, Op> ops, String family, int rank, String summary, List<Param> params,
                            List<Operand> operands, Op.Body body, Op.Inference inference) {
        String name = family + rank + "d";
        ops.put(name, new Op(name, family, rank, summary, params, operands, body, inference));
    }

    /** kernel_size, stride and padding, then the op's own parameters. */
    private static List<Param> sliding(List<Param> more) {
        List<Param> params = new ArrayList<>();
        params.add(required("kernel_size", ParamType.INTS, "window size"));
        params.add(optional("stride", ParamType.INTS, null, "step between windows (default: the kernel size)"));
        params.add(optional("padding", ParamType.INTS, new int[] {0}, "implicit padding per side, at most half the kernel"));
        params.addAll(more);
        return params;
    }

    /** The sliding-window options a call's parameters describe (an empty stride means the kernel size). */
    static PoolOptions options(int rank, Params p) {
        int[] stride = p.ints("stride");
        PoolOptions o = PoolOptions.forRank(rank, p.ints("kernel_size"))
                .stride(stride == null || stride.length == 0 ? null : stride)
                .padding(p.ints("padding"));
        Op op = p.op();
        if (op.accepts("dilation")) {
            o = o.dilation(p.ints("dilation"));
        }
        if (op.accepts("ceil_mode")) {
            o = o.ceilMode(p.bool("ceil_mode"));
        }
        if (op.accepts("count_include_pad")) {
            o = o.countIncludePad(p.bool("count_include_pad")).divisorOverride(p.optionalInteger("divisor_override"));
        }
        return o;
    }

    private static FractionalPoolOptions fractional(int rank, Params p, Operands in) {
        FractionalPoolOptions o = FractionalPoolOptions.forRank(rank, p.ints("kernel_size"));
        if (p.has("output_size")) {
            o = o.outputSize(p.ints("output_size"));
        } else if (p.has("output_ratio")) {
            o = o.outputRatio(p.numbers("output_ratio"));
        }
        return in.tensor("random_samples") != null ? o.samples(in.tensor("random_samples")) : o.seed(p.longValue("seed"));
    }
}
