package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

/**
 * torch.nn.ReLU: max(0, x).
 *
 * <pre>{@code
 * Variable y = new ReLU().forward(Variable.constant(Tensor.of(new float[] {-1, 2}, 2)));
 * assert y.value().get(0) == 0f && y.value().get(1) == 2f;
 * }</pre>
 */
public final class ReLU extends Module {
    @Override
    public Variable forward(Variable x) {
        return F.relu(x);
    }

    @Override
    public String spec() {
        return "relu";
    }
}
