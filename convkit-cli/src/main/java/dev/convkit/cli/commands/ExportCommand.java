package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.io.AtomicFiles;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.onnx.OnnxExport;
import dev.convkit.onnx.OnnxModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code convkit export}: a trained model as ONNX. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Write a trained model as an ONNX file (opset " + OnnxExport.OPSET + "), for ONNX Runtime, PyTorch and other",
            "tools. The weights keep their PyTorch state-dict names; the model's metadata goes into metadata_props.",
            "The batch size stays free; the other input sizes are fixed by --input-shape.",
            "",
            "Example:",
            "  convkit export --model runs/train/model.safetensors --onnx model.onnx",
            ""})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model.safetensors.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX file to write.")
    Path onnx;

    @Option(names = "--input-shape", paramLabel = "C,H,W", defaultValue = "1,28,28",
            description = "One input's shape without the batch (default: ${DEFAULT-VALUE}, Fashion-MNIST's).")
    String inputShape;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Sequential net = EvaluateCommand.load(model);
        Map<String, String> metadata;
        try {
            metadata = Safetensors.read(model).metadata();
        } catch (IOException e) {
            throw new UserError("--model " + model + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        int[] shape = ImportCommand.shape("--input-shape", inputShape, 1);
        try {
            OnnxExport.write(net, metadata, shape, onnx);
        } catch (InvalidArgumentException e) {
            throw new UserError("--model " + model + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("--onnx " + onnx + ": cannot write: " + AtomicFiles.describe(e), e);
        }
        OnnxModel written;
        try {
            written = OnnxModel.read(onnx);
        } catch (IOException e) {
            throw new UserError("--onnx " + onnx + ": cannot read back: " + AtomicFiles.describe(e), e);
        }
        spec.commandLine().getOut().printf("wrote %s: %d nodes, %d weights, input %s (N free), opset %d%n", onnx,
                written.nodeNames().size(), written.parameterCount(), Arrays.toString(shape).replaceFirst("1", "N"),
                OnnxExport.OPSET);
        return 0;
    }
}
