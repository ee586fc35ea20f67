package dev.convkit.onnx;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.onnx.proto.OnnxProto.AttributeProto;
import dev.convkit.onnx.proto.OnnxProto.NodeProto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One node of a graph: its op, its inputs and outputs by name, and typed access to its attributes. */
final class OnnxNode {
    private final String name;
    private final String op;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, AttributeProto> attributes = new LinkedHashMap<>();

    OnnxNode(NodeProto proto, int index) {
        this.op = proto.getOpType();
        this.name = proto.getName().isEmpty() ? op + "#" + index : proto.getName();
        this.inputs = List.copyOf(proto.getInputList());
        this.outputs = List.copyOf(proto.getOutputList());
        for (AttributeProto a : proto.getAttributeList()) {
            attributes.put(a.getName(), a);
        }
    }

    String name() {
        return name;
    }

    String op() {
        return op;
    }

    List<String> inputs() {
        return inputs;
    }

    List<String> outputs() {
        return outputs;
    }

    Map<String, AttributeProto> attributes() {
        return attributes;
    }

    boolean has(String attribute) {
        return attributes.containsKey(attribute);
    }

    /** The error for a node: names the node, its op and what broke. */
    InvalidArgumentException error(String format, Object... args) {
        return new InvalidArgumentException(String.format("node '%s' (%s): ", name, op) + String.format(format, args));
    }

    /** The error for an attribute value this importer does not run. */
    InvalidArgumentException unsupported(String attribute, Object value) {
        return error("attribute %s = %s is not supported", attribute, value);
    }

    long integer(String attribute, long fallback) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getI();
    }

    float real(String attribute, float fallback) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getF();
    }

    String string(String attribute, String fallback) {
        AttributeProto a = attributes.get(attribute);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** An ints attribute, or null when absent. */
    long[] longs(String attribute) {
        AttributeProto a = attributes.get(attribute);
        if (a == null) {
            return null;
        }
        long[] out = new long[a.getIntsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getInts(i);
        }
        return out;
    }

    /** An ints attribute as ints of the given length ({@code fill} when absent), checked. */
    int[] ints(String attribute, int length, int fill) {
        long[] v = longs(attribute);
        int[] out = new int[length];
        if (v == null) {
            java.util.Arrays.fill(out, fill);
            return out;
        }
        if (v.length != length) {
            throw error("attribute %s needs %d values, got %d", attribute, length, v.length);
        }
        for (int i = 0; i < length; i++) {
            if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                throw error("attribute %s value %d is out of range", attribute, v[i]);
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    AttributeProto attribute(String attribute) {
        return attributes.get(attribute);
    }
}
