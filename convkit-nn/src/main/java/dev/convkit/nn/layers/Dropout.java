package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

import java.util.SplittableRandom;

/**
 * torch.nn.Dropout: in training mode zeroes each element with probability p and scales the rest by
 * 1/(1−p); in evaluation mode the identity. Its masks come from the generator {@link #initialize}
 * split off (or an unseeded one).
 *
 * <pre>{@code
 * Dropout dropout = new Dropout(0.5);
 * Variable x = Variable.constant(Tensor.full(1f, 1000));
 * float[] kept = dropout.forward(x).value().data();
 * assert kept[0] == 0f || kept[0] == 2f;
 * dropout.eval();
 * assert dropout.forward(x) == x;
 * }</pre>
 */
public final class Dropout extends Module {
    private final double p;
    private SplittableRandom random = new SplittableRandom();

    public Dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw InvalidArgumentException.of("dropout: p must lie in [0, 1), got %s", p);
        }
        this.p = p;
    }

    /** The probability of zeroing an element. */
    public double p() {
        return p;
    }

    @Override
    public void initialize(SplittableRandom random) {
        this.random = random.split();
    }

    /** Reseeds the dropout masks (for reproducible resumed training). */
    @Override
    public void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public Variable forward(Variable x) {
        return F.dropout(x, p, training() ? F.Mode.TRAINING : F.Mode.EVALUATION, random);
    }

    @Override
    public String spec() {
        return "dropout(" + SpecText.number(p) + ")";
    }
}
