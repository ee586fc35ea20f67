package dev.convkit.cli.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;

import java.io.IOException;
import java.util.Arrays;

/**
 * A tensor read from a stream: its shape and values, or the problem that makes it unusable,
 * kept until the case asks for the tensor (so that a bad tensor fails only its own case, with
 * the message it would have got first).
 *
 * <pre>{@code
 * parser.nextToken(); // at the tensor's START_OBJECT
 * StreamedTensor t = StreamedTensor.read(parser, "inputs.input", false);
 * Tensor x = t.tensor(); // or InvalidArgumentException("inputs.input: shape [2] needs 2 values, data has 3")
 * }</pre>
 */
public final class StreamedTensor {
    private final String name;
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;
    private final String problem;

    private StreamedTensor(String name, int[] shape, float[] floats, long[] longs, String problem) {
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


    /**
     * Reads the tensor value the parser is at, without building a JSON tree: the declared shape is
     * checked against the size limit before its array is allocated, and the values are stored as they
     * arrive (at most the limit's worth when the data comes before the shape). The parser is left on
     * the value's last token, whatever the value was. Int64 values are kept exactly when
     * {@code integral} (index tensors).
     */
    public static StreamedTensor read(JsonParser p, String name, boolean integral) throws IOException {
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
                    capacity = declared >= limit ? 0 : declared;
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
        if (declared >= limit) {
            return problem(name, String.format("%s: shape %s has %d elements, at or above the limit of %d (--max-elements)",
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
        return new StreamedTensor(name, shape, floats, longs, null);
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

    private static StreamedTensor problem(String name, String message) {
        return new StreamedTensor(name, null, null, null, message);
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
}
