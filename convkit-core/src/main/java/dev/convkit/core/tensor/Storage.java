package dev.convkit.core.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *     public int[] ints(int n) { return new int[n]; }
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

        /** An array of exactly {@code n} ints, contents arbitrary (the pools' int32 indices). */
        int[] ints(int n);
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

    /** An array of {@code n} ints whose every element the caller will write: from this thread's source, else new. */
    public static int[] ints(int n) {
        Source source = SOURCE.get();
        return source == null ? new int[n] : source.ints(n);
    }

    /**
     * An array of {@code n} floats that the parallel tasks filling it zero part by part ({@link
     * LazyZeros#clear}), each just before it writes its part: the clearing runs on every thread and
     * while the part is in cache, where {@link #zeros} clears a recycled array serially on the caller.
     * A new array comes zeroed from the heap, and then {@code clear} does nothing.
     */
    public static LazyZeros lazyZeros(int n) {
        Source source = SOURCE.get();
        return source == null ? new LazyZeros(new float[n], false) : new LazyZeros(source.floats(n), true);
    }

    /**
     * An array whose parts read as zeros once {@link #clear} has run on them.
     *
     * <pre>{@code
     * Storage.LazyZeros grad = Storage.lazyZeros(8);
     * grad.clear(0, 4);               // the task that owns elements 0..3 clears them, then writes
     * grad.array()[1] = 5;
     * grad.clear(4, 8);
     * assert Arrays.equals(grad.array(), new float[] {0, 5, 0, 0, 0, 0, 0, 0});
     * }</pre>
     */
    public static final class LazyZeros {
        private final float[] array;
        private final boolean dirty;

        private LazyZeros(float[] array, boolean dirty) {
            this.array = array;
            this.dirty = dirty;
        }

        /** The array; its parts not yet cleared may hold anything. */
        public float[] array() {
            return array;
        }

        /** Zeroes elements {@code [from, to)}, unless the array came zeroed. */
        public void clear(int from, int to) {
            if (dirty) {
                Arrays.fill(array, from, to, 0f);
            }
        }
    }

    /**
     * A source for a loop that runs the same shapes again and again: it hands out the arrays it lent
     * before once {@link #reclaim} declares them dead, matched by exact length. Single-threaded, like
     * the thread it is installed on. The bench times ops this way, as nn's per-step arena runs them
     * in training and as a native allocator hands a freed block back: a new Java array of activation
     * size is zeroed by the allocating thread in memory no cache has seen.
     *
     * <pre>{@code
     * Storage.Recycler recycler = new Storage.Recycler();
     * float[] first;
     * try (Storage.Scope scope = Storage.use(recycler)) {
     *     first = Storage.floats(16);
     *     recycler.reclaim();                 // everything lent so far is dead
     *     assert Storage.floats(16) == first; // handed out again
     *     assert Storage.floats(16) != first; // still lent: a new one
     * }
     * }</pre>
     */
    public static final class Recycler implements Source {
        private final Map<Integer, ArrayDeque<float[]>> freeFloats = new HashMap<>();
        private final List<float[]> lentFloats = new ArrayList<>();
        private final Map<Integer, ArrayDeque<int[]>> freeInts = new HashMap<>();
        private final List<int[]> lentInts = new ArrayList<>();

        @Override
        public float[] floats(int n) {
            ArrayDeque<float[]> same = freeFloats.get(n);
            float[] a = same == null || same.isEmpty() ? new float[n] : same.pop();
            lentFloats.add(a);
            return a;
        }

        @Override
        public int[] ints(int n) {
            ArrayDeque<int[]> same = freeInts.get(n);
            int[] a = same == null || same.isEmpty() ? new int[n] : same.pop();
            lentInts.add(a);
            return a;
        }

        /** Takes back every array lent so far: their contents are dead from here on. */
        public void reclaim() {
            for (float[] a : lentFloats) {
                freeFloats.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
            }
            lentFloats.clear();
            for (int[] a : lentInts) {
                freeInts.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
            }
            lentInts.clear();
        }
    }
}
