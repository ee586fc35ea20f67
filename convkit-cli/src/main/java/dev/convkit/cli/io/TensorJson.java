package dev.convkit.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.Arrays;

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

    /**
     * A tensor read from a stream: its shape and values, or the problem that makes it unusable,
     * kept until the case asks for the tensor (so that a bad tensor fails only its own case, with
     * the message it would have got first).
     */
    public static final class Streamed {
        private final String name;
        private final int[] shape;
        private final float[] floats;
        private final long[] longs;
        private final String problem;

        private Streamed(String name, int[] shape, float[] floats, long[] longs, String problem) {
            this.name = name;
            this.shape = shape;
            this.floats = floats;
            this.longs = longs;
            this.problem = problem;
        }

        /** The tensor as float32 values. */
        public Tensor tensor() {
            check();
            if (floats != null) {
                return Tensor.wrap(floats, shape);
            }
            float[] values = new float[longs.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (double) longs[i];
            }
            return Tensor.wrap(values, shape);
        }

        /** The tensor as int64 indices; non-integral values are errors. */
        public IndexTensor indices() {
            check();
            if (longs != null) {
                return IndexTensor.wrap(longs, shape);
            }
            long[] values = new long[floats.length];
            for (int i = 0; i < values.length; i++) {
                float v = floats[i];
                if (v != Math.rint(v) || Math.abs(v) >= 9e15) {
                    throw InvalidArgumentException.of("%s: data[%d] must be an integer index, got %s", name, i, v);
                }
                values[i] = (long) v;
            }
            return IndexTensor.wrap(values, shape);
        }

        private void check() {
            if (problem != null) {
                throw new InvalidArgumentException(problem);
            }
        }
    }

    /**
     * Reads the tensor value the parser is at, without building a JSON tree: the declared shape is
     * checked against the size limit before its array is allocated, and the values are stored as they
     * arrive (at most the limit's worth when the data comes before the shape). The parser is left on
     * the value's last token, whatever the value was. Int64 values are kept exactly when
     * {@code integral} (index tensors).
     */
    public static Streamed read(JsonParser p, String name, boolean integral) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return problem(name, String.format("%s: a tensor must be an object {\"shape\": [...], \"data\": [...]}", name));
        }
        long limit = Shape.maxElements();
        int[] shape = null;
        String shapeProblem = null;
        boolean sawShape = false;
        boolean sawData = false;
        String dataProblem = null;
        String valueProblem = null;
        float[] floats = null;
        long[] longs = null;
        long count = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("shape")) {
                sawShape = true;
                shape = null;
                shapeProblem = null;
                if (t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    shapeProblem = String.format("%s: tensor has no \"shape\" list", name);
                    continue;
                }
                StringBuilder text = new StringBuilder("[");
                int[] dims = new int[8];
                int rank = 0;
                boolean ok = true;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (text.length() > 1) {
                        text.append(',');
                    }
                    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        text.append("...");
                        ok = false;
                        continue;
                    }
                    if (text.length() < 200) {
                        text.append(p.getText());
                    }
                    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 0) {
                        ok = false;
                    } else if (rank < 64) {
                        if (rank == dims.length) {
                            dims = Arrays.copyOf(dims, rank * 2);
                        }
                        dims[rank++] = p.getIntValue();
                    } else {
                        ok = false;
                    }
                }
                text.append(']');
                if (!ok) {
                    shapeProblem = String.format("%s: shape entries must be non-negative integers (at most 64 of them), got %s",
                            name, text);
                } else {
                    shape = Arrays.copyOf(dims, rank);
                }
            } else if (field.equals("data")) {
                sawData = true;
                if (t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    dataProblem = String.format("%s: tensor has no \"data\" list", name);
                    continue;
                }
                dataProblem = null;
                valueProblem = null;
                // never more than the limit, nor more than a declared shape needs (nothing when the shape is
                // above the limit); grown as values arrive, so a short array in a big declared shape costs little
                long capacity = limit;
                if (shape != null) {
                    long declared = numelOrMax(shape);
                    capacity = declared > limit ? 0 : declared;
                }
                int initial = (int) Math.min(capacity, 1 << 16);
                floats = null;
                longs = null;
                try {
                    if (integral) {
                        longs = new long[initial];
                    } else {
                        floats = new float[initial];
                    }
                } catch (OutOfMemoryError e) {
                    valueProblem = outOfMemory(name, initial);
                }
                count = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                        if (valueProblem == null) {
                            valueProblem = String.format("%s: data must hold numbers, got %s", name,
                                    t == JsonToken.START_ARRAY ? "a list" : "an object");
                        }
                        p.skipChildren();
                        count++;
                        continue;
                    }
                    if (valueProblem == null && count < capacity) {
                        int at = (int) count;
                        try {
                            if (integral) {
                                if (at == longs.length) {
                                    longs = Arrays.copyOf(longs, (int) Math.min(capacity, Math.max(16, 2L * at)));
                                }
                                longs[at] = index(p, name, at);
                            } else {
                                if (at == floats.length) {
                                    floats = Arrays.copyOf(floats, (int) Math.min(capacity, Math.max(16, 2L * at)));
                                }
                                floats[at] = (float) number(p, name);
                            }
                        } catch (InvalidArgumentException e) {
                            valueProblem = e.getMessage();
                        } catch (OutOfMemoryError e) {
                            floats = null;
                            longs = null;
                            valueProblem = outOfMemory(name, 2L * at);
                        }
                    }
                    count++;
                }
            } else {
                p.skipChildren();
            }
        }
        // the same checks, in the same order, as the tree reader
        if (!sawShape) {
            return problem(name, String.format("%s: tensor has no \"shape\" list", name));
        }
        if (!sawData || dataProblem != null) {
            return problem(name, dataProblem != null ? dataProblem : String.format("%s: tensor has no \"data\" list", name));
        }
        if (shapeProblem != null) {
            return problem(name, shapeProblem);
        }
        long declared = numelOrMax(shape);
        if (declared == Long.MAX_VALUE) {
            return problem(name, String.format("%s: shape %s has more elements than a long can count", name,
                    Shape.toString(shape)));
        }
        if (declared > limit) {
            return problem(name, String.format("%s: shape %s has %d elements, above the limit of %d (--max-elements)",
                    name, Shape.toString(shape), declared, limit));
        }
        if (declared != count) {
            return problem(name, String.format("%s: shape %s needs %d values, data has %d", name, Shape.toString(shape),
                    declared, count));
        }
        if (valueProblem != null) {
            return problem(name, valueProblem);
        }
        if (floats != null && floats.length != count) {
            floats = Arrays.copyOf(floats, (int) count);
        }
        if (longs != null && longs.length != count) {
            longs = Arrays.copyOf(longs, (int) count);
        }
        return new Streamed(name, shape, floats, longs, null);
    }

    /** The element count, or Long.MAX_VALUE when it overflows a long. */
    private static long numelOrMax(int[] shape) {
        long n = 1;
        boolean overflow = false;
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
            if (!overflow && n > Long.MAX_VALUE / d) {
                overflow = true;
            } else if (!overflow) {
                n *= d;
            }
        }
        return overflow ? Long.MAX_VALUE : n;
    }

    private static Streamed problem(String name, String message) {
        return new Streamed(name, null, null, null, message);
    }

    private static String outOfMemory(String name, long values) {
        return String.format("%s: out of memory storing %d values; lower the sizes or raise the heap (-Xmx)", name, values);
    }

    private static double number(JsonParser p, String name) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                switch (p.getText()) {
                    case "NaN": return Double.NaN;
                    case "Infinity": case "inf": return Double.POSITIVE_INFINITY;
                    case "-Infinity": case "-inf": return Double.NEGATIVE_INFINITY;
                    default: break;
                }
                throw InvalidArgumentException.of("%s: data must hold numbers, got \"%s\"", name, abbreviate(p.getText()));
            default:
                throw InvalidArgumentException.of("%s: data must hold numbers, got %s", name, abbreviate(p.getText()));
        }
    }

    private static long index(JsonParser p, String name, int at) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double v = p.getDoubleValue();
            if (v == Math.rint(v) && Math.abs(v) < 9e15) {
                return (long) v;
            }
        }
        throw InvalidArgumentException.of("%s: data[%d] must be an integer index, got %s", name, at, abbreviate(p.getText()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
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
        if (count > Shape.maxElements()) {
            throw InvalidArgumentException.of("%s: shape %s has %d elements, above the limit of %d (--max-elements)",
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
