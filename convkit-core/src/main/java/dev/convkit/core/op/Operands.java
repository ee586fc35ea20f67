package dev.convkit.core.op;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of one op call, by operand name.
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new double[][] {{4,5,2,2,1},{3,3,2,2,4},{4,3,4,1,1},{5,1,4,1,2},{5,1,3,1,4}}).reshape(1, 1, 5, 5);
 * Tensor k = Tensor.of(new double[][] {{4,3,3},{5,5,5},{2,4,3}}).reshape(1, 1, 3, 3);
 * Operands in = Operands.of("input", a, "weight", k, "bias", null); // a null operand is left out
 * assert in.tensor("bias") == null;
 * }</pre>
 */
public final class Operands {
    private final Map<String, Object> byName;

    private Operands(Map<String, Object> byName) {
        this.byName = byName;
    }

    /** Name-tensor pairs ({@link Tensor} or {@link IndexTensor}); null tensors are left out. */
    public static Operands of(Object... nameThenTensor) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameThenTensor.length; i += 2) {
            if (nameThenTensor[i + 1] != null) {
                map.put((String) nameThenTensor[i], nameThenTensor[i + 1]);
            }
        }
        return new Operands(map);
    }

    /** From a map of name to {@link Tensor} or {@link IndexTensor}. */
    public static Operands of(Map<String, ?> tensors) {
        Map<String, Object> map = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (t != null) {
                map.put(name, t);
            }
        });
        return new Operands(map);
    }

    /** The float tensor {@code name}, or null when the call has none. */
    public Tensor tensor(String name) {
        return (Tensor) byName.get(name);
    }

    /** The index tensor {@code name}, or null when the call has none. */
    public IndexTensor indices(String name) {
        return (IndexTensor) byName.get(name);
    }

    /** Checks the call against the op's operands: required ones present, kinds right, nothing unknown. */
    void check(Op op) {
        for (Operand operand : op.operands()) {
            Object t = byName.get(operand.name());
            if (t == null) {
                if (operand.required()) {
                    throw InvalidArgumentException.of("%s: missing tensor '%s'", op.name(), operand.name());
                }
            } else if (operand.indices() != (t instanceof IndexTensor)) {
                throw InvalidArgumentException.of("%s: '%s' must hold %s", op.name(), operand.name(),
                        operand.indices() ? "int64 indices" : "float values");
            }
        }
        for (String name : byName.keySet()) {
            if (op.operands().stream().noneMatch(o -> o.name().equals(name))) {
                throw InvalidArgumentException.of("%s: unknown tensor '%s'", op.name(), name);
            }
        }
    }
}
