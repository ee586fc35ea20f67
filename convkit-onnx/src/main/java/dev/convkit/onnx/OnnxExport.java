package dev.convkit.onnx;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.io.AtomicFiles;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Module;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.onnx.proto.OnnxProto.AttributeProto;
import dev.convkit.onnx.proto.OnnxProto.GraphProto;
import dev.convkit.onnx.proto.OnnxProto.ModelProto;
import dev.convkit.onnx.proto.OnnxProto.NodeProto;
import dev.convkit.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.convkit.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.convkit.onnx.proto.OnnxProto.TensorProto;
import dev.convkit.onnx.proto.OnnxProto.TensorShapeProto;
import dev.convkit.onnx.proto.OnnxProto.TypeProto;
import dev.convkit.onnx.proto.OnnxProto.ValueInfoProto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a convkit network as an ONNX model (opset 13): one or a few nodes per layer, the weights as
 * initializers under their state-dict names ({@code 0.weight}, {@code 1.running_mean}), the model's
 * metadata as {@code metadata_props}. The batch dimension is left free ({@code N}); the other input
 * dimensions are fixed, because layer shapes (adaptive pools, the linear layer after flatten) depend on
 * them. Which nodes a layer becomes is decided in one place, the method {@code layer}, from the layer's spec token.
 *
 * <pre>{@code
 * Sequential net = Architecture.build(Architecture.model("tiny"), 1);
 * Path file = Files.createTempFile("tiny", ".onnx");
 * OnnxExport.write(net, Map.of("architecture", net.spec()), new int[] {1, 1, 28, 28}, file);
 * OnnxModel back = OnnxModel.read(file);
 * assert back.nodeNames().get(0).equals("0 (Conv)");
 * assert back.metadata().get("architecture").equals(net.spec());
 * Files.delete(file);
 * }</pre>
 */
public final class OnnxExport {
    /** The opset written. */
    public static final int OPSET = 13;
    private static final int IR_VERSION = 7;
    private static final Pattern TOKEN = Pattern.compile("([a-zA-Z]+?)(\\d)d(?:\\(([^)]*)\\))?|([a-zA-Z]+)(?:\\(([^)]*)\\))?");

    private OnnxExport() {
    }

    /**
     * Writes {@code model} to {@code path} atomically.
     *
     * @param inputShape an example input shape, batch first (its batch size is written as the free
     *                   dimension {@code N}); the network is run once on zeros of this shape to learn
     *                   every layer's input shape
     */
    public static void write(Sequential model, Map<String, String> metadata, int[] inputShape, Path path) throws IOException {
        ModelProto proto = build(model, metadata, inputShape);
        AtomicFiles.write(path, proto::writeTo);
    }

    /** The ONNX model of {@code model}, as {@link #write} writes it. */
    public static ModelProto build(Sequential model, Map<String, String> metadata, int[] inputShape) {
        if (inputShape.length < 2) {
            throw InvalidArgumentException.of("onnx export: the input shape needs a batch and a channel dimension, got %s",
                    Arrays.toString(inputShape));
        }
        List<Module> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).spec().startsWith("fracmax")) {
                throw InvalidArgumentException.of("onnx export: layer %d '%s': fractional max pooling draws random windows"
                        + " on every call and has no ONNX operator", i, layers.get(i).spec());
            }
        }
        int[][] shapes = shapes(model, inputShape);
        GraphProto.Builder graph = GraphProto.newBuilder().setName("convkit");
        Emitter emit = new Emitter(graph);
        String current = "input";
        for (int i = 0; i < layers.size(); i++) {
            String out = i == layers.size() - 1 ? "output" : "h" + i;
            layer(emit, i, layers.get(i), current, out, shapes[i]);
            current = out;
        }
        if (layers.isEmpty()) {
            emit.node("Identity", "0", List.of("input"), List.of("output"));
        }
        graph.addInput(valueInfo("input", shapes[0]));
        graph.addOutput(valueInfo("output", shapes[layers.size()]));
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("convkit")
                .setProducerVersion(version()).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The input shape of every layer and the output shape, from one eval-mode run on zeros. */
    private static int[][] shapes(Sequential model, int[] inputShape) {
        int[][] shapes = new int[model.layers().size() + 1][];
        boolean training = model.training();
        model.train(false);
        try (GradMode.Scope off = GradMode.off()) {
            Variable h = Variable.constant(Tensor.zeros(inputShape));
            for (int i = 0; i < model.layers().size(); i++) {
                shapes[i] = h.value().shape();
                try {
                    h = model.layers().get(i).forward(h);
                } catch (InvalidArgumentException e) {
                    throw InvalidArgumentException.of("onnx export: layer %d '%s' does not take input shape %s: %s", i,
                            model.layers().get(i).spec(), Arrays.toString(shapes[i]), e.getMessage());
                }
            }
            shapes[model.layers().size()] = h.value().shape();
        } finally {
            model.train(training);
        }
        return shapes;
    }

    private static ValueInfoProto valueInfo(String name, int[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int i = 1; i < shape.length; i++) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(shape[i]));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    /**
     * The nodes of one layer, from its spec token (the {@link dev.convkit.nn.layers.Architecture}
     * grammar) and its parameters and buffers; {@code shape} is the layer's input shape.
     */
    private static void layer(Emitter emit, int index, Module layer, String in, String out, int[] shape) {
        String token = layer.spec();
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw InvalidArgumentException.of("onnx export: layer %d '%s' has no ONNX form", index, token);
        }
        boolean ranked = m.group(1) != null;
        String kind = (ranked ? m.group(1) : m.group(4)).toLowerCase(Locale.ROOT);
        int rank = ranked ? Integer.parseInt(m.group(2)) : 2;
        double[] a = args(ranked ? m.group(3) : m.group(5));
        String name = Integer.toString(index);
        Map<String, Tensor> weights = new java.util.LinkedHashMap<>();
        layer.parameters().forEach((k, v) -> weights.put(k, v.value()));
        layer.buffers().forEach((k, v) -> weights.put(k, Tensor.wrap(v, v.length)));
        switch (kind) {
            case "conv":
            case "convt": {
                boolean transposed = kind.equals("convt");
                String w = emit.initializer(name + ".weight", weights.get("weight"));
                String b = emit.initializer(name + ".bias", weights.get("bias"));
                NodeProto.Builder node = emit.node(transposed ? "ConvTranspose" : "Conv", name, List.of(in, w, b), List.of(out));
                emit.ints(node, "kernel_shape", repeat((int) a[2], rank));
                emit.ints(node, "strides", repeat((int) a[3], rank));
                emit.ints(node, "pads", repeat((int) a[4], 2 * rank));
                emit.ints(node, "dilations", repeat(1, rank));
                emit.integer(node, "group", 1);
                if (transposed) {
                    emit.ints(node, "output_padding", repeat((int) a[5], rank));
                }
                return;
            }
            case "linear": {
                if (shape.length != 2) {
                    throw InvalidArgumentException.of("onnx export: layer %d '%s' gets input shape %s; ONNX Gemm needs"
                            + " a matrix (put flatten before it)", index, token, Arrays.toString(shape));
                }
                String w = emit.initializer(name + ".weight", weights.get("weight"));
                String b = emit.initializer(name + ".bias", weights.get("bias"));
                emit.integer(emit.node("Gemm", name, List.of(in, w, b), List.of(out)), "transB", 1);
                return;
            }
            case "bn": {
                NodeProto.Builder node = emit.node("BatchNormalization", name, List.of(in,
                        emit.initializer(name + ".weight", weights.get("weight")),
                        emit.initializer(name + ".bias", weights.get("bias")),
                        emit.initializer(name + ".running_mean", weights.get("running_mean")),
                        emit.initializer(name + ".running_var", weights.get("running_var"))), List.of(out));
                emit.real(node, "epsilon", 1e-5f);
                emit.real(node, "momentum", 0.9f); // ONNX's momentum weighs the running value: 1 - PyTorch's 0.1
                return;
            }
            case "relu":
                emit.node("Relu", name, List.of(in), List.of(out));
                return;
            case "elu":
                emit.real(emit.node("Elu", name, List.of(in), List.of(out)), "alpha", a.length > 0 ? (float) a[0] : 1f);
                return;
            case "dropout":
                emit.node("Dropout", name, List.of(in, emit.scalar(name + ".ratio", (float) a[0])), List.of(out));
                return;
            case "flatten":
                emit.integer(emit.node("Flatten", name, List.of(in), List.of(out)), "axis", 1);
                return;
            case "maxpool":
            case "avgpool": {
                NodeProto.Builder node = emit.node(kind.equals("maxpool") ? "MaxPool" : "AveragePool", name, List.of(in),
                        List.of(out));
                window(emit, node, rank, a);
                if (kind.equals("avgpool")) {
                    emit.integer(node, "count_include_pad", 1); // PyTorch's default
                }
                return;
            }
            case "lppool":
                lpPool(emit, name, in, out, rank, a);
                return;
            case "adaptiveavg":
            case "adaptivemax":
                adaptive(emit, name, in, out, kind.equals("adaptiveavg"), shape, a);
                return;
            default:
                throw InvalidArgumentException.of("onnx export: layer %d '%s' has no ONNX form", index, token);
        }
    }

    private static void window(Emitter emit, NodeProto.Builder node, int rank, double[] a) {
        emit.ints(node, "kernel_shape", repeat((int) a[0], rank));
        emit.ints(node, "strides", repeat((int) a[1], rank));
        emit.ints(node, "pads", repeat((int) a[2], 2 * rank));
    }

    /**
     * PyTorch's LP pooling, (Σ x^p)^(1/p) without |x|: ONNX LpPool takes |x|, so it is written as torch
     * exports it, x^p → AveragePool (dividing by the kernel volume K) → ×K → ^(1/p); p = ∞ is MaxPool of |x|.
     */
    private static void lpPool(Emitter emit, String name, String in, String out, int rank, double[] a) {
        double p = a[3];
        if (Double.isInfinite(p)) {
            emit.node("Abs", name + ".abs", List.of(in), List.of(name + ".abs"));
            window(emit, emit.node("MaxPool", name, List.of(name + ".abs"), List.of(out)), rank, a);
            return;
        }
        emit.node("Pow", name + ".pow", List.of(in, emit.scalar(name + ".p", (float) p)), List.of(name + ".pow"));
        NodeProto.Builder avg = emit.node("AveragePool", name + ".avg", List.of(name + ".pow"), List.of(name + ".avg"));
        window(emit, avg, rank, a);
        emit.integer(avg, "count_include_pad", 1);
        float volume = (float) Math.pow(a[0], rank);
        emit.node("Mul", name + ".sum", List.of(name + ".avg", emit.scalar(name + ".k", volume)), List.of(name + ".sum"));
        emit.node("Pow", name, List.of(name + ".sum", emit.scalar(name + ".inv_p", (float) (1 / p))), List.of(out));
    }

    /**
     * Adaptive pooling: Global*Pool for output size 1; otherwise, axis by axis, PyTorch's windows
     * [floor(i·I/O), ceil((i+1)·I/O)) as Slice → ReduceMean/ReduceMax → Concat (mean and max are
     * separable, so per-axis windows give the rectangle's value).
     */
    private static void adaptive(Emitter emit, String name, String in, String out, boolean avg, int[] shape, double[] a) {
        int rank = shape.length - 2;
        int[] size = new int[rank];
        for (int i = 0; i < rank; i++) {
            size[i] = (int) (a.length == 1 ? a[0] : a[i]);
        }
        if (Arrays.stream(size).allMatch(s -> s == 1)) {
            emit.node(avg ? "GlobalAveragePool" : "GlobalMaxPool", name, List.of(in), List.of(out));
            return;
        }
        String current = in;
        int last = -1;
        for (int i = 0; i < rank; i++) {
            if (size[i] != shape[i + 2]) {
                last = i;
            }
        }
        if (last < 0) {
            emit.node("Identity", name, List.of(in), List.of(out));
            return;
        }
        for (int i = 0; i <= last; i++) {
            int input = shape[i + 2];
            int output = size[i];
            if (input == output) {
                continue;
            }
            int axis = i + 2;
            String prefix = name + ".axis" + axis;
            String axes = emit.longs(prefix + ".axes", axis);
            String[] parts = new String[output];
            for (int o = 0; o < output; o++) {
                long start = (long) o * input / output;
                long end = ((long) (o + 1) * input + output - 1) / output;
                String slice = prefix + ".slice" + o;
                emit.node("Slice", slice, List.of(current, emit.longs(slice + ".start", start), emit.longs(slice + ".end", end),
                        axes), List.of(slice));
                parts[o] = prefix + ".window" + o;
                NodeProto.Builder reduce = emit.node(avg ? "ReduceMean" : "ReduceMax", parts[o], List.of(slice),
                        List.of(parts[o]));
                emit.ints(reduce, "axes", new int[] {axis});
                emit.integer(reduce, "keepdims", 1);
            }
            String joined = i == last ? out : prefix;
            emit.integer(emit.node("Concat", prefix + ".concat", List.of(parts), List.of(joined)), "axis", axis);
            current = joined;
        }
    }

    private static int[] repeat(int value, int count) {
        int[] out = new int[count];
        Arrays.fill(out, value);
        return out;
    }

    private static double[] args(String list) {
        if (list == null || list.isBlank()) {
            return new double[0];
        }
        return Arrays.stream(list.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    /** Adds nodes and initializers to a graph. */
    private static final class Emitter {
        private final GraphProto.Builder graph;

        Emitter(GraphProto.Builder graph) {
            this.graph = graph;
        }

        NodeProto.Builder node(String op, String name, List<String> inputs, List<String> outputs) {
            NodeProto.Builder node = graph.addNodeBuilder().setOpType(op).setName(name);
            node.addAllInput(inputs).addAllOutput(outputs);
            return node;
        }

        String initializer(String name, Tensor t) {
            if (t == null) {
                throw InvalidArgumentException.of("onnx export: layer tensor %s is missing", name);
            }
            graph.addInitializer(Tensors.floats(name, t.data(), t.shape()));
            return name;
        }

        String scalar(String name, float value) {
            graph.addInitializer(Tensors.floats(name, new float[] {value}));
            return name;
        }

        String longs(String name, long... values) {
            graph.addInitializer(Tensors.longs(name, values, values.length));
            return name;
        }

        void ints(NodeProto.Builder node, String attribute, int[] values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.INTS);
            for (int v : values) {
                a.addInts(v);
            }
            node.addAttribute(a);
        }

        void integer(NodeProto.Builder node, String attribute, long value) {
            node.addAttribute(AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.INT).setI(value));
        }

        void real(NodeProto.Builder node, String attribute, float value) {
            node.addAttribute(AttributeProto.newBuilder().setName(attribute).setType(AttributeProto.AttributeType.FLOAT).setF(value));
        }
    }
}
