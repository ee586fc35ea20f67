package dev.convkit.nn.autograd;

import dev.convkit.core.tensor.Storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Storage for one training step, reused by the next: while a step's scope is open on a thread, the
 * ops of {@link Ops} take their outputs, masks and gradients from the arena instead of the heap, and
 * so do the core ops they call (the arena is the thread's {@link Storage} source).
 * Opening the next step's scope hands every array of the previous step out again, so a steady-state
 * step allocates (almost) nothing; nothing a step computed may be read after the next one starts.
 * The shapes of a training loop repeat, so arrays are recycled by exact length.
 *
 * <pre>{@code
 * Arena arena = new Arena();
 * float[] first;
 * try (Arena.Scope step = arena.step()) {
 *     first = Arena.floats(100);       // from the heap: the arena is empty
 * }
 * try (Arena.Scope step = arena.step()) {
 *     assert Arena.floats(100) == first; // the previous step's array again
 * }
 * assert Arena.floats(100) != first;     // no scope open: a fresh array
 * }</pre>
 */
public final class Arena {
    private static final ThreadLocal<Arena> ACTIVE = new ThreadLocal<>();

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> lent = new ArrayList<>();
    private final Map<Integer, ArrayDeque<long[]>> freeLongs = new HashMap<>();
    private final List<long[]> lentLongs = new ArrayList<>();
    /** The core ops' view of this arena: their outputs, gradients and indices come from it too. */
    private final Storage.Source source = new Storage.Source() {
        @Override
        public float[] floats(int n) {
            return take(n);
        }

        @Override
        public long[] longs(int n) {
            ArrayDeque<long[]> same = freeLongs.get(n);
            long[] a = same == null || same.isEmpty() ? new long[n] : same.pop();
            lentLongs.add(a);
            return a;
        }
    };

    /**
     * Opens the next step on this thread: everything lent out so far is taken back (the previous
     * step's values are dead from here on), and the ops draw from this arena until the scope closes.
     */
    public Scope step() {
        for (float[] a : lent) {
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        }
        lent.clear();
        for (long[] a : lentLongs) {
            freeLongs.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        }
        lentLongs.clear();
        Arena previous = ACTIVE.get();
        ACTIVE.set(this);
        Storage.Scope core = Storage.use(source);
        return () -> {
            core.close();
            ACTIVE.set(previous);
        };
    }

    /** Whether a step's scope is open on this thread. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }

    /** An array of {@code n} floats with arbitrary contents: from the open step's arena, else new. */
    public static float[] floats(int n) {
        Arena arena = ACTIVE.get();
        if (arena == null) {
            return new float[n];
        }
        return arena.take(n);
    }

    private float[] take(int n) {
        ArrayDeque<float[]> same = free.get(n);
        float[] a = same == null || same.isEmpty() ? new float[n] : same.pop();
        lent.add(a);
        return a;
    }

    /** An array of {@code n} zeros: from the open step's arena, else new. */
    public static float[] zeros(int n) {
        float[] a = floats(n);
        if (active()) {
            Arrays.fill(a, 0f);
        }
        return a;
    }

    /** A step's scope; closing it stops drawing from the arena (the arrays stay valid until the next step). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
