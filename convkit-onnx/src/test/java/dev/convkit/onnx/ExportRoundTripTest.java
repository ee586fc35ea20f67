package dev.convkit.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.ModelFormat;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Networks of every architecture token, exported by convkit: the ONNX file, run by convkit, gives the
 * network's own output; it passes onnx.checker; and PyTorch's equivalent module, loaded from the
 * model's safetensors file, gives the same logits (tools/check_onnx_export.py). Outside CI the PyTorch
 * half is skipped with a NOTICE when python3-torch or python3-onnx is missing; under CI=true it fails.
 */
class ExportRoundTripTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("conv2d(1,4,3,1,1);bn2d(4);relu;maxpool2d(2,2,0);conv2d(4,6,3,2,1);elu(0.5);avgpool2d(3,1,1);"
                        + "dropout(0.25);flatten;linear(54,10)", new int[] {3, 1, 12, 12}),
                Arguments.of("convT2d(2,3,3,2,1,1);relu;lppool2d(2,2,0,2);adaptiveavg2d(3);flatten;linear(27,5)",
                        new int[] {2, 2, 5, 5}),
                Arguments.of("conv2d(2,3,2,1,0);relu;lppool2d(3,1,1,3);adaptivemax2d(2);adaptiveavg2d(1);flatten;linear(3,2)",
                        new int[] {2, 2, 7, 6}),
                Arguments.of("conv1d(2,4,3,1,0);maxpool1d(2,2,0);adaptivemax1d(3);lppool1d(2,1,0,1.5);flatten;linear(8,3)",
                        new int[] {2, 2, 13}),
                Arguments.of("conv3d(1,2,3,1,1);avgpool3d(2,2,1);convT3d(2,2,2,1,0,0);adaptivemax3d(1);flatten;linear(2,2)",
                        new int[] {1, 1, 4, 4, 4}),
                Arguments.of(Architecture.model("cnn2"), new int[] {2, 1, 28, 28}),
                Arguments.of(Architecture.model("lenet5"), new int[] {2, 1, 28, 28}));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void exportedModelRunsLikeTheNetworkAndLikePyTorch(String spec, int[] inputShape, @TempDir Path dir) throws Exception {
        Sequential net = Architecture.build(spec, 11);
        SplittableRandom random = new SplittableRandom(5);
        net.buffers().forEach((name, values) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (name.endsWith("running_var") ? 0.5 + random.nextDouble() : random.nextDouble() - 0.5);
            }
        });
        net.train(false);
        Path weights = dir.resolve("model.safetensors");
        Checkpoint.saveModel(weights, net, Map.of("note", "round trip", "classes", "a,b"));
        Map<String, String> metadata = Safetensors.read(weights).metadata();
        Path onnx = dir.resolve("model.onnx");
        OnnxExport.write(net, metadata, inputShape, onnx);

        Tensor x = Tensor.zeros(inputShape);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) (random.nextDouble() * 2 - 1);
        }
        Tensor expected;
        try (GradMode.Scope off = GradMode.off()) {
            expected = net.forward(Variable.constant(x)).value();
        }
        ModelFormat.Loaded loaded = ServiceLoader.load(ModelFormat.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.reads(onnx)).findFirst().orElseThrow().load(onnx);
        assertThat(loaded.metadata()).isEqualTo(metadata);
        Tensor got = ((OnnxModel) loaded.network()).run(x);
        assertThat(got.shape()).containsExactly(expected.shape());
        TorchExportedModelsTest.assertClose(spec + " convkit ONNX vs convkit network", got.data(), expected.data());

        if (!pythonReady()) {
            return;
        }
        Path input = dir.resolve("input.json");
        Path output = dir.resolve("torch.json");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("shape", inputShape);
        doc.put("data", x.data());
        JSON.writeValue(input.toFile(), doc);
        Process p = new ProcessBuilder(PYTHON, "../tools/check_onnx_export.py", onnx.toString(), weights.toString(),
                input.toString(), output.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("check_onnx_export.py finishes").isTrue();
        assertThat(p.exitValue()).as("check_onnx_export.py: " + log).isZero();
        JsonNode torch = JSON.readTree(output.toFile());
        assertThat(TorchExportedModelsTest.ints(torch.get("shape"))).containsExactly(expected.shape());
        TorchExportedModelsTest.assertClose(spec + " convkit ONNX vs PyTorch", got.data(),
                TorchExportedModelsTest.floats(torch.get("data")));
    }

    private static Boolean ready;

    /** Whether python3-torch and python3-onnx are there; outside CI a NOTICE when not, under CI a failure. */
    static synchronized boolean pythonReady() throws IOException, InterruptedException {
        if (ready == null) {
            boolean ok = Files.isExecutable(Path.of(PYTHON));
            if (ok) {
                Process p = new ProcessBuilder(PYTHON, "-c", "import torch, onnx").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
            }
            ready = ok;
            if (!ok) {
                String message = "NOTICE: python3-torch and python3-onnx are needed at " + PYTHON
                        + " to check exported ONNX models against PyTorch; skipping that half of ExportRoundTripTest";
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError(message.replace("NOTICE: ", "") + " (required under CI)");
                }
                System.out.println(message);
            }
        }
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("python3-torch and python3-onnx are required under CI");
        }
        return ready;
    }
}
