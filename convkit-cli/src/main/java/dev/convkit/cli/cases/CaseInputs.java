package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.io.TensorJson;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One case's op name, params and inputs, read on demand so that a malformed tensor fails only its
 * own case.
 */
public final class CaseInputs {
    private final String op;
    private final Map<String, Object> params;
    private final JsonNode inputs;
    private final JsonNode gradOutput;

    public CaseInputs(String op, JsonNode params, JsonNode inputs, JsonNode gradOutput) {
        this.op = op;
        this.params = readParams(op, params);
        if (inputs == null || !inputs.isObject()) {
            throw InvalidArgumentException.of("%s: case has no \"inputs\" object", op);
        }
        this.inputs = inputs;
        this.gradOutput = gradOutput == null || gradOutput.isNull() ? null : gradOutput;
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
        JsonNode node = inputs.get(name);
        if (node == null || node.isNull()) {
            throw InvalidArgumentException.of("%s: inputs.%s is missing", op, name);
        }
        return TensorJson.readTensor("inputs." + name, node);
    }

    /** An optional float input: null when absent or null. */
    public Tensor optionalTensor(String name) {
        JsonNode node = inputs.get(name);
        return node == null || node.isNull() ? null : TensorJson.readTensor("inputs." + name, node);
    }

    /** A required int64 input. */
    public IndexTensor indices(String name) {
        JsonNode node = inputs.get(name);
        if (node == null || node.isNull()) {
            throw InvalidArgumentException.of("%s: inputs.%s is missing", op, name);
        }
        return TensorJson.readIndices("inputs." + name, node);
    }

    public boolean hasGradOutput() {
        return gradOutput != null;
    }

    /** The upstream gradient, or null when the case asks for no backward pass. */
    public Tensor gradOutput() {
        return gradOutput == null ? null : TensorJson.readTensor("grad_output", gradOutput);
    }
}
