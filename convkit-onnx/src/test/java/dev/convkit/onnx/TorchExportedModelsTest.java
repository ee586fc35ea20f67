package dev.convkit.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The CNNs tools/gen_onnx.py exported with torch.onnx.export (and one graph built with onnx.helper for
 * what torch never emits), run in convkit and compared with PyTorch's outputs within the conformance
 * tolerance: |got − exp| ≤ atol + 1e-4·|exp|, atol = 1e-5·max(1, max |exp|); int64 outputs exactly.
 */
class TorchExportedModelsTest {
    static final Path CASES = Path.of("src/test/resources/onnx");
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(p -> p.toString().endsWith(".onnx")).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> everyExportedModelMatchesPyTorch() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path onnx : cases()) {
            tests.add(DynamicTest.dynamicTest(onnx.getFileName().toString(), () -> check(onnx)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(8);
        return tests;
    }

    /** Every op of the list, and every op torch emitted for the cases, is exercised by some case. */
    @Test
    void theCasesCoverEveryListedOp() throws IOException {
        Set<String> covered = new TreeSet<>();
        for (Path onnx : cases()) {
            for (String node : OnnxModel.read(onnx).nodeNames()) {
                covered.add(node.substring(node.lastIndexOf('(') + 1, node.length() - 1));
            }
        }
        assertThat(covered).contains("Conv", "ConvTranspose", "MaxPool", "AveragePool", "LpPool", "GlobalAveragePool",
                "GlobalMaxPool", "MaxUnpool", "BatchNormalization", "Relu", "LeakyRelu", "Elu", "Sigmoid", "Tanh", "Softmax",
                "Gemm", "MatMul", "Add", "Mul", "Flatten", "Reshape", "Dropout", "Identity", "Constant", "Pow", "Abs", "Sign",
                "Pad", "Shape", "Gather", "Unsqueeze", "Concat", "Slice");
    }

    static void check(Path onnx) throws IOException {
        JsonNode doc = JSON.readTree(Path.of(onnx.toString().replace(".onnx", ".json")).toFile());
        OnnxModel model = OnnxModel.read(onnx);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            inputs.put(e.getKey(), Tensor.wrap(floats(e.getValue().get("data")), ints(e.getValue().get("shape"))));
        }
        Map<String, Value> got = model.run(inputs);
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("outputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Value v = got.get(e.getKey());
            assertThat(v).as(e.getKey()).isNotNull();
            assertThat(v.shape()).as(onnx + " " + e.getKey() + " shape").containsExactly(ints(e.getValue().get("shape")));
            if (e.getValue().get("dtype").asText().equals("int64")) {
                long[] expected = new long[e.getValue().get("data").size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = e.getValue().get("data").get(i).asLong();
                }
                assertThat(v.longData()).as(onnx + " " + e.getKey()).containsExactly(expected);
            } else {
                assertClose(onnx + " " + e.getKey(), v.floatData(), floats(e.getValue().get("data")));
            }
        }
    }

    static void assertClose(String what, float[] got, float[] expected) {
        assertThat(got).as(what + " length").hasSameSizeAs(expected);
        double max = 1;
        for (float v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        double atol = 1e-5 * max;
        for (int i = 0; i < got.length; i++) {
            boolean nan = Float.isNaN(expected[i]);
            if (nan ? !Float.isNaN(got[i]) : !(Math.abs(got[i] - expected[i]) <= atol + 1e-4 * Math.abs(expected[i]))) {
                fail("%s[%d]: got %s, PyTorch %s (tolerance %s)", what, i, got[i], expected[i], atol + 1e-4 * Math.abs(expected[i]));
            }
        }
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
