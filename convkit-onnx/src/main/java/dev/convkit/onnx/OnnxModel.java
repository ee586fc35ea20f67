package dev.convkit.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Module;
import dev.convkit.onnx.proto.OnnxProto.ModelProto;
import dev.convkit.onnx.proto.OnnxProto.NodeProto;
import dev.convkit.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.convkit.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.convkit.onnx.proto.OnnxProto.TensorProto;
import dev.convkit.onnx.proto.OnnxProto.TensorShapeProto;
import dev.convkit.onnx.proto.OnnxProto.ValueInfoProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ONNX model imported for inference: its graph checked when read (every op and attribute supported,
 * every initializer's size consistent, every node input defined before use) and run node by node, the
 * convolutions and pools through the core op catalogue. Running keeps no state, so one model may serve
 * many threads at once. As a {@link Module} it is in eval mode for good and has no trainable
 * parameters: its weights are the graph's constants.
 *
 * <pre>{@code
 * Sequential net = Architecture.build("conv2d(1,2,3,1,1);relu;maxpool2d(2,2,0);flatten;linear(8,3)", 7);
 * net.train(false);
 * Path file = Files.createTempFile("tiny", ".onnx");
 * OnnxExport.write(net, Map.of("note", "example"), new int[] {1, 1, 4, 4}, file);
 * OnnxModel model = OnnxModel.read(file);
 * Tensor x = Tensor.full(0.5f, 2, 1, 4, 4);
 * Tensor y = model.run(x);
 * assert Arrays.equals(y.shape(), new int[] {2, 3});
 * assert Math.abs(y.get(1, 2) - net.forward(Variable.constant(x)).value().get(1, 2)) < 1e-5;
 * assert model.metadata().get("note").equals("example");
 * Files.delete(file);
 * }</pre>
 */
public final class OnnxModel extends Module {
    /** The opsets of the default domain this importer reads. */
    static final int MIN_OPSET = 7;
    static final int MAX_OPSET = 21;

    private final String source;
    private final ModelProto proto;
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Map<String, Value> initializers = new LinkedHashMap<>();
    private final Map<String, ValueInfoProto> inputs = new LinkedHashMap<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final long opset;

    private OnnxModel(ModelProto proto, String source) {
        this.source = source;
        this.proto = proto;
        super.train(false);
        this.opset = checkOpsets(proto);
        for (StringStringEntryProto e : proto.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        if (proto.getGraph().getSparseInitializerCount() > 0) {
            throw fail("sparse initializers are not supported");
        }
        for (TensorProto t : proto.getGraph().getInitializerList()) {
            initializers.put(t.getName(), Tensors.read(t, source + ": initializer '" + t.getName() + "'"));
        }
        for (ValueInfoProto v : proto.getGraph().getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                inputs.put(v.getName(), v);
            }
        }
        for (ValueInfoProto v : proto.getGraph().getOutputList()) {
            outputs.add(v.getName());
        }
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw fail("the graph needs at least one input and one output, it has %d and %d", inputs.size(), outputs.size());
        }
        Set<String> defined = new HashSet<>(initializers.keySet());
        defined.addAll(inputs.keySet());
        int index = 0;
        for (NodeProto p : proto.getGraph().getNodeList()) {
            OnnxNode node = new OnnxNode(p, index++);
            if (!p.getDomain().isEmpty() && !p.getDomain().equals("ai.onnx")) {
                throw fail("node '%s' (%s): domain %s is not supported", node.name(), node.op(), p.getDomain());
            }
            try {
                OnnxOps.require(node);
            } catch (InvalidArgumentException e) {
                throw fail("%s", e.getMessage());
            }
            for (String in : node.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw fail("node '%s' (%s): input '%s' is not produced by any earlier node, input or initializer",
                            node.name(), node.op(), in);
                }
            }
            defined.addAll(node.outputs());
            nodes.add(node);
        }
        for (String out : outputs) {
            if (!defined.contains(out)) {
                throw fail("graph output '%s' is not produced by any node", out);
            }
        }
    }

    private InvalidArgumentException fail(String format, Object... args) {
        return new InvalidArgumentException(source + ": " + String.format(format, args));
    }

    private long checkOpsets(ModelProto model) {
        long version = -1;
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                version = id.getVersion();
            }
        }
        if (version < 0) {
            throw fail("no opset of the default ONNX domain is imported");
        }
        if (version < MIN_OPSET || version > MAX_OPSET) {
            throw fail("opset %d is not supported (%d to %d are)", version, MIN_OPSET, MAX_OPSET);
        }
        return version;
    }

    /** Reads and checks an ONNX file; errors name the file and what is wrong in one line. */
    public static OnnxModel read(Path path) throws IOException {
        return parse(Files.readAllBytes(path), path.toString());
    }

    /** Parses and checks an ONNX model; {@code source} names it in errors. */
    public static OnnxModel parse(byte[] bytes, String source) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidArgumentException(source + ": not an ONNX model (" + e.getMessage() + ")");
        }
        if (!proto.hasGraph()) {
            throw new InvalidArgumentException(source + ": not an ONNX model (no graph)");
        }
        return new OnnxModel(proto, source);
    }

    /** The model's metadata_props, as written. */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The names of the graph's inputs (initializers excluded). */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    /** The names of the graph's outputs. */
    public List<String> outputNames() {
        return List.copyOf(outputs);
    }

    /** The declared shape of an input, -1 for a dimension given by name or not at all. */
    public int[] declaredShape(String input) {
        ValueInfoProto v = inputs.get(input);
        if (v == null) {
            throw fail("no input '%s' (inputs: %s)", input, inputs.keySet());
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        int[] out = new int[shape.getDimCount()];
        for (int i = 0; i < out.length; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            out[i] = d.hasDimValue() ? (int) d.getDimValue() : -1;
        }
        return out;
    }

    /** The graph's nodes in order, as {@code name (Op)}. */
    public List<String> nodeNames() {
        List<String> out = new ArrayList<>();
        for (OnnxNode n : nodes) {
            out.add(n.name() + " (" + n.op() + ")");
        }
        return out;
    }

    /** Runs the graph on named inputs; returns every graph output by name. */
    public Map<String, Value> run(Map<String, Tensor> given) {
        Map<String, Value> env = new HashMap<>(initializers);
        for (String name : inputs.keySet()) {
            Tensor t = given.get(name);
            if (t == null) {
                throw fail("input '%s' is missing", name);
            }
            int[] declared = declaredShape(name);
            boolean fits = declared.length == t.rank();
            for (int i = 0; fits && i < declared.length; i++) {
                fits = declared[i] < 0 || declared[i] == t.dim(i);
            }
            if (!fits) {
                throw fail("input '%s' has shape %s, the graph declares %s (-1: any size)", name,
                        Arrays.toString(t.shape()), Arrays.toString(declared));
            }
            env.put(name, Value.of(t));
        }
        for (String name : given.keySet()) {
            if (!inputs.containsKey(name)) {
                throw fail("unknown input '%s' (inputs: %s)", name, inputs.keySet());
            }
        }
        for (OnnxNode node : nodes) {
            Value[] in = new Value[node.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                String name = node.inputs().get(i);
                in[i] = name.isEmpty() ? null : env.get(name);
            }
            Value[] out;
            try {
                out = OnnxOps.require(node).kernel().run(node, in);
            } catch (InvalidArgumentException e) {
                String message = e.getMessage();
                throw fail("%s", message.startsWith("node '") ? message : node.error("%s", message).getMessage());
            } catch (IllegalStateException | ArithmeticException | ArrayIndexOutOfBoundsException e) {
                throw fail("%s", node.error("inputs %s do not fit: %s", Arrays.toString(in), e.getMessage()).getMessage());
            }
            for (int i = 0; i < node.outputs().size() && i < out.length; i++) {
                if (!node.outputs().get(i).isEmpty()) {
                    env.put(node.outputs().get(i), out[i]);
                }
            }
        }
        Map<String, Value> result = new LinkedHashMap<>();
        for (String name : outputs) {
            result.put(name, env.get(name));
        }
        return result;
    }

    /** Runs a graph of one input and one float output. */
    public Tensor run(Tensor input) {
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw fail("the graph has %d inputs and %d outputs; run it by name", inputs.size(), outputs.size());
        }
        Value out = run(Map.of(inputs.keySet().iterator().next(), input)).get(outputs.get(0));
        if (out.isLong()) {
            throw fail("output '%s' holds int64 values, not floats", outputs.get(0));
        }
        return out.tensor();
    }

    /** The graph on {@code x}; the result is a constant (no gradient flows through an imported graph). */
    @Override
    public Variable forward(Variable x) {
        return Variable.constant(run(x.value()));
    }

    /** Only eval mode: an imported graph is for inference. */
    @Override
    public void train(boolean on) {
        if (on) {
            throw fail("an imported ONNX graph runs in eval mode only");
        }
    }

    @Override
    public String spec() {
        return "onnx";
    }

    /** The number of float values among the graph's constants (its weights). */
    @Override
    public long parameterCount() {
        long count = 0;
        for (Value v : initializers.values()) {
            count += v.isLong() ? 0 : v.numel();
        }
        return count;
    }

    /** A few lines: producer, opset, inputs with their declared shapes, outputs, node counts by op, metadata. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: ONNX IR %d, opset %d, produced by %s %s%n", source, proto.getIrVersion(), opset,
                proto.getProducerName().isEmpty() ? "(unknown)" : proto.getProducerName(), proto.getProducerVersion()));
        for (String name : inputs.keySet()) {
            out.append(String.format("  input  %s %s%n", name, describe(inputs.get(name))));
        }
        for (ValueInfoProto v : proto.getGraph().getOutputList()) {
            out.append(String.format("  output %s %s%n", v.getName(), describe(v)));
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (OnnxNode n : nodes) {
            counts.merge(n.op(), 1, Integer::sum);
        }
        out.append(String.format("  %d nodes: %s%n", nodes.size(), counts.toString().replaceAll("[{}]", "")));
        out.append(String.format("  %d initializers, %d weights%n", initializers.size(), parameterCount()));
        metadata.forEach((k, v) -> out.append(String.format("  metadata %s = %s%n", k, v.length() > 100 ? v.substring(0, 97) + "..." : v)));
        return out.toString();
    }

    private static String describe(ValueInfoProto v) {
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : shape.getDimList()) {
            dims.add(d.hasDimValue() ? Long.toString(d.getDimValue()) : d.getDimParam().isEmpty() ? "?" : d.getDimParam());
        }
        TensorProto.DataType type = TensorProto.DataType.forNumber(v.getType().getTensorType().getElemType());
        return (type == null ? "?" : type.name().toLowerCase(java.util.Locale.ROOT)) + " " + dims;
    }

    /** The parsed model (for the layer mapping of {@link OnnxLayers}). */
    ModelProto proto() {
        return proto;
    }

    List<OnnxNode> nodes() {
        return nodes;
    }

    Map<String, Value> initializers() {
        return initializers;
    }
}
