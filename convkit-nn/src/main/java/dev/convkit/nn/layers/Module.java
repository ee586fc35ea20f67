package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer: a forward pass over {@link Variable}s, its named parameters and buffers, a training
 * flag, and a one-token spec ({@link #spec()}) from which {@link Architecture} can rebuild it.
 *
 * <pre>{@code
 * Module conv = new Layers.Conv(2, 1, 32, 3, 1, 1, 0, false, new SplittableRandom(0));
 * assert conv.spec().equals("conv2d(1,32,3,1,1)");
 * assert conv.parameters().keySet().equals(Set.of("weight", "bias"));
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

    /** Sets training (true) or evaluation (false) mode. */
    public void train(boolean on) {
        training = on;
    }

    public boolean training() {
        return training;
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
