package dev.convkit.core.op;

import dev.convkit.core.InvalidArgumentException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The checked parameters of one op call: every key is one of the op's {@link Param}s, every value
 * has its declared type, every required parameter is there, and absent ones read as their defaults.
 * Made by {@link Op#params}.
 *
 * <pre>{@code
 * Op pool = Catalogue.require("max_pool2d");
 * Params p = pool.params(Map.of("kernel_size", 2, "stride", 1));
 * assert Arrays.equals(p.ints("kernel_size"), new int[] {2});
 * assert !p.bool("ceil_mode"); // the default
 * try {
 *     pool.params(Map.of("kernel", 2));
 *     throw new AssertionError();
 * } catch (InvalidArgumentException e) {
 *     assert e.getMessage().startsWith("max_pool2d: unknown parameter 'kernel'");
 * }
 * }</pre>
 */
public final class Params {
    private final Op op;
    private final Map<String, Object> values;

    Params(Op op, Map<String, ?> raw) {
        this.op = op;
        Map<String, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : raw.entrySet()) {
            Param param = op.param(entry.getKey());
            if (param == null) {
                TreeSet<String> accepted = new TreeSet<>();
                op.params().forEach(p -> accepted.add(p.name()));
                throw InvalidArgumentException.of("%s: unknown parameter '%s' (accepted: %s)",
                        op.name(), entry.getKey(), String.join(", ", accepted));
            }
            if (entry.getValue() != null) {
                typed.put(param.name(), param.type().coerce(op.name(), param.name(), entry.getValue()));
            }
        }
        for (Param param : op.params()) {
            if (param.required() && !typed.containsKey(param.name())) {
                throw InvalidArgumentException.of("%s: %s is required", op.name(), param.name());
            }
        }
        this.values = Collections.unmodifiableMap(typed);
    }

    /** The op these parameters are for. */
    public Op op() {
        return op;
    }

    /** Whether the call gave the parameter (a null value counts as not given). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The typed value, or the parameter's default. */
    public Object get(String name) {
        Param param = op.param(name);
        if (param == null) {
            throw new IllegalArgumentException(op.name() + " has no parameter " + name);
        }
        Object value = values.get(name);
        return value != null ? value : param.defaultValue();
    }

    /** An {@link ParamType#INTS} value (null when absent without a default). */
    public int[] ints(String name) {
        int[] v = (int[]) get(name);
        return v == null ? null : v.clone();
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    /** An {@link ParamType#INT} value, or null when absent without a default. */
    public Integer optionalInteger(String name) {
        return (Integer) get(name);
    }

    public long longValue(String name) {
        return (Long) get(name);
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public double number(String name) {
        return (Double) get(name);
    }

    public double[] numbers(String name) {
        double[] v = (double[]) get(name);
        return v == null ? null : v.clone();
    }

    public String string(String name) {
        return (String) get(name);
    }

    /** The values the call gave, typed, by name. */
    public Map<String, Object> given() {
        return values;
    }
}
