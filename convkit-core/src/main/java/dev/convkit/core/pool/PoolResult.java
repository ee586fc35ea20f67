package dev.convkit.core.pool;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

/**
 * The output of a max-type pool and the flat per-plane index of each selected element.
 *
 * @param output  the pooled values
 * @param indices where each value came from, within its input plane (PyTorch's return_indices)
 *
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{1, 2}, {3, 4}}).reshape(1, 1, 2, 2);
 * PoolResult r = AdaptivePool.maxForward(c, 2, 1);
 * assert r.output().get(0, 0, 0, 0) == 4f && r.indices().data()[0] == 3;
 * }</pre>
 */
public record PoolResult(Tensor output, IndexTensor indices) {
}
