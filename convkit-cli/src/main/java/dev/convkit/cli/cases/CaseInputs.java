package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.io.TensorJson;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

/**
 * One case's op name, params and inputs, read on demand so that a malformed tensor fails only its
 * own case.
 */
public final class CaseInputs {
    private final String op;
    private final Params params;
    private final JsonNode inputs;
    private final JsonNode gradOutput;

    public CaseInputs(String op, JsonNode params, JsonNode inputs, JsonNode gradOutput) {
        this.op = op;
        this.params = new Params(op, params);
        if (inputs == null || !inputs.isObject()) {
            throw InvalidArgumentException.of("%s: case has no \"inputs\" object", op);
        }
        this.inputs = inputs;
        this.gradOutput = gradOutput == null || gradOutput.isNull() ? null : gradOutput;
    }

    public String op() {
        return op;
    }

    public Params params() {
        return params;
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
