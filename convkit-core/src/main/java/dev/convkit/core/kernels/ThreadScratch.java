package dev.convkit.core.kernels;

/**
 * A kernel's per-thread scratch arrays: each grows to the largest size any call on its thread asked
 * for and is kept across calls, so a kernel's tiles, padded bands, row buffers and accumulators cost
 * no allocation once warm. (Allocating them per call or per task is not free: a pool that took 6 MB of
 * fresh per-task rows every call ran 4x slower while the young generation's pages were still untouched.)
 * Contents are whatever the last user on the thread left. One instance serves one role: two buffers a
 * kernel needs at once come from two instances, so that neither overwrites the other.
 *
 * <pre>{@code
 * ThreadScratch rows = new ThreadScratch();
 * float[] a = rows.floats(100);
 * assert a.length >= 100 && rows.floats(50) == a;   // kept, and large enough
 * assert rows.floats(200).length >= 200;            // grown when a call needs more
 * assert rows.ints(8).length >= 8 && rows.doubles(8).length >= 8;
 * }</pre>
 */
public final class ThreadScratch {
    private final ThreadLocal<float[]> floats = ThreadLocal.withInitial(() -> new float[0]);
    private final ThreadLocal<double[]> doubles = ThreadLocal.withInitial(() -> new double[0]);
    private final ThreadLocal<int[]> ints = ThreadLocal.withInitial(() -> new int[0]);

    /** This thread's float array, at least {@code size} long. */
    public float[] floats(int size) {
        float[] a = floats.get();
        if (a.length < size) {
            a = new float[size];
            floats.set(a);
        }
        return a;
    }

    /** This thread's double array, at least {@code size} long. */
    public double[] doubles(int size) {
        double[] a = doubles.get();
        if (a.length < size) {
            a = new double[size];
            doubles.set(a);
        }
        return a;
    }

    /** This thread's int array, at least {@code size} long. */
    public int[] ints(int size) {
        int[] a = ints.get();
        if (a.length < size) {
            a = new int[size];
            ints.set(a);
        }
        return a;
    }
}
