package dev.convkit.onnx;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.Safetensors;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The convkit network a chain-shaped ONNX graph amounts to: each node one convkit layer (Conv,
 * ConvTranspose, Gemm, BatchNormalization, Relu, Elu, Flatten, Dropout, MaxPool, AveragePool with
 * count_include_pad, the global pools; Identity is dropped), with square kernels and equal strides and
 * pads on every axis, as the architecture grammar has them. Such a network can be saved as safetensors,
 * trained further and exported again. Graphs of other shapes still run as an {@link OnnxModel}.
 *
 * <pre>{@code
 * Sequential net = Architecture.build("conv2d(1,2,3,1,1);bn2d(2);relu;maxpool2d(2,2,0);flatten;linear(8,3)", 3);
 * Path file = Files.createTempFile("net", ".onnx");
 * OnnxExport.write(net, Map.of(), new int[] {1, 1, 4, 4}, file);
 * Sequential back = OnnxLayers.toSequential(OnnxModel.read(file));
 * assert back.spec().equals(net.spec());
 * Files.delete(file);
 * }</pre>
 */
public final class OnnxLayers {
    private OnnxLayers() {
    }

    /**
     * The network, in eval mode, with the graph's weights.
     *
     * @throws InvalidArgumentException naming the first node that has no convkit layer, or the attribute that
     *                                  the layer cannot express
     */
    public static Sequential toSequential(OnnxModel model) {
        if (model.inputNames().size() != 1 || model.outputNames().size() != 1) {
            throw InvalidArgumentException.of("the graph has %d inputs and %d outputs; a convkit network has one of each",
                    model.inputNames().size(), model.outputNames().size());
        }
        String current = model.inputNames().get(0);
        int rank = model.declaredShape(current).length - 2;
        Map<String, Value> init = model.initializers();
        List<String> tokens = new ArrayList<>();
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (OnnxNode n : model.nodes()) {
            if (n.inputs().isEmpty() || !n.inputs().get(0).equals(current)) {
                throw n.error("does not continue the chain from '%s'; the graph is not a sequence of layers", current);
            }
            for (int i = 1; i < n.inputs().size(); i++) {
                if (!n.inputs().get(i).isEmpty() && !init.containsKey(n.inputs().get(i))) {
                    throw n.error("input '%s' is computed, not a weight; the graph is not a sequence of layers",
                            n.inputs().get(i));
                }
            }
            if (n.outputs().size() > 1 && n.outputs().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
                throw n.error("has more than one output; no convkit layer has");
            }
            String layer = tokens.size() + ".";
            String token = token(n, rank, init, layer, state);
            current = n.outputs().get(0);
            if (token == null) {
                continue;
            }
            if (token.equals("flatten")) {
                rank = 0;
            }
            tokens.add(token);
        }
        if (!current.equals(model.outputNames().get(0))) {
            throw InvalidArgumentException.of("the graph's output '%s' is not the end of the chain", model.outputNames().get(0));
        }
        if (tokens.isEmpty()) {
            throw InvalidArgumentException.of("the graph has no layers");
        }
        Sequential net = Architecture.build(String.join(";", tokens), 0);
        Checkpoint.load(net, new Safetensors.File(state, Map.of()), Path.of("onnx"));
        net.train(false);
        return net;
    }

    private static Value weight(OnnxNode n, Map<String, Value> init, int input) {
        if (n.inputs().size() <= input || n.inputs().get(input).isEmpty()) {
            return null;
        }
        Value v = init.get(n.inputs().get(input));
        if (v.isLong()) {
            throw n.error("input %d holds int64 values, not weights", input);
        }
        return v;
    }

    private static int same(OnnxNode n, String attribute, int[] values) {
        for (int v : values) {
            if (v != values[0]) {
                throw n.error("attribute %s %s differs between axes; convkit layers take one value for all",
                        attribute, Arrays.toString(values));
            }
        }
        return values.length == 0 ? 0 : values[0];
    }

    private static void require(OnnxNode n, boolean ok, String attribute, Object value) {
        if (!ok) {
            throw n.error("attribute %s = %s has no convkit layer", attribute, value);
        }
    }

    /** The spec token of one node (null for a node that is dropped), its tensors put in {@code state}. */
    private static String token(OnnxNode n, int rank, Map<String, Value> init, String prefix, Map<String, Tensor> state) {
        switch (n.op()) {
            case "Identity":
                return null;
            case "Relu":
                return "relu";
            case "Elu":
                return "elu(" + num(n.real("alpha", 1f)) + ")";
            case "Dropout": {
                Value ratio = weight(n, init, 1);
                return "dropout(" + num(ratio == null ? 0.5 : ratio.at(0)) + ")";
            }
            case "Flatten":
                require(n, n.integer("axis", 1) == 1, "axis", n.integer("axis", 1));
                return "flatten";
            case "Conv":
            case "ConvTranspose": {
                boolean transposed = n.op().equals("ConvTranspose");
                Value w = weight(n, init, 1);
                int r = w.rank() - 2;
                int[] kernel = Arrays.copyOfRange(w.shape(), 2, w.rank());
                require(n, !n.has("output_shape"), "output_shape", Arrays.toString(n.longs("output_shape")));
                String auto = n.string("auto_pad", "NOTSET");
                require(n, auto.equals("NOTSET") || auto.equals("VALID"), "auto_pad", auto);
                require(n, n.integer("group", 1) == 1, "group", n.integer("group", 1));
                require(n, same(n, "dilations", n.ints("dilations", r, 1)) == 1, "dilations", Arrays.toString(n.longs("dilations")));
                int k = same(n, "kernel_shape", kernel);
                int s = same(n, "strides", n.ints("strides", r, 1));
                int p = same(n, "pads", n.ints("pads", 2 * r, 0));
                int in = transposed ? w.dim(0) : w.dim(1);
                int out = transposed ? w.dim(1) : w.dim(0);
                Value b = weight(n, init, 2);
                state.put(prefix + "weight", w.tensor());
                state.put(prefix + "bias", b == null ? Tensor.zeros(out) : b.tensor());
                String base = String.format(Locale.ROOT, "%s%dd(%d,%d,%d,%d,%d", transposed ? "convT" : "conv", r, in, out, k, s, p);
                return transposed ? base + "," + same(n, "output_padding", n.ints("output_padding", r, 0)) + ")" : base + ")";
            }
            case "Gemm": {
                require(n, n.integer("transA", 0) == 0, "transA", n.integer("transA", 0));
                require(n, n.real("alpha", 1f) == 1f, "alpha", n.real("alpha", 1f));
                require(n, n.real("beta", 1f) == 1f, "beta", n.real("beta", 1f));
                Value w = weight(n, init, 1);
                Tensor weight = n.integer("transB", 0) != 0 ? w.tensor() : Layout.transpose(w, new int[] {1, 0}).tensor();
                Value b = weight(n, init, 2);
                int out = weight.dim(0);
                require(n, b == null || b.numel() == out, "C", b);
                state.put(prefix + "weight", weight);
                state.put(prefix + "bias", b == null ? Tensor.zeros(out) : Tensor.wrap(b.floatData(), out));
                return "linear(" + weight.dim(1) + "," + out + ")";
            }
            case "BatchNormalization": {
                require(n, Math.abs(n.real("epsilon", 1e-5f) - 1e-5f) < 1e-9, "epsilon", n.real("epsilon", 1e-5f));
                String[] names = {"weight", "bias", "running_mean", "running_var"};
                for (int i = 0; i < names.length; i++) {
                    state.put(prefix + names[i], weight(n, init, i + 1).tensor());
                }
                return "bn2d(" + weight(n, init, 1).numel() + ")";
            }
            case "MaxPool":
            case "AveragePool": {
                boolean max = n.op().equals("MaxPool");
                int r = n.longs("kernel_shape").length;
                require(n, n.integer("ceil_mode", 0) == 0, "ceil_mode", n.integer("ceil_mode", 0));
                String auto = n.string("auto_pad", "NOTSET");
                require(n, auto.equals("NOTSET") || auto.equals("VALID"), "auto_pad", auto);
                require(n, max ? same(n, "dilations", n.ints("dilations", r, 1)) == 1 : n.integer("count_include_pad", 0) == 1,
                        max ? "dilations" : "count_include_pad", max ? Arrays.toString(n.longs("dilations"))
                                : n.integer("count_include_pad", 0));
                return String.format(Locale.ROOT, "%s%dd(%d,%d,%d)", max ? "maxpool" : "avgpool", r,
                        same(n, "kernel_shape", n.ints("kernel_shape", r, 0)), same(n, "strides", n.ints("strides", r, 1)),
                        same(n, "pads", n.ints("pads", 2 * r, 0)));
            }
            case "GlobalAveragePool":
            case "GlobalMaxPool":
                if (rank < 1) {
                    throw n.error("follows a flatten; its input has no spatial axes");
                }
                return (n.op().equals("GlobalAveragePool") ? "adaptiveavg" : "adaptivemax") + rank + "d(1)";
            default:
                throw n.error("has no convkit layer");
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Float.toString((float) v);
    }
}
