package dev.convkit.core.op;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

import java.util.Set;

/**
 * What an op's forward pass returns: its output, the indices it was asked to return, and the context
 * its backward consumes. The backward never re-plans or re-runs the forward; it reads what the
 * forward kept (the resolved plan, the padded input, the selected indices, the window bounds, the
 * fractional samples).
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new double[][] {{4,5,2,2,1},{3,3,2,2,4},{4,3,4,1,1},{5,1,4,1,2},{5,1,3,1,4}}).reshape(1, 1, 5, 5);
 * Tensor k = Tensor.of(new double[][] {{4,3,3},{5,5,5},{2,4,3}}).reshape(1, 1, 3, 3);
 * Op conv = Catalogue.require("conv2d");
 * Forward f = conv.forward(Operands.of("input", a, "weight", k), conv.params(Map.of()));
 * assert f.output().get(0, 0, 1, 1) == 85;
 * Tensor dA = f.backward(Tensor.full(1f, 1, 1, 3, 3)).get("input"); // the exercise's dE/dA
 * assert dA.get(0, 0, 2, 2) == 34;
 * }</pre>
 */
public interface Forward {
    /** The op's output. */
    Tensor output();

    /** The indices the call asked for (max-type pools with return_indices), or null. */
    default IndexTensor indices() {
        return null;
    }

    /**
     * The gradients of the loss with respect to the op's tensor operands, by operand name
     * ({@code input}, {@code weight}, {@code bias}), given the gradient with respect to the output.
     *
     * @throws dev.convkit.core.InvalidArgumentException when {@code gradOutput} does not have the output's shape
     */
    Gradients backward(Tensor gradOutput);

    /**
     * {@link #backward}, computing only the gradients named in {@code wanted} where the op can skip the
     * others (a network's first layer needs no input gradient).
     */
    default Gradients backward(Tensor gradOutput, Set<String> wanted) {
        return backward(gradOutput);
    }
}
