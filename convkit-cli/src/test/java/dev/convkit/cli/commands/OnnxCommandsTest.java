package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code convkit export} and {@code convkit import}: a model there and back, and one-line errors. */
class OnnxCommandsTest {
    private static final Path TORCH_CASES = Path.of("../convkit-onnx/src/test/resources/onnx");

    @Test
    void aModelExportsAndImportsBackToTheSameNetwork(@TempDir Path dir) throws Exception {
        Sequential net = Architecture.build(Architecture.model("cnn2"), 3);
        Path model = dir.resolve("model.safetensors");
        Checkpoint.saveModel(model, net, Map.of("classes", "T-shirt,Trouser"));
        Path onnx = dir.resolve("model.onnx");
        CliRun export = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("wrote " + onnx + ": 11 nodes, 50571 weights, input [N, 1, 28, 28] (N free)");

        Path back = dir.resolve("back.safetensors");
        CliRun imported = CliRun.of("import", onnx.toString(), "--safetensors", back.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("produced by convkit", "input  input float [N, 1, 28, 28]",
                "BatchNormalization=2", "metadata classes = T-shirt,Trouser",
                "runs: input [1, 1, 28, 28] -> output float[1, 10]", "wrote " + back + ": " + net.spec());
        Safetensors.File file = Safetensors.read(back);
        assertThat(file.metadata()).containsEntry("classes", "T-shirt,Trouser").containsEntry("architecture", net.spec());
        Safetensors.File original = Safetensors.read(model);
        for (Map.Entry<String, dev.convkit.core.tensor.Tensor> e : original.tensors().entrySet()) {
            assertThat(file.tensors().get(e.getKey()).data()).as(e.getKey()).containsExactly(e.getValue().data());
        }
    }

    @Test
    void aTorchExportedGraphOfConvkitLayersBecomesAConvkitModel(@TempDir Path dir) {
        Path back = dir.resolve("cnn2.safetensors");
        CliRun run = CliRun.of("import", TORCH_CASES.resolve("cnn2_preserved.onnx").toString(), "--safetensors", back.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("produced by pytorch", "wrote " + back + ": conv2d(1,4,3,1,1);bn2d(4);relu;"
                + "maxpool2d(2,2,0);conv2d(4,8,3,1,1);bn2d(8);relu;maxpool2d(2,2,0);flatten;linear(72,10)");
        assertThat(Files.exists(back)).isTrue();
    }

    @Test
    void errorsAreOneLineWithExitCode2(@TempDir Path dir) throws Exception {
        Path notOnnx = dir.resolve("notes.onnx");
        Files.writeString(notOnnx, "not a model");
        assertOneLineError(CliRun.of("import", notOnnx.toString()), "convkit: " + notOnnx + ": not an ONNX model");

        Path back = dir.resolve("ops.safetensors");
        CliRun grouped = CliRun.of("import", TORCH_CASES.resolve("transposed_leaky.onnx").toString(), "--safetensors",
                back.toString());
        assertOneLineError(grouped, "convkit: " + TORCH_CASES.resolve("transposed_leaky.onnx") + ": not written as safetensors: node '");
        assertThat(grouped.err()).contains("(ConvTranspose): attribute group = 2 has no convkit layer; the graph still runs"
                + " through Model.load");
        assertThat(Files.exists(back)).isFalse();

        Path model = dir.resolve("model.safetensors");
        Checkpoint.saveModel(model, Architecture.build(Architecture.model("tiny"), 1), Map.of());
        assertOneLineError(CliRun.of("export", "--model", model.toString(), "--onnx", dir.resolve("m.onnx").toString(),
                "--input-shape", "1,20,20"), "convkit: --model " + model + ": onnx export: layer 4 'linear(784,10)' does not take");
        assertOneLineError(CliRun.of("export", "--model", model.toString(), "--onnx", dir.resolve("m.onnx").toString(),
                "--input-shape", "1,x"), "convkit: --input-shape: '1,x' must be sizes separated by commas");
    }

    private static void assertOneLineError(CliRun run, String start) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith(start);
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
    }
}
