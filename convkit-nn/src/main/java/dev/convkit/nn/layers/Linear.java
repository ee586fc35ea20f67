package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * torch.nn.Linear: y = x·Wᵀ + b for x (N, in), W (out, in), b (out), initialized uniform in
 * ±1/sqrt(in) as PyTorch does.
 *
 * <pre>{@code
 * Linear fc = new Linear(4, 3);
 * Variable y = fc.forward(Variable.constant(Tensor.zeros(2, 4)));
 * assert Arrays.equals(y.value().shape(), new int[] {2, 3}) && y.value().get(1, 2) == fc.bias().value().get(2);
 * assert new Linear(4, 3).withoutBias().spec().equals("linear(4,3,bias=false)");
 * }</pre>
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private boolean hasBias = true;
    private SplittableRandom random = new SplittableRandom();
    private Variable weight;
    private Variable bias;

    public Linear(int inFeatures, int outFeatures) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw InvalidArgumentException.of("linear layer: features must be positive, got in=%d out=%d", inFeatures,
                    outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        draw();
    }

    /** No bias (PyTorch's {@code bias=False}). */
    public Linear withoutBias() {
        hasBias = false;
        draw();
        return this;
    }

    public Variable weight() {
        return weight;
    }

    /** The bias, or null without one. */
    public Variable bias() {
        return bias;
    }

    @Override
    public void initialize(SplittableRandom random) {
        this.random = random;
        draw();
    }

    private void draw() {
        double bound = 1 / Math.sqrt(inFeatures);
        weight = Variable.parameter(ConvNd.uniform(random, bound, outFeatures, inFeatures));
        bias = hasBias ? Variable.parameter(ConvNd.uniform(random, bound, outFeatures)) : null;
    }

    @Override
    public Variable forward(Variable x) {
        return F.linear(x, weight, bias);
    }

    @Override
    public Map<String, Variable> parameters() {
        Map<String, Variable> p = new LinkedHashMap<>();
        p.put("weight", weight);
        if (bias != null) {
            p.put("bias", bias);
        }
        return p;
    }

    @Override
    public String spec() {
        return "linear(" + inFeatures + "," + outFeatures + (hasBias ? ")" : ",bias=false)");
    }
}
