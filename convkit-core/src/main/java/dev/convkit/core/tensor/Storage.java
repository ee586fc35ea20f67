package dev.convkit.core.tensor;

import java.util.Arrays;

/**
 * Where the ops get the arrays of the tensors they return (outputs, gradients, indices). By default
 * each is a new array. A caller that runs the same shapes again and again, such as a training loop,
 * installs a {@link Source} on its thread, and the ops it calls from that thread draw their results
 * from it instead of the heap: nn's per-step arena does this, so that a steady-state training step
 * allocates almost nothing.
 *
 * <pre>{@code
 * float[] kept = new float[4];
 * Storage.Source reuse = new Storage.Source() {
 *     public float[] floats(int n) { return n == 4 ? kept : new float[n]; }
 *     public long[] longs(int n) { return new long[n]; }
 * };
 * try (Storage.Scope scope = Storage.use(reuse)) {
 *     assert Storage.floats(4) == kept;
 *     kept[0] = 7;
 *     assert Storage.zeros(4) == kept && kept[0] == 0; // zeros() clears what the source hands out
 * }
 * assert Storage.floats(4) != kept;                    // outside the scope: a new array
 * }</pre>
 */
public final class Storage {
    private static final ThreadLocal<Source> SOURCE = new ThreadLocal<>();

    private Storage() {
    }

    /** A supplier of result arrays; the arrays it hands out may hold anything. */
    public interface Source {
        /** An array of exactly {@code n} floats, contents arbitrary. */
        float[] floats(int n);

        /** An array of exactly {@code n} longs, contents arbitrary. */
        long[] longs(int n);
    }

    /** An installed source; closing it restores the one before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes the ops on this thread draw their results from {@code source} until the scope closes. */
    public static Scope use(Source source) {
        Source previous = SOURCE.get();
        SOURCE.set(source);
        return () -> {
            if (previous == null) {
                SOURCE.remove();
            } else {
                SOURCE.set(previous);
            }
        };
    }

    /** An array of {@code n} floats whose every element the caller will write: from this thread's source, else new. */
    public static float[] floats(int n) {
        Source source = SOURCE.get();
        return source == null ? new float[n] : source.floats(n);
    }

    /** An array of {@code n} zeros: from this thread's source (cleared), else new. */
    public static float[] zeros(int n) {
        Source source = SOURCE.get();
        if (source == null) {
            return new float[n];
        }
        float[] a = source.floats(n);
        Arrays.fill(a, 0f);
        return a;
    }

    /** An array of {@code n} longs whose every element the caller will write: from this thread's source, else new. */
    public static long[] longs(int n) {
        Source source = SOURCE.get();
        return source == null ? new long[n] : source.longs(n);
    }
}
