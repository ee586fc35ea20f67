package dev.convkit.core.op;

import dev.convkit.core.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gradients of one backward pass, by operand name, in the op's operand order. A gradient that
 * was not computed (a skipped input gradient, an absent bias) is not present.
 *
 * <pre>{@code
 * Tensor dx = Tensor.zeros(1, 1, 5, 5);
 * Tensor dw = Tensor.zeros(1, 1, 3, 3);
 * Gradients g = Gradients.of("input", dx, "weight", dw, "bias", null);
 * assert g.get("weight") == dw;
 * assert g.get("bias") == null && g.asMap().size() == 2;
 * }</pre>
 */
public final class Gradients {
    private final Map<String, Tensor> byName;

    private Gradients(Map<String, Tensor> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Name-gradient pairs; null gradients are left out. */
    public static Gradients of(Object... nameThenGradient) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenGradient.length; i += 2) {
            if (nameThenGradient[i + 1] != null) {
                map.put((String) nameThenGradient[i], (Tensor) nameThenGradient[i + 1]);
            }
        }
        return new Gradients(map);
    }

    /** The gradient of operand {@code name}, or null when it was not computed. */
    public Tensor get(String name) {
        return byName.get(name);
    }

    /** Every gradient, by operand name, in the op's operand order. */
    public Map<String, Tensor> asMap() {
        return byName;
    }
}
