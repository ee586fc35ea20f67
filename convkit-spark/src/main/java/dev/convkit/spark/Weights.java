package dev.convkit.spark;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Module;
import dev.convkit.nn.layers.Sequential;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's values as plain arrays (what is broadcast to the tasks): its architecture spec, then the
 * parameters and the buffers in state-dict order. Only convkit-nn's public API is used, so the flat
 * layout follows {@link Module#parameters()} and {@link Module#buffers()}.
 */
final class Weights implements Serializable {
    private static final long serialVersionUID = 1L;

    final String spec;
    /** Parameters first (count {@link #parameterArrays}), then the buffers. */
    final float[][] values;
    final int parameterArrays;

    Weights(String spec, float[][] values, int parameterArrays) {
        this.spec = spec;
        this.values = values;
        this.parameterArrays = parameterArrays;
    }

    /** A copy of the model's current values. */
    static Weights of(Sequential model) {
        List<float[]> all = new ArrayList<>();
        for (Variable p : model.parameters().values()) {
            all.add(p.value().data().clone());
        }
        int params = all.size();
        for (float[] b : model.buffers().values()) {
            all.add(b.clone());
        }
        return new Weights(model.spec(), all.toArray(new float[0][]), params);
    }

    /** Copies these values into a model of the same architecture (in place: no allocation). */
    void loadInto(Sequential model) {
        int i = 0;
        for (Variable p : model.parameters().values()) {
            float[] dst = p.value().data();
            System.arraycopy(values[i++], 0, dst, 0, dst.length);
        }
        for (float[] b : model.buffers().values()) {
            System.arraycopy(values[i++], 0, b, 0, b.length);
        }
    }

    /** The number of bytes of the values (what one broadcast carries, before compression). */
    long bytes() {
        long n = 0;
        for (float[] v : values) {
            n += 4L * v.length;
        }
        return n;
    }

    /** A model of this architecture per calling thread, loaded with these values. */
    Sequential model() {
        Sequential m = LOCAL.get().computeIfAbsent(spec, s -> Architecture.build(s, 0));
        loadInto(m);
        return m;
    }

    /** Tasks on one executor reuse their thread's model instead of rebuilding it every step. */
    private static final ThreadLocal<Map<String, Sequential>> LOCAL = ThreadLocal.withInitial(java.util.HashMap::new);
}
