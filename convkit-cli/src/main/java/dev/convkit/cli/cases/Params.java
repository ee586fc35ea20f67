package dev.convkit.cli.cases;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.core.InvalidArgumentException;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A case's {@code params} object, read with the op's vocabulary: every getter names the op and the
 * parameter when a value has the wrong type, and {@link #allowOnly} rejects unknown keys (as Python
 * would reject an unexpected keyword argument).
 */
public final class Params {
    private final String op;
    private final JsonNode node;

    public Params(String op, JsonNode node) {
        this.op = op;
        if (node != null && !node.isNull() && !node.isObject()) {
            throw InvalidArgumentException.of("%s: params must be an object", op);
        }
        this.node = node == null || node.isNull() ? null : node;
    }

    /** Rejects any key not in {@code allowed}. */
    public Params allowOnly(String... allowed) {
        if (node == null) {
            return this;
        }
        Set<String> known = new TreeSet<>(java.util.List.of(allowed));
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw InvalidArgumentException.of("%s: unknown parameter '%s' (accepted: %s)",
                        op, name, String.join(", ", known));
            }
        }
        return this;
    }

    public boolean has(String name) {
        return node != null && node.has(name) && !node.get(name).isNull();
    }

    /** Whether the key is present, even as null. */
    public boolean present(String name) {
        return node != null && node.has(name);
    }

    public JsonNode raw(String name) {
        return node == null ? null : node.get(name);
    }

    /** An int or a list of ints; {@code fallback} when absent or null. */
    public int[] ints(String name, int[] fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (value.isArray()) {
            int[] out = new int[value.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toInt(name, value.get(i));
            }
            return out;
        }
        return new int[] {toInt(name, value)};
    }

    /** A list whose entries may be null (kept as {@code nullMarker}); a single int is one entry. */
    public int[] intsWithNulls(String name, int nullMarker) {
        JsonNode value = node.get(name);
        if (value.isArray()) {
            int[] out = new int[value.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = value.get(i).isNull() ? nullMarker : toInt(name, value.get(i));
            }
            return out;
        }
        return new int[] {toInt(name, value)};
    }

    public int integer(String name, int fallback) {
        return has(name) ? toInt(name, node.get(name)) : fallback;
    }

    public boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw InvalidArgumentException.of("%s: %s must be true or false, got %s", op, name, value);
        }
        return value.booleanValue();
    }

    /** A number; the strings "inf", "Infinity" and the bare token Infinity are accepted. */
    public double number(String name, double fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().trim().toLowerCase(Locale.ROOT);
            switch (text) {
                case "inf": case "infinity": case "+inf": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                case "nan": return Double.NaN;
                default:
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        break;
                    }
            }
        }
        throw InvalidArgumentException.of("%s: %s must be a number, got %s", op, name, value);
    }

    /** A number or a list of numbers. */
    public double[] numbers(String name) {
        JsonNode value = node.get(name);
        if (value.isArray()) {
            double[] out = new double[value.size()];
            for (int i = 0; i < out.length; i++) {
                if (!value.get(i).isNumber()) {
                    throw InvalidArgumentException.of("%s: %s must hold numbers, got %s", op, name, value);
                }
                out[i] = value.get(i).doubleValue();
            }
            return out;
        }
        return new double[] {number(name, Double.NaN)};
    }

    public String string(String name, String fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw InvalidArgumentException.of("%s: %s must be a string, got %s", op, name, value);
        }
        return value.textValue();
    }

    private int toInt(String name, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) <= Integer.MAX_VALUE) {
            return (int) value.doubleValue();
        }
        throw InvalidArgumentException.of("%s: %s must be an integer (or a list of integers) within int range, got %s",
                op, name, value);
    }
}
