package dev.convkit.cli.cases;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one case produced: the output, the indices when the op returns them, and the gradients (by
 * input name) when the case had a grad_output.
 */
public final class CaseResult {
    private final Tensor output;
    private final IndexTensor indices;
    private final Map<String, Tensor> grads = new LinkedHashMap<>();

    public CaseResult(Tensor output, IndexTensor indices) {
        this.output = output;
        this.indices = indices;
    }

    /** Adds the gradient with respect to input {@code name}; null values are skipped. */
    public CaseResult grad(String name, Tensor value) {
        if (value != null) {
            grads.put(name, value);
        }
        return this;
    }

    public Tensor output() {
        return output;
    }

    public IndexTensor indices() {
        return indices;
    }

    public Map<String, Tensor> grads() {
        return grads;
    }
}
