package dev.convkit.nn.functional;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Params;
import dev.convkit.core.pool.FractionalPoolOptions;
import dev.convkit.core.pool.PoolOptions;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * torch.nn.functional for Java: the same names (in Java's camel case) and parameters, over
 * {@link Variable}s so that one call serves training (gradients recorded) and inference (a
 * {@link Variable#constant}, or grad mode off, runs the op's inference path). Options are core's
 * immutable builders ({@link ConvOptions}, {@link PoolOptions}, {@link FractionalPoolOptions}); the
 * convolutions and pools are catalogue ops ({@link Catalogue}) run through {@link Ops#apply}, and the
 * rest are {@link Ops}. F lives in convkit-nn rather than core because activations, linear, batch
 * norm, dropout and the losses exist only over variables; tensor-only callers wrap their inputs in
 * {@link Variable#constant} and read {@link Variable#value()}.
 *
 * <pre>{@code
 * Variable x = Variable.constant(Tensor.full(1f, 1, 1, 5, 5));
 * Variable w = Variable.parameter(Tensor.full(0.5f, 2, 1, 3, 3));
 * Variable y = F.conv2d(x, w, null, ConvOptions.conv2d().stride(2).padding(1));   // F.conv2d(x, w, None, stride=2, padding=1)
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 3, 3}) && y.value().get(0, 0, 1, 1) == 4.5f;
 * Variable p = F.maxPool2d(F.relu(y), PoolOptions.pool2d(2).ceilMode(true));
 * assert Arrays.equals(p.value().shape(), new int[] {1, 2, 2, 2});
 * F.Pooled pooled = F.maxPool2dWithIndices(y, PoolOptions.pool2d(3));
 * Variable back = F.maxUnpool2d(pooled.output(), pooled.indices(), PoolOptions.pool2d(3), 3, 3);
 * assert back.value().get(0, 0, 1, 1) == 4.5f;
 * Variable a = F.adaptiveAvgPool2d(y, 1, 1);                                        // global average pooling
 * Ops.sum(a).backward();
 * assert w.grad() != null;
 * }</pre>
 */
public final class F {
    private F() {
    }

    /** Training or evaluation behaviour, for the functions that differ (dropout, batch norm). */
    public enum Mode { TRAINING, EVALUATION }

    /** A max-type pool's output and the flat per-plane index of each selected element. */
    public record Pooled(Variable output, IndexTensor indices) {
    }

    // ------------------------------------------------------------ convolutions

    /** torch.nn.functional.conv1d with default options. */
    public static Variable conv1d(Variable input, Variable weight, Variable bias) {
        return conv(input, weight, bias, ConvOptions.conv1d());
    }

    /** torch.nn.functional.conv1d; {@code options} from {@link ConvOptions#conv1d()}. */
    public static Variable conv1d(Variable input, Variable weight, Variable bias, ConvOptions options) {
        return conv(input, weight, bias, expect(options, "conv1d"));
    }

    /** torch.nn.functional.conv2d with default options. */
    public static Variable conv2d(Variable input, Variable weight, Variable bias) {
        return conv(input, weight, bias, ConvOptions.conv2d());
    }

    /** torch.nn.functional.conv2d; {@code options} from {@link ConvOptions#conv2d()}. */
    public static Variable conv2d(Variable input, Variable weight, Variable bias, ConvOptions options) {
        return conv(input, weight, bias, expect(options, "conv2d"));
    }

    /** torch.nn.functional.conv3d with default options. */
    public static Variable conv3d(Variable input, Variable weight, Variable bias) {
        return conv(input, weight, bias, ConvOptions.conv3d());
    }

    /** torch.nn.functional.conv3d; {@code options} from {@link ConvOptions#conv3d()}. */
    public static Variable conv3d(Variable input, Variable weight, Variable bias, ConvOptions options) {
        return conv(input, weight, bias, expect(options, "conv3d"));
    }

    /** torch.nn.functional.conv_transpose1d; {@code options} from {@link ConvOptions#convTranspose1d()}. */
    public static Variable convTranspose1d(Variable input, Variable weight, Variable bias, ConvOptions options) {
        return conv(input, weight, bias, expect(options, "conv_transpose1d"));
    }

    /** torch.nn.functional.conv_transpose2d; {@code options} from {@link ConvOptions#convTranspose2d()}. */
    public static Variable convTranspose2d(Variable input, Variable weight, Variable bias, ConvOptions options) {
        return conv(input, weight, bias, expect(options, "conv_transpose2d"));
    }

    /** torch.nn.functional.conv_transpose3d; {@code options} from {@link ConvOptions#convTranspose3d()}. */
    public static Variable convTranspose3d(Variable input, Variable weight, Variable bias, ConvOptions options) {
        return conv(input, weight, bias, expect(options, "conv_transpose3d"));
    }

    /** Any convolution: the op {@code options} name ({@link ConvOptions#opName()}); {@code bias} may be null. */
    public static Variable conv(Variable input, Variable weight, Variable bias, ConvOptions options) {
        Op op = Catalogue.require(options.opName());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("stride", options.stride());
        raw.put("padding", options.paddingString() != null ? options.paddingString() : options.padding());
        raw.put("dilation", options.dilation());
        raw.put("groups", options.groups());
        raw.put("padding_mode", options.paddingMode().torchName());
        if (options.transposed()) {
            raw.put("output_padding", options.outputPadding());
        }
        Map<String, Variable> operands = new LinkedHashMap<>();
        operands.put("input", input);
        operands.put("weight", weight);
        operands.put("bias", bias);
        return Ops.apply(op, op.params(raw), operands);
    }

    private static ConvOptions expect(ConvOptions options, String name) {
        if (!options.opName().equals(name)) {
            throw InvalidArgumentException.of("%s: the options are for %s", name, options.opName());
        }
        return options;
    }

    // ------------------------------------------------------------ sliding-window pools

    /** torch.nn.functional.max_pool1d; {@code options} from {@link PoolOptions#pool1d}. */
    public static Variable maxPool1d(Variable input, PoolOptions options) {
        return pool("max_pool", 1, input, options, null).output();
    }

    /** torch.nn.functional.max_pool2d; {@code options} from {@link PoolOptions#pool2d}. */
    public static Variable maxPool2d(Variable input, PoolOptions options) {
        return pool("max_pool", 2, input, options, null).output();
    }

    /** torch.nn.functional.max_pool3d; {@code options} from {@link PoolOptions#pool3d}. */
    public static Variable maxPool3d(Variable input, PoolOptions options) {
        return pool("max_pool", 3, input, options, null).output();
    }

    /** max_pool1d with {@code return_indices=True}. */
    public static Pooled maxPool1dWithIndices(Variable input, PoolOptions options) {
        return pool("max_pool", 1, input, options, null, true);
    }

    /** max_pool2d with {@code return_indices=True}. */
    public static Pooled maxPool2dWithIndices(Variable input, PoolOptions options) {
        return pool("max_pool", 2, input, options, null, true);
    }

    /** max_pool3d with {@code return_indices=True}. */
    public static Pooled maxPool3dWithIndices(Variable input, PoolOptions options) {
        return pool("max_pool", 3, input, options, null, true);
    }

    /** torch.nn.functional.avg_pool1d (ceil_mode, count_include_pad from {@code options}). */
    public static Variable avgPool1d(Variable input, PoolOptions options) {
        return pool("avg_pool", 1, input, options, null).output();
    }

    /** torch.nn.functional.avg_pool2d (ceil_mode, count_include_pad, divisor_override from {@code options}). */
    public static Variable avgPool2d(Variable input, PoolOptions options) {
        return pool("avg_pool", 2, input, options, null).output();
    }

    /** torch.nn.functional.avg_pool3d (ceil_mode, count_include_pad, divisor_override from {@code options}). */
    public static Variable avgPool3d(Variable input, PoolOptions options) {
        return pool("avg_pool", 3, input, options, null).output();
    }

    /** torch.nn.functional.lp_pool1d: the p-norm ({@code normType}) of each window. */
    public static Variable lpPool1d(Variable input, double normType, PoolOptions options) {
        return pool("lp_pool", 1, input, options, normType).output();
    }

    /** torch.nn.functional.lp_pool2d: the p-norm ({@code normType}) of each window. */
    public static Variable lpPool2d(Variable input, double normType, PoolOptions options) {
        return pool("lp_pool", 2, input, options, normType).output();
    }

    /** torch.nn.functional.lp_pool3d (newer PyTorch; the same rule in 3 dimensions). */
    public static Variable lpPool3d(Variable input, double normType, PoolOptions options) {
        return pool("lp_pool", 3, input, options, normType).output();
    }

    /**
     * A sliding-window pool of {@code family} over {@code options}. Options the op does not take
     * must keep their defaults (dilation only for max, count_include_pad and divisor_override only for avg).
     */
    static Pooled pool(String family, int rank, Variable input, PoolOptions options, Double normType) {
        return pool(family, rank, input, options, normType, false);
    }

    private static Pooled pool(String family, int rank, Variable input, PoolOptions options, Double normType,
                               boolean returnIndices) {
        Op op = Catalogue.require(family, rank);
        if (options.rank() != rank) {
            throw InvalidArgumentException.of("%s: the options are for %d dimensions", op.name(), options.rank());
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("kernel_size", options.kernel());
        raw.put("stride", options.stride());
        raw.put("padding", options.padding());
        if (normType != null) {
            raw.put("norm_type", normType);
        }
        putIfTaken(op, raw, "dilation", options.dilation(), Arrays.stream(options.dilation()).allMatch(d -> d == 1));
        putIfTaken(op, raw, "ceil_mode", options.ceilMode(), !options.ceilMode());
        putIfTaken(op, raw, "count_include_pad", options.countIncludePad(), options.countIncludePad());
        if (options.divisorOverride() != null) {
            putIfTaken(op, raw, "divisor_override", options.divisorOverride(), false);
        }
        if (returnIndices) {
            raw.put("return_indices", true);
        }
        Ops.Applied applied = Ops.applyWithIndices(op, op.params(raw), Map.of("input", input), Map.of());
        return new Pooled(applied.output(), applied.indices());
    }

    private static void putIfTaken(Op op, Map<String, Object> raw, String name, Object value, boolean isDefault) {
        if (op.accepts(name)) {
            raw.put(name, value);
        } else if (!isDefault) {
            throw InvalidArgumentException.of("%s: takes no %s", op.name(), name);
        }
    }

    // ------------------------------------------------------------ adaptive pools

    /** torch.nn.functional.adaptive_avg_pool1d to {@code outputSize}. */
    public static Variable adaptiveAvgPool1d(Variable input, int... outputSize) {
        return adaptive("adaptive_avg_pool", 1, input, outputSize, false).output();
    }

    /** torch.nn.functional.adaptive_avg_pool2d to {@code outputSize} (one value, or rows and columns). */
    public static Variable adaptiveAvgPool2d(Variable input, int... outputSize) {
        return adaptive("adaptive_avg_pool", 2, input, outputSize, false).output();
    }

    /** torch.nn.functional.adaptive_avg_pool3d to {@code outputSize}. */
    public static Variable adaptiveAvgPool3d(Variable input, int... outputSize) {
        return adaptive("adaptive_avg_pool", 3, input, outputSize, false).output();
    }

    /** torch.nn.functional.adaptive_max_pool1d to {@code outputSize}. */
    public static Variable adaptiveMaxPool1d(Variable input, int... outputSize) {
        return adaptive("adaptive_max_pool", 1, input, outputSize, false).output();
    }

    /** torch.nn.functional.adaptive_max_pool2d to {@code outputSize}. */
    public static Variable adaptiveMaxPool2d(Variable input, int... outputSize) {
        return adaptive("adaptive_max_pool", 2, input, outputSize, false).output();
    }

    /** torch.nn.functional.adaptive_max_pool3d to {@code outputSize}. */
    public static Variable adaptiveMaxPool3d(Variable input, int... outputSize) {
        return adaptive("adaptive_max_pool", 3, input, outputSize, false).output();
    }

    /** adaptive_max_pool2d with {@code return_indices=True}. */
    public static Pooled adaptiveMaxPool2dWithIndices(Variable input, int... outputSize) {
        return adaptive("adaptive_max_pool", 2, input, outputSize, true);
    }

    private static Pooled adaptive(String family, int rank, Variable input, int[] outputSize, boolean returnIndices) {
        Op op = Catalogue.require(family, rank);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("output_size", outputSize);
        if (returnIndices) {
            raw.put("return_indices", true);
        }
        Ops.Applied applied = Ops.applyWithIndices(op, op.params(raw), Map.of("input", input), Map.of());
        return new Pooled(applied.output(), applied.indices());
    }

    // ------------------------------------------------------------ fractional and unpooling

    /** torch.nn.functional.fractional_max_pool2d; {@code options} from {@link FractionalPoolOptions#pool2d}. */
    public static Variable fractionalMaxPool2d(Variable input, FractionalPoolOptions options) {
        return fractional(2, input, options);
    }

    /** torch.nn.functional.fractional_max_pool3d; {@code options} from {@link FractionalPoolOptions#pool3d}. */
    public static Variable fractionalMaxPool3d(Variable input, FractionalPoolOptions options) {
        return fractional(3, input, options);
    }

    private static Variable fractional(int rank, Variable input, FractionalPoolOptions options) {
        Op op = Catalogue.require("fractional_max_pool", rank);
        if (options.rank() != rank) {
            throw InvalidArgumentException.of("%s: the options are for %d dimensions", op.name(), options.rank());
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("kernel_size", options.kernel());
        if (options.outputSize() != null) {
            raw.put("output_size", options.outputSize());
        } else if (options.outputRatio() != null) {
            raw.put("output_ratio", options.outputRatio());
        }
        raw.put("seed", options.seed());
        Map<String, Variable> operands = new LinkedHashMap<>();
        operands.put("input", input);
        operands.put("random_samples", options.samples() == null ? null : Variable.constant(options.samples()));
        return Ops.apply(op, op.params(raw), operands);
    }

    /** torch.nn.functional.max_unpool1d: the inverse of {@code max_pool1d(options)}; {@code outputSize} optional. */
    public static Variable maxUnpool1d(Variable input, IndexTensor indices, PoolOptions options, int... outputSize) {
        return unpool(1, input, indices, options, outputSize);
    }

    /** torch.nn.functional.max_unpool2d: the inverse of {@code max_pool2d(options)}; {@code outputSize} optional. */
    public static Variable maxUnpool2d(Variable input, IndexTensor indices, PoolOptions options, int... outputSize) {
        return unpool(2, input, indices, options, outputSize);
    }

    /** torch.nn.functional.max_unpool3d: the inverse of {@code max_pool3d(options)}; {@code outputSize} optional. */
    public static Variable maxUnpool3d(Variable input, IndexTensor indices, PoolOptions options, int... outputSize) {
        return unpool(3, input, indices, options, outputSize);
    }

    private static Variable unpool(int rank, Variable input, IndexTensor indices, PoolOptions options, int[] outputSize) {
        Op op = Catalogue.require("max_unpool", rank);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("kernel_size", options.kernel());
        raw.put("stride", options.stride());
        raw.put("padding", options.padding());
        if (outputSize != null && outputSize.length > 0) {
            raw.put("output_size", outputSize);
        }
        return Ops.applyWithIndices(op, op.params(raw), Map.of("input", input), Map.of("indices", indices)).output();
    }

    // ------------------------------------------------------------ the rest

    /** torch.nn.functional.linear: x·Wᵀ + b; {@code bias} may be null. */
    public static Variable linear(Variable input, Variable weight, Variable bias) {
        return Ops.linear(input, weight, bias);
    }

    /** torch.nn.functional.relu. */
    public static Variable relu(Variable input) {
        return Ops.relu(input);
    }

    /** torch.nn.functional.elu. */
    public static Variable elu(Variable input, double alpha) {
        return Ops.elu(input, (float) alpha);
    }

    /** torch.nn.functional.dropout: in {@link Mode#TRAINING}, zeroes with probability p and scales by 1/(1−p). */
    public static Variable dropout(Variable input, double p, Mode mode, SplittableRandom random) {
        return Ops.dropout(input, p, mode == Mode.TRAINING, random);
    }

    /**
     * torch.nn.functional.batch_norm over (N, C, H, W): in {@link Mode#TRAINING} by batch statistics,
     * updating the running ones with {@code momentum}; in evaluation by the running statistics.
     */
    public static Variable batchNorm2d(Variable input, float[] runningMean, float[] runningVar, Variable weight,
                                       Variable bias, Mode mode, double momentum, double eps) {
        return Ops.batchNorm2d(input, weight, bias, runningMean, runningVar, mode == Mode.TRAINING, (float) momentum,
                (float) eps);
    }

    /** torch.flatten(input, 1): (N, ...) → (N, rest). */
    public static Variable flatten(Variable input) {
        return Ops.flatten(input);
    }

    /** torch.nn.functional.log_softmax over the last dimension of (N, K) logits. */
    public static Tensor logSoftmax(Tensor logits) {
        return Tensor.wrap(Ops.logSoftmax(logits), logits.shape());
    }

    /** torch.nn.functional.cross_entropy with mean reduction. */
    public static Variable crossEntropy(Variable logits, int[] labels) {
        return Ops.crossEntropy(logits, labels);
    }

    /** torch.nn.functional.mse_loss with mean reduction. */
    public static Variable mseLoss(Variable prediction, Tensor target) {
        return Ops.mse(prediction, target);
    }
}
