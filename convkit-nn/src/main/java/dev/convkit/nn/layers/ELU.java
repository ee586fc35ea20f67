package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

/**
 * torch.nn.ELU: x for x > 0, alpha·(e^x − 1) otherwise; alpha 1 by default.
 *
 * <pre>{@code
 * Variable y = new ELU(0.5).forward(Variable.constant(Tensor.of(new float[] {-100, 2}, 2)));
 * assert Math.abs(y.value().get(0) + 0.5f) < 1e-6 && y.value().get(1) == 2f;
 * assert new ELU().spec().equals("elu(1)");
 * }</pre>
 */
public final class ELU extends Module {
    private final double alpha;

    public ELU() {
        this(1);
    }

    public ELU(double alpha) {
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public Variable forward(Variable x) {
        return F.elu(x, alpha);
    }

    @Override
    public String spec() {
        return "elu(" + SpecText.number(alpha) + ")";
    }
}
