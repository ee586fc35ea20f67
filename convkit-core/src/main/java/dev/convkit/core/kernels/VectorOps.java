package dev.convkit.core.kernels;

/**
 * Vector primitives for the kernels that are not GEMMs (depthwise convolution, pooling): the scalar
 * versions below, or Vector API ones from the Panama provider. Each sums in one fixed order, so
 * results are reproducible.
 */
public interface VectorOps {
    /** {@code y[yo + i] += a * x[xo + i]} for {@code i < n}. */
    void axpy(float a, float[] x, int xo, float[] y, int yo, int n);

    /** {@code Σ x[xo + i] * y[yo + i]} for {@code i < n}. */
    float dot(float[] x, int xo, float[] y, int yo, int n);

    /** {@code Σ x[xo + i]} for {@code i < n}. */
    default float sum(float[] x, int xo, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    /**
     * Max pooling along one output row of a 2-d plane: output j ({@code j < count}) covers input rows
     * {@code h0 .. h0+kh-1} and columns {@code col0 + j*stride .. + kw-1}, all inside the plane.
     * Writes the maximum to {@code out[outOff + j]} and, when {@code indices} is not null, the flat
     * plane index of the selected element, by PyTorch's rule (row-major scan, first maximum, last NaN).
     */
    default void windowMaxRow(float[] in, int inBase, int width, int h0, int kh, int col0, int kw, int stride, int count,
                              float[] out, int outOff, long[] indices) {
        for (int j = 0; j < count; j++) {
            int first = h0 * width + col0 + j * stride;
            // constant trip counts for the common 2x2 and 3x3 windows, so that the JIT unrolls them
            int bestIndex = kh == 2 && kw == 2 ? argmax(in, inBase, first, width, 2, 2)
                    : kh == 3 && kw == 3 ? argmax(in, inBase, first, width, 3, 3) : argmax(in, inBase, first, width, kh, kw);
            out[outOff + j] = in[inBase + bestIndex];
            if (indices != null) {
                indices[outOff + j] = bestIndex;
            }
        }
    }

    /** The flat index of the kh×kw window at {@code first} that PyTorch's rule selects (first maximum, last NaN). */
    private static int argmax(float[] in, int inBase, int first, int width, int kh, int kw) {
        float best = in[inBase + first];
        int bestIndex = first;
        for (int r = 0; r < kh; r++) {
            for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                int i = first + r * width + c;
                float v = in[inBase + i];
                boolean take = (v > best) | (v != v);
                best = take ? v : best;
                bestIndex = take ? i : bestIndex;
            }
        }
        return bestIndex;
    }

    /**
     * Window sums along one output row of a 2-d plane, the windows as in {@link #windowMaxRow}:
     * {@code out[outOff + j] = Σ} over the window, added row by row in row-major order.
     */
    default void windowSumRow(float[] in, int inBase, int width, int h0, int kh, int col0, int kw, int stride, int count,
                              float[] out, int outOff) {
        for (int j = 0; j < count; j++) {
            int first = inBase + h0 * width + col0 + j * stride;
            float sum = 0;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    sum += in[first + r * width + c];
                }
            }
            out[outOff + j] = sum;
        }
    }

    /**
     * The backward of {@link #windowSumRow}: every element of output j's window receives
     * {@code perWindow[pOff + j]}, added into {@code grad}.
     */
    default void windowSpreadRow(float[] perWindow, int pOff, float[] grad, int gBase, int width, int h0, int kh, int col0,
                                 int kw, int stride, int count) {
        for (int j = 0; j < count; j++) {
            int first = gBase + h0 * width + col0 + j * stride;
            float g = perWindow[pOff + j];
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    grad[first + r * width + c] += g;
                }
            }
        }
    }

    /** The plain-Java versions. */
    VectorOps SCALAR = new VectorOps() {
        @Override
        public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) {
                y[yo + i] += a * x[xo + i];
            }
        }

        @Override
        public float dot(float[] x, int xo, float[] y, int yo, int n) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                s0 += x[xo + i] * y[yo + i];
                s1 += x[xo + i + 1] * y[yo + i + 1];
                s2 += x[xo + i + 2] * y[yo + i + 2];
                s3 += x[xo + i + 3] * y[yo + i + 3];
                s4 += x[xo + i + 4] * y[yo + i + 4];
                s5 += x[xo + i + 5] * y[yo + i + 5];
                s6 += x[xo + i + 6] * y[yo + i + 6];
                s7 += x[xo + i + 7] * y[yo + i + 7];
            }
            for (; i < n; i++) {
                s0 += x[xo + i] * y[yo + i];
            }
            return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
    };
}
