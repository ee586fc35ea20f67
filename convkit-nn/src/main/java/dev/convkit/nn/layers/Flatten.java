package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

/**
 * torch.nn.Flatten: (N, ...) → (N, rest).
 *
 * <pre>{@code
 * Variable y = new Flatten().forward(Variable.constant(Tensor.zeros(2, 3, 4, 4)));
 * assert Arrays.equals(y.value().shape(), new int[] {2, 48});
 * }</pre>
 */
public final class Flatten extends Module {
    @Override
    public Variable forward(Variable x) {
        return F.flatten(x);
    }

    @Override
    public String spec() {
        return "flatten";
    }
}
