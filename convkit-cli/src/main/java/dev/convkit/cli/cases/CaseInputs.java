package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.io.StreamedTensor;
import dev.convkit.cli.io.TensorJson;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One case's op name, params and inputs. The tensors were streamed from the file (shape checked
 * against the size limit before any data array was built); a tensor that could not be read keeps its
 * problem until the op asks for it, so that a malformed tensor fails only its own case.
 *
 * <pre>{@code
 * CaseInputs in = new CaseInputs("conv2d", params, Map.of("input", streamedInput, "weight", streamedWeight), null);
 * Tensor x = in.tensor("input");   // or InvalidArgumentException("inputs.input: shape [1, 1, 2, 2] needs 4 values, data has 3")
 * }</pre>
 */
public final class CaseInputs {
    private final String op;
    private final Map<String, Object> params;
    private final Map<String, StreamedTensor> inputs;
    private final StreamedTensor gradOutput;

    /**
     * @param inputs the tensors of {@code inputs} by name (a JSON null as a null value), or null when
     *               the case has no {@code inputs} object
     * @param gradOutput the upstream gradient, or null when the case has none
     */
    public CaseInputs(String op, JsonNode params, Map<String, StreamedTensor> inputs, StreamedTensor gradOutput) {
        this.op = op;
        this.params = readParams(op, params);
        if (inputs == null) {
            throw InvalidArgumentException.of("%s: case has no \"inputs\" object", op);
        }
        this.inputs = inputs;
        this.gradOutput = gradOutput;
    }

    public String op() {
        return op;
    }

    /** The params object as plain values (numbers, booleans, strings, lists, nulls), for the op to check. */
    public Map<String, Object> params() {
        return params;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readParams(String op, JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw InvalidArgumentException.of("%s: params must be an object", op);
        }
        return TensorJson.MAPPER.convertValue(node, LinkedHashMap.class);
    }

    /** A required float input. */
    public Tensor tensor(String name) {
        StreamedTensor t = inputs.get(name);
        if (t == null) {
            throw InvalidArgumentException.of("%s: inputs.%s is missing", op, name);
        }
        return t.tensor();
    }

    /** An optional float input: null when absent or null. */
    public Tensor optionalTensor(String name) {
        StreamedTensor t = inputs.get(name);
        return t == null ? null : t.tensor();
    }

    /** A required int64 input. */
    public IndexTensor indices(String name) {
        StreamedTensor t = inputs.get(name);
        if (t == null) {
            throw InvalidArgumentException.of("%s: inputs.%s is missing", op, name);
        }
        return t.indices();
    }

    public boolean hasGradOutput() {
        return gradOutput != null;
    }

    /** The upstream gradient, or null when the case asks for no backward pass. */
    public Tensor gradOutput() {
        return gradOutput == null ? null : gradOutput.tensor();
    }
}
