package dev.convkit.cli.cases;

import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operand;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ops {@code compute} answers: a thin adapter over the core {@link Catalogue}. A case's params
 * are checked and typed by the op's declared parameters, its tensors read by the op's operands.
 */
public final class CaseOps {
    private CaseOps() {
    }

    /** The op, or null when it is unknown. */
    public static CaseOp find(String name) {
        Op op = Catalogue.find(name);
        return op == null ? null : in -> run(op, in);
    }

    /** The names of every op, sorted. */
    public static Set<String> names() {
        return Catalogue.names();
    }

    private static CaseResult run(Op op, CaseInputs in) {
        Params params = op.params(in.params());
        Map<String, Object> tensors = new LinkedHashMap<>();
        for (Operand operand : op.operands()) {
            String name = operand.name();
            Object value = operand.indices() ? in.indices(name)
                    : operand.required() ? in.tensor(name) : in.optionalTensor(name);
            tensors.put(name, value);
        }
        Forward forward = op.forward(Operands.of(tensors), params);
        CaseResult result = new CaseResult(forward.output(), forward.indices());
        if (in.hasGradOutput()) {
            forward.backward(in.gradOutput()).asMap().forEach(result::grad);
        }
        return result;
    }
}
