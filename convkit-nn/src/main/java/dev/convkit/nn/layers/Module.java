package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A layer: a forward pass over {@link Variable}s, its named parameters and buffers, a training
 * flag, and a one-token spec ({@link #spec()}) from which {@link Architecture} can rebuild it.
 *
 * <p>Layers are named as in torch.nn and configured by builder methods; a new layer draws its
 * parameters from an unseeded generator (as PyTorch does without {@code torch.manual_seed}), and
 * {@link #initialize} redraws them from a given one.
 *
 * <pre>{@code
 * Module conv = new Conv2d(1, 32, 3).padding(1);
 * assert conv.spec().equals("conv2d(1,32,3,1,1)");
 * assert conv.parameters().keySet().equals(Set.of("weight", "bias"));
 * conv.eval();
 * assert !conv.training();
 * }</pre>
 */
public abstract class Module {
    private boolean training = true;

    /** The forward pass. */
    public abstract Variable forward(Variable x);

    /** Learnable parameters by name, in a fixed order. */
    public Map<String, Variable> parameters() {
        return new LinkedHashMap<>();
    }

    /** Non-learnable state by name (batch-norm running statistics). */
    public Map<String, float[]> buffers() {
        return new LinkedHashMap<>();
    }

    /** Training mode (dropout active, batch norm on batch statistics); returns this layer. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode (dropout off, batch norm on running statistics); returns this layer. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    /** Sets the mode; containers pass it on to their layers. */
    protected void setTraining(boolean on) {
        training = on;
    }

    /** Whether the layer is in training mode (the default, as in PyTorch). */
    public boolean training() {
        return training;
    }

    /**
     * Draws the layer's parameters as PyTorch initializes them, and seeds its randomness (dropout
     * masks, fractional samples), from {@code random}. Layers without either ignore it.
     */
    public void initialize(SplittableRandom random) {
    }

    /**
     * Reseeds the layer's randomness (dropout masks, fractional samples) from {@code seed}, so that a
     * resumed run draws what the uninterrupted one would. Layers without randomness ignore it.
     */
    public void reseed(long seed) {
    }

    /** The spec token of this layer, e.g. {@code relu} or {@code linear(3136,10)}. */
    public abstract String spec();

    /** The number of learnable values. */
    public long parameterCount() {
        long count = 0;
        for (Variable p : parameters().values()) {
            count += p.value().numel();
        }
        return count;
    }
}
