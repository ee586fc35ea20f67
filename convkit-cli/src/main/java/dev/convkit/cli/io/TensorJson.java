package dev.convkit.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;

import java.io.IOException;

/**
 * Tensors as JSON, {@code {"shape": [...], "data": [flat row-major]}}, in the convkit-cases/1 format:
 * NaN and infinities as the bare tokens {@code NaN}, {@code Infinity}, {@code -Infinity} (quoted
 * strings are accepted on input).
 *
 * <pre>{@code
 * Tensor t = TensorJson.readTensor("input", TensorJson.MAPPER.readTree("{\"shape\":[2],\"data\":[1, NaN]}"));
 * }</pre>
 */
public final class TensorJson {
    /** The deepest nesting a convkit JSON input may have (a cases file needs 7 levels). */
    public static final int MAX_NESTING = 64;
    /** The longest number token, in characters (an exact float64 decimal needs under 800). */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** The longest string (ids, op names, messages), in characters. */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** The longest field name, in characters. */
    public static final int MAX_NAME_LENGTH = 50_000;

    /** A mapper that reads and writes the non-numeric tokens bare, with {@link #constraints(long)} for the default limit. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(factory(Shape.DEFAULT_MAX_ELEMENTS)).build();

    private TensorJson() {
    }

    /**
     * The input limits for a size limit of {@code maxElements} elements per tensor: nesting
     * {@value #MAX_NESTING}, numbers of {@value #MAX_NUMBER_LENGTH} characters, strings of 1 Mi
     * characters, and a document of at most 64 bytes per element of the limit plus 64 MiB (a case
     * holds a few tensors at the limit, each value at least two characters). Set explicitly, so that a
     * change of Jackson's defaults cannot change what convkit accepts.
     */
    public static StreamReadConstraints constraints(long maxElements) {
        long document = maxElements > (Long.MAX_VALUE - (64L << 20)) / 64 ? Long.MAX_VALUE : 64 * maxElements + (64L << 20);
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(document)
                .build();
    }

    /** A JSON factory with the bare NaN/Infinity tokens and the limits of {@link #constraints(long)}. */
    public static JsonFactory factory(long maxElements) {
        return JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .streamReadConstraints(constraints(maxElements))
                .build();
    }

    /**
     * A one-line description of a JSON failure, with its line and column when known (a broken limit
     * has no location of its own; the parser's position is used then).
     */
    public static String describe(JsonProcessingException e, JsonParser parser) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser == null ? null : parser.currentLocation();
        String message = String.valueOf(e.getOriginalMessage())
                .replaceAll(",? *(use|from) `?StreamReadConstraints[^)]*", "")
                .replaceAll("\\s*\\R\\s*", " ");
        return "malformed JSON" + (at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column "
                + at.getColumnNr()) + ": " + message;
    }

    /** Reads a float tensor; {@code name} is used in messages. */
    public static Tensor readTensor(String name, JsonNode node) {
        int[] shape = readShape(name, node);
        JsonNode data = node.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) number(name, data.get(i));
        }
        return Tensor.wrap(values, shape);
    }

    /** Reads an int64 tensor (indices); non-integral values are errors. */
    public static IndexTensor readIndices(String name, JsonNode node) {
        int[] shape = readShape(name, node);
        JsonNode data = node.get("data");
        long[] values = new long[data.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = data.get(i);
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                values[i] = v.longValue();
            } else if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 9e15) {
                values[i] = (long) v.doubleValue();
            } else {
                throw InvalidArgumentException.of("%s: data[%d] must be an integer index, got %s", name, i, v);
            }
        }
        return IndexTensor.wrap(values, shape);
    }

    private static int[] readShape(String name, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw InvalidArgumentException.of("%s: a tensor must be an object {\"shape\": [...], \"data\": [...]}", name);
        }
        JsonNode shapeNode = node.get("shape");
        JsonNode data = node.get("data");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw InvalidArgumentException.of("%s: tensor has no \"shape\" list", name);
        }
        if (data == null || !data.isArray()) {
            throw InvalidArgumentException.of("%s: tensor has no \"data\" list", name);
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = shapeNode.get(i);
            if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.intValue() < 0) {
                throw InvalidArgumentException.of("%s: shape entries must be non-negative integers, got %s", name, shapeNode);
            }
            shape[i] = dim.intValue();
        }
        long count = Shape.numel(shape);
        if (count >= Shape.maxElements()) {
            throw InvalidArgumentException.of("%s: shape %s has %d elements, at or above the limit of %d (--max-elements)",
                    name, Shape.toString(shape), count, Shape.maxElements());
        }
        if (count != data.size()) {
            throw InvalidArgumentException.of("%s: shape %s needs %d values, data has %d",
                    name, Shape.toString(shape), count, data.size());
        }
        return shape;
    }

    private static double number(String name, JsonNode v) {
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": case "inf": return Double.POSITIVE_INFINITY;
                case "-Infinity": case "-inf": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw InvalidArgumentException.of("%s: data must hold numbers, got %s", name, v);
    }

    /** Writes {@code {"shape", "data"}} for a float tensor. */
    public static void write(JsonGenerator out, Tensor tensor) throws IOException {
        out.writeStartObject();
        writeShape(out, tensor.shape());
        out.writeArrayFieldStart("data");
        for (float v : tensor.data()) {
            out.writeNumber(v);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** Writes {@code {"shape", "data"}} for an index tensor. */
    public static void write(JsonGenerator out, IndexTensor tensor) throws IOException {
        out.writeStartObject();
        writeShape(out, tensor.shape());
        out.writeArrayFieldStart("data");
        for (long v : tensor.data()) {
            out.writeNumber(v);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeShape(JsonGenerator out, int[] shape) throws IOException {
        out.writeArrayFieldStart("shape");
        for (int d : shape) {
            out.writeNumber(d);
        }
        out.writeEndArray();
    }
}
