package dev.convkit.core.pool;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

/**
 * The output of a max-type pool and the flat per-plane index of each selected element.
 *
 * @param output  the pooled values
 * @param indices where each value came from, within its input plane (PyTorch's return_indices)
 */
public record PoolResult(Tensor output, IndexTensor indices) {
}
