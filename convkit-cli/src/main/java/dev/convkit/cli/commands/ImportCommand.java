package dev.convkit.cli.commands;

import dev.convkit.cli.UserError;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.io.AtomicFiles;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.onnx.OnnxLayers;
import dev.convkit.onnx.OnnxModel;
import dev.convkit.onnx.Value;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code convkit import}: check an ONNX model, run it once, and optionally save it as a convkit model. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Read an ONNX model: print its inputs, outputs, ops and metadata, check that convkit supports every op",
            "and attribute, and run it once on random input. With --safetensors, also write it as a convkit model",
            "when the graph is a chain of convkit layers (conv, bn, relu, pools, flatten, linear...), so that",
            "evaluate, predict and further training can use it. Any supported graph loads in Java with Model.load.",
            "",
            "Examples:",
            "  convkit import model.onnx",
            "  convkit import model.onnx --input-shape 1,1,28,28 --safetensors model.safetensors",
            ""})
public final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "An .onnx file.")
    Path file;

    @Option(names = "--input-shape", paramLabel = "N,C,H,W",
            description = "The shape to run the graph on (default: the declared shape, with batch 1).")
    String inputShape;

    @Option(names = "--safetensors", paramLabel = "FILE", description = "Also write the graph as a convkit model.")
    Path safetensors;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OnnxModel model;
        try {
            model = OnnxModel.read(file);
        } catch (InvalidArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + AtomicFiles.describe(e), e);
        }
        out.print(model.summary());
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(0);
        for (String name : model.inputNames()) {
            int[] shape = inputShape != null && model.inputNames().size() == 1
                    ? shape("--input-shape", inputShape, 0) : declared(model, name);
            Tensor t = Tensor.zeros(shape);
            for (int i = 0; i < t.data().length; i++) {
                t.data()[i] = (float) (random.nextDouble() * 2 - 1);
            }
            inputs.put(name, t);
        }
        Map<String, Value> outputs;
        try {
            outputs = model.run(inputs);
        } catch (InvalidArgumentException e) {
            throw new UserError(e.getMessage());
        }
        outputs.forEach((name, v) -> out.printf("  runs: %s -> %s %s%n", shapes(inputs), name, v));
        if (safetensors == null) {
            return 0;
        }
        Sequential net;
        try {
            net = OnnxLayers.toSequential(model);
        } catch (InvalidArgumentException e) {
            throw new UserError(file + ": not written as safetensors: " + e.getMessage()
                    + "; the graph still runs through Model.load");
        }
        Tensor x = inputs.values().iterator().next();
        float[] graph = outputs.values().iterator().next().floatData();
        float[] layers;
        try (GradMode.Scope off = GradMode.off()) {
            layers = net.forward(Variable.constant(x)).value().data();
        }
        double diff = 0;
        for (int i = 0; i < graph.length; i++) {
            diff = Math.max(diff, Math.abs(graph[i] - layers[i]));
        }
        try {
            Checkpoint.saveModel(safetensors, net, model.metadata());
        } catch (IOException e) {
            throw new UserError("--safetensors " + safetensors + ": cannot write: " + AtomicFiles.describe(e), e);
        }
        out.printf("wrote %s: %s (largest difference from the graph on the random input: %.3g)%n", safetensors,
                net.spec(), diff);
        return 0;
    }

    private static String shapes(Map<String, Tensor> inputs) {
        StringBuilder s = new StringBuilder();
        inputs.forEach((k, v) -> s.append(s.length() > 0 ? ", " : "").append(k).append(' ').append(Arrays.toString(v.shape())));
        return s.toString();
    }

    private int[] declared(OnnxModel model, String name) {
        int[] shape = model.declaredShape(name);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                if (i > 0) {
                    throw new UserError(file + ": input '" + name + "' has a free dimension " + i
                            + "; give the shape with --input-shape");
                }
                shape[i] = 1;
            }
        }
        return shape;
    }

    /** A comma-separated shape of positive sizes, with {@code prepend} leading 1s (the batch). */
    static int[] shape(String option, String text, int prepend) {
        String[] parts = text.split(",");
        int[] shape = new int[parts.length + prepend];
        Arrays.fill(shape, 1);
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i + prepend] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UserError(option + ": '" + text + "' must be sizes separated by commas, e.g. 1,28,28");
            }
            if (shape[i + prepend] < 1) {
                throw new UserError(option + ": sizes must be positive, got '" + text + "'");
            }
        }
        return shape;
    }
}
