package dev.convkit.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A small network (conv, batch norm, relu, max pool, conv, elu, linear) trained a few steps from
 * PyTorch's initial weights and data: the losses of every step (SGD, then Adam), the first step's
 * gradients and the evaluation-mode logits after the SGD steps match PyTorch (tools/gen_nn_reference.py).
 */
class TorchReferenceTest {
    private static Tensor tensor(JsonNode node) {
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get("shape").get(i).asInt();
        }
        float[] data = new float[node.get("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) node.get("data").get(i).asDouble();
        }
        return Tensor.wrap(data, shape);
    }

    private static void assertClose(String what, Tensor actual, Tensor expected, double tolerance) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double max = 1e-3;
        for (float v : expected.data()) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < expected.data().length; i++) {
            assertThat((double) actual.data()[i]).as("%s[%d]", what, i).isCloseTo(expected.data()[i], within(tolerance * max));
        }
    }

    @Test
    void trainingStepsMatchPyTorch() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(TorchReferenceTest.class.getResource("/nn_reference.json"));
        Sequential net = Architecture.build(ref.get("architecture").asText(), 0);
        Map<String, Variable> params = net.parameters();
        ref.get("initial").fields().forEachRemaining(e -> {
            Tensor t = tensor(e.getValue());
            if (params.containsKey(e.getKey())) {
                params.get(e.getKey()).set(t);
            } else {
                float[] buffer = net.buffers().get(e.getKey());
                assertThat(buffer).as("buffer %s", e.getKey()).isNotNull();
                System.arraycopy(t.data(), 0, buffer, 0, buffer.length);
            }
        });
        Tensor x = tensor(ref.get("input"));
        int[] labels = new int[ref.get("labels").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ref.get("labels").get(i).asInt();
        }
        Optimizer sgd = new Optimizer.SGD(params, 0.1, 0.9, true, 1e-3);
        Optimizer adam = new Optimizer.Adam(params, 0.01, 0.9, 0.999, 1e-8, 0, false);
        for (int step = 0; step < 5; step++) {
            Optimizer opt = step < 3 ? sgd : adam;
            opt.zeroGrad();
            Variable loss = Ops.crossEntropy(net.forward(Variable.constant(x)), labels);
            loss.backward();
            if (step == 0) {
                ref.get("first_step_grads").fields().forEachRemaining(e ->
                        assertClose("grad " + e.getKey(), params.get(e.getKey()).grad(), tensor(e.getValue()), 1e-4));
            }
            opt.step();
            assertThat((double) loss.value().data()[0]).as("loss at step %d", step)
                    .isCloseTo(ref.get("losses").get(step).asDouble(), within(1e-4));
            if (step == 2) {
                net.eval();
                try (GradMode.Scope off = GradMode.off()) {
                    assertClose("eval logits", net.forward(Variable.constant(x)).value(), tensor(ref.get("eval_logits")), 1e-4);
                }
                net.train();
            }
        }
    }
}
