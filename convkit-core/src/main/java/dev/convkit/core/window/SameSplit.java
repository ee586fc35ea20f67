package dev.convkit.core.window;

/**
 * Where padding 'same' puts the odd element of an odd total, as ONNX's {@code auto_pad} names it.
 *
 * <ul>
 *   <li>{@code UPPER} ({@code padding="same"}): at the end, as TensorFlow and ONNX SAME_UPPER, and as
 *       PyTorch for stride 1;</li>
 *   <li>{@code LOWER} ({@code padding="same_lower"}): at the start, as ONNX SAME_LOWER.</li>
 * </ul>
 *
 * <pre>{@code
 * assert Arrays.equals(Windows.samePadding(6, 3, 2, 1, SameSplit.UPPER), new int[] {0, 1});
 * assert Arrays.equals(Windows.samePadding(6, 3, 2, 1, SameSplit.LOWER), new int[] {1, 0});
 * }</pre>
 */
public enum SameSplit {
    UPPER, LOWER;

    /** {@code total} split into {@code {start, end}}, the odd element on this side. */
    public long[] split(long total) {
        long half = total / 2;
        return this == UPPER ? new long[] {half, total - half} : new long[] {total - half, half};
    }
}
