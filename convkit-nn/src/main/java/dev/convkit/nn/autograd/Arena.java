package dev.convkit.nn.autograd;

import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

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

    /** The arrays, recycled by exact length; also the core ops' source while a step is open. */
    private final Storage.Recycler recycler = new Storage.Recycler();

    /**
     * Opens the next step on this thread: everything lent out so far is taken back (the previous
     * step's values are dead from here on), and the ops draw from this arena until the scope closes.
     */
    public Scope step() {
        recycler.reclaim();
        Arena previous = ACTIVE.get();
        ACTIVE.set(this);
        Storage.Scope core = Storage.use(recycler);
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
        return arena == null ? new float[n] : arena.recycler.floats(n);
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
