package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * torch.nn.BatchNorm2d over the channels of (N, C, H, W): weight (gamma) 1, bias (beta) 0,
 * running mean 0 and variance 1 at the start; momentum 0.1 and eps 1e-5 unless set.
 *
 * <pre>{@code
 * BatchNorm2d bn = new BatchNorm2d(2).eps(1e-3).momentum(0.2);
 * Variable y = bn.forward(Variable.constant(Tensor.full(3f, 4, 2, 2, 2)));
 * assert y.value().get(0, 0, 0, 0) == 0f && Math.abs(bn.buffers().get("running_mean")[0] - 0.6f) < 1e-6;
 * assert bn.spec().equals("bn2d(2,eps=0.001,momentum=0.2)");
 * }</pre>
 */
public final class BatchNorm2d extends Module {
    private static final double DEFAULT_EPS = 1e-5;
    private static final double DEFAULT_MOMENTUM = 0.1;

    private final int channels;
    private final Variable weight;
    private final Variable bias;
    private final float[] runningMean;
    private final float[] runningVar;
    private double eps = DEFAULT_EPS;
    private double momentum = DEFAULT_MOMENTUM;

    public BatchNorm2d(int channels) {
        if (channels < 1) {
            throw InvalidArgumentException.of("bn2d layer: channels must be positive, got %d", channels);
        }
        this.channels = channels;
        this.weight = Variable.parameter(Tensor.full(1f, channels));
        this.bias = Variable.parameter(Tensor.zeros(channels));
        this.runningMean = new float[channels];
        this.runningVar = new float[channels];
        Arrays.fill(runningVar, 1f);
    }

    /** The value added to the variance before its square root. */
    public BatchNorm2d eps(double value) {
        if (!(value > 0)) {
            throw InvalidArgumentException.of("bn2d layer: eps must be positive, got %s", value);
        }
        eps = value;
        return this;
    }

    /** The weight of each new batch in the running statistics. */
    public BatchNorm2d momentum(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw InvalidArgumentException.of("bn2d layer: momentum must lie in [0, 1], got %s", value);
        }
        momentum = value;
        return this;
    }

    public double eps() {
        return eps;
    }

    public double momentum() {
        return momentum;
    }

    /** Gamma. */
    public Variable weight() {
        return weight;
    }

    /** Beta. */
    public Variable bias() {
        return bias;
    }

    @Override
    public Variable forward(Variable x) {
        return F.batchNorm2d(x, runningMean, runningVar, weight, bias, training() ? F.Mode.TRAINING : F.Mode.EVALUATION,
                momentum, eps);
    }

    /**
     * {@code relu(forward(x))} in batch norm's own passes (what {@link Sequential} runs for a batch norm
     * followed by a ReLU): the same bits, two fewer passes over the activations.
     */
    Variable forwardRelu(Variable x) {
        return Ops.batchNorm2dRelu(x, weight, bias, runningMean, runningVar, training(), (float) momentum, (float) eps);
    }

    @Override
    public Map<String, Variable> parameters() {
        Map<String, Variable> p = new LinkedHashMap<>();
        p.put("weight", weight);
        p.put("bias", bias);
        return p;
    }

    @Override
    public Map<String, float[]> buffers() {
        Map<String, float[]> b = new LinkedHashMap<>();
        b.put("running_mean", runningMean);
        b.put("running_var", runningVar);
        return b;
    }

    @Override
    public String spec() {
        return "bn2d(" + channels + (eps != DEFAULT_EPS ? ",eps=" + eps : "")
                + (momentum != DEFAULT_MOMENTUM ? ",momentum=" + momentum : "") + ")";
    }
}
