package dev.convkit.core.conv;

/**
 * A kernel's per-thread scratch array: it grows to the largest size any call asked for and is kept
 * across calls, so a convolution's tiles, padded bands and accumulators cost no allocation once warm.
 * Its contents are whatever the last user left.
 */
final class ThreadScratch {
    private final ThreadLocal<float[]> arrays = ThreadLocal.withInitial(() -> new float[0]);

    /** This thread's array, at least {@code size} floats long. */
    float[] atLeast(int size) {
        float[] a = arrays.get();
        if (a.length < size) {
            a = new float[size];
            arrays.set(a);
        }
        return a;
    }
}
