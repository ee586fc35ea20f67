package dev.convkit.cli.cases;

import dev.convkit.core.pool.AdaptivePool;
import dev.convkit.core.pool.AvgPool;
import dev.convkit.core.pool.FractionalMaxPool;
import dev.convkit.core.pool.FractionalPoolOptions;
import dev.convkit.core.pool.LpPool;
import dev.convkit.core.pool.MaxPool;
import dev.convkit.core.pool.MaxUnpool;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.pool.PoolPlan;
import dev.convkit.core.pool.PoolResult;
import dev.convkit.core.tensor.Tensor;

import java.util.Map;

/** The pooling family for {@code compute}: max, avg, lp, adaptive, fractional, unpooling. */
final class PoolCaseOps {
    private PoolCaseOps() {
    }

    static void register(Map<String, CaseOp> ops) {
        for (int rank = 1; rank <= 3; rank++) {
            int r = rank;
            ops.put("max_pool" + r + "d", in -> maxPool(in, r));
            ops.put("avg_pool" + r + "d", in -> avgPool(in, r));
            ops.put("lp_pool" + r + "d", in -> lpPool(in, r));
            ops.put("adaptive_avg_pool" + r + "d", in -> adaptiveAvg(in, r));
            ops.put("adaptive_max_pool" + r + "d", in -> adaptiveMax(in, r));
            ops.put("max_unpool" + r + "d", in -> maxUnpool(in, r));
            if (r >= 2) {
                ops.put("fractional_max_pool" + r + "d", in -> fractional(in, r));
            }
        }
    }

    /** kernel_size, stride (None or [] means the kernel), padding and ceil_mode, shared by the sliding pools. */
    private static PoolOptions sliding(String op, Params p, int rank) {
        if (!p.has("kernel_size")) {
            throw dev.convkit.core.InvalidArgumentException.of("%s: kernel_size is required", op);
        }
        int[] stride = p.ints("stride", null);
        return PoolOptions.of(rank, p.ints("kernel_size", null))
                .stride(stride == null || stride.length == 0 ? null : stride)
                .padding(p.ints("padding", new int[] {0}))
                .ceilMode(p.bool("ceil_mode", false));
    }

    private static CaseResult maxPool(CaseInputs in, int rank) {
        Params p = in.params().allowOnly("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices");
        PoolOptions options = sliding(in.op(), p, rank).dilation(p.ints("dilation", new int[] {1}));
        Tensor input = in.tensor("input");
        PoolResult result = MaxPool.forward(input, options);
        CaseResult out = new CaseResult(result.output(), p.bool("return_indices", false) ? result.indices() : null);
        if (in.hasGradOutput()) {
            out.grad("input", MaxPool.backward(input, in.gradOutput(), options));
        }
        return out;
    }

    private static CaseResult avgPool(CaseInputs in, int rank) {
        Params p = in.params().allowOnly("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                "divisor_override");
        PoolOptions options = sliding(in.op(), p, rank)
                .countIncludePad(p.bool("count_include_pad", true))
                .divisorOverride(p.has("divisor_override") ? p.integer("divisor_override", 0) : null);
        Tensor input = in.tensor("input");
        CaseResult out = new CaseResult(AvgPool.forward(input, options), null);
        if (in.hasGradOutput()) {
            out.grad("input", AvgPool.backward(input, in.gradOutput(), options));
        }
        return out;
    }

    private static CaseResult lpPool(CaseInputs in, int rank) {
        Params p = in.params().allowOnly("norm_type", "kernel_size", "stride", "padding", "ceil_mode");
        if (!p.has("norm_type")) {
            throw dev.convkit.core.InvalidArgumentException.of("%s: norm_type is required", in.op());
        }
        double normType = p.number("norm_type", Double.NaN);
        PoolOptions options = sliding(in.op(), p, rank);
        Tensor input = in.tensor("input");
        CaseResult out = new CaseResult(LpPool.forward(input, normType, options), null);
        if (in.hasGradOutput()) {
            out.grad("input", LpPool.backward(input, in.gradOutput(), normType, options));
        }
        return out;
    }

    private static int[] adaptiveSize(CaseInputs in) {
        if (!in.params().present("output_size")) {
            throw dev.convkit.core.InvalidArgumentException.of("%s: output_size is required", in.op());
        }
        return in.params().intsWithNulls("output_size", PoolPlan.KEEP);
    }

    private static CaseResult adaptiveAvg(CaseInputs in, int rank) {
        in.params().allowOnly("output_size");
        int[] size = adaptiveSize(in);
        Tensor input = in.tensor("input");
        CaseResult out = new CaseResult(AdaptivePool.avg(input, rank, size), null);
        if (in.hasGradOutput()) {
            out.grad("input", AdaptivePool.avgBackward(input, in.gradOutput(), rank, size));
        }
        return out;
    }

    private static CaseResult adaptiveMax(CaseInputs in, int rank) {
        Params p = in.params().allowOnly("output_size", "return_indices");
        int[] size = adaptiveSize(in);
        Tensor input = in.tensor("input");
        PoolResult result = AdaptivePool.max(input, rank, size);
        CaseResult out = new CaseResult(result.output(), p.bool("return_indices", false) ? result.indices() : null);
        if (in.hasGradOutput()) {
            out.grad("input", AdaptivePool.maxBackward(input, in.gradOutput(), rank, size));
        }
        return out;
    }

    private static CaseResult fractional(CaseInputs in, int rank) {
        Params p = in.params().allowOnly("kernel_size", "output_size", "output_ratio", "return_indices", "seed");
        FractionalPoolOptions options = FractionalPoolOptions.of(rank, p.ints("kernel_size", new int[0]));
        if (p.has("output_size")) {
            options = options.outputSize(p.ints("output_size", null));
        } else if (p.has("output_ratio")) {
            options = options.outputRatio(p.numbers("output_ratio"));
        }
        Tensor samples = in.optionalTensor("random_samples");
        options = samples != null ? options.samples(samples) : options.seed(p.integer("seed", 0));
        Tensor input = in.tensor("input");
        PoolResult result = FractionalMaxPool.forward(input, options);
        CaseResult out = new CaseResult(result.output(), p.bool("return_indices", false) ? result.indices() : null);
        if (in.hasGradOutput()) {
            out.grad("input", FractionalMaxPool.backward(input, in.gradOutput(), options));
        }
        return out;
    }

    private static CaseResult maxUnpool(CaseInputs in, int rank) {
        Params p = in.params().allowOnly("kernel_size", "stride", "padding", "output_size");
        PoolOptions options = sliding(in.op(), p, rank);
        int[] outputSize = p.ints("output_size", null);
        Tensor input = in.tensor("input");
        var indices = in.indices("indices");
        CaseResult out = new CaseResult(MaxUnpool.forward(input, indices, options, outputSize), null);
        if (in.hasGradOutput()) {
            out.grad("input", MaxUnpool.backward(input, indices, in.gradOutput(), options, outputSize));
        }
        return out;
    }
}
