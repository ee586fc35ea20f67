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

    /**
     * {@code sums[so + t] += dot(y, yo, x, xo + offsets[from + t], n)} for {@code t < count}: one response's
     * columns against several taps of the same padded plane (the depthwise weight gradient), each dot the
     * same float as {@link #dot}'s, added in tap order.
     */
    default void addDots(float[] y, int yo, float[] x, int xo, int[] offsets, int from, int count, int n,
                         double[] sums, int so) {
        for (int t = 0; t < count; t++) {
            sums[so + t] += dot(y, yo, x, xo + offsets[from + t], n);
        }
    }

    /** {@code Σ x[xo + i]} for {@code i < n}. */
    default float sum(float[] x, int xo, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    /**
     * {@code out[i] = x[i]^p} for i in [from, from + n), in double: LP pooling's general powers. Math.pow here; the
     * Panama ops evaluate exp(p·ln x) with polynomials (relative error below 1e-13).
     */
    default void powers(float[] x, int from, int n, double p, double[] out) {
        for (int i = from; i < from + n; i++) {
            out[i] = Math.pow(x[i], p);
        }
    }

    /**
     * {@code out[to + i] = GeneralPowers.of(x[from + i], p)} for {@code i < n}, p &gt; 0: LP pooling's fractional powers
     * to float accuracy, float in and float out (the Panama ops compute the same bits a vector at a time).
     */
    default void generalPowers(float[] x, int from, float[] out, int to, int n, double p) {
        for (int i = 0; i < n; i++) {
            out[to + i] = GeneralPowers.of(x[from + i], p);
        }
    }

    /*
     * The pooling row kernels. One output row of a plane: output j (j < count) reads, in each of the kr
     * input rows that start at plane offsets rows[0..kr) (in window order), the columns
     * col0 + j*stride .. + kw-1, all inside the plane, which starts at in[planeBase]. Windows are
     * scanned row by row, column by column: PyTorch's order.
     */

    /**
     * Max pooling along one output row (see above): writes the maximum to {@code out[outOff + j]} and,
     * when {@code indices} is not null, the plane offset of the selected element, by PyTorch's rule
     * (first maximum, last NaN).
     */
    default void windowMaxRow(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int stride, int count,
                              float[] out, int outOff, int[] indices) {
        for (int j = 0; j < count; j++) {
            maxWindowWithIndex(in, planeBase, rows, 0, kr, col0 + j * stride, kw, out, outOff + j, indices);
        }
    }

    /**
     * One window of {@link #windowMaxRow}: the rows {@code rows[at..at+kr)}, columns {@code col..col+kw-1}; writes the
     * maximum to {@code out[o]} and, when {@code indices} is not null, its plane offset to {@code indices[o]}.
     */
    static void maxWindowWithIndex(float[] in, int planeBase, int[] rows, int at, int kr, int col, int kw, float[] out,
                                   int o, int[] indices) {
        float best = in[planeBase + rows[at] + col];
        int bestIndex = rows[at] + col;
        for (int r = 0; r < kr; r++) {
            for (int c = r == 0 ? 1 : 0; c < kw; c++) {
                int i = rows[at + r] + col + c;
                float v = in[planeBase + i];
                // branch-free selects: on real data the comparison is a coin flip
                boolean take = (v > best) | (v != v);
                best = take ? v : best;
                bestIndex = take ? i : bestIndex;
            }
        }
        out[o] = best;
        if (indices != null) {
            indices[o] = bestIndex;
        }
    }

    /**
     * {@link #windowMaxRow} for windows at irregular columns (fractional pooling): output j reads the
     * kw columns from {@code starts[j]} in each of the kr rows. {@code starts} runs on past {@code count}
     * entries (any valid columns) by at least a vector's lane count.
     */
    default void windowMaxRowAt(float[] in, int planeBase, int[] rows, int kr, int[] starts, int kw, int count,
                                float[] out, int outOff, int[] indices) {
        for (int j = 0; j < count; j++) {
            windowMaxRow(in, planeBase, rows, kr, starts[j], kw, 1, 1, out, outOff + j, indices);
        }
    }

    /** Window sums along one output row (see above), added in window order from 0. */
    default void windowSumRow(float[] in, int planeBase, int[] rows, int kr, int col0, int kw, int stride, int count,
                              float[] out, int outOff) {
        for (int j = 0; j < count; j++) {
            int col = planeBase + col0 + j * stride;
            float sum = 0;
            for (int r = 0; r < kr; r++) {
                for (int c = 0; c < kw; c++) {
                    sum += in[rows[r] + col + c];
                }
            }
            out[outOff + j] = sum;
        }
    }

    /**
     * Winograd F(4, 3)'s input transform Bᵀ along one axis, element-wise over n positions: with
     * {@code d_s = in[x_s + i]}, writes the six points of {@code Bᵀ d} to {@code out[o + k*step + i]}.
     * {@code out}'s range must not overlap the inputs.
     */
    default void winogradInput(float[] in, int x0, int x1, int x2, int x3, int x4, int x5, float[] out, int o, int step,
                               int n) {
        for (int i = 0; i < n; i++) {
            winogradInputAt(in, x0 + i, x1 + i, x2 + i, x3 + i, x4 + i, x5 + i, out, o + i, step);
        }
    }

    /** One position of {@link #winogradInput}; vector implementations use it for their tails, so they round alike. */
    static void winogradInputAt(float[] in, int x0, int x1, int x2, int x3, int x4, int x5, float[] out, int o, int step) {
        float d0 = in[x0];
        float d1 = in[x1];
        float d2 = in[x2];
        float d3 = in[x3];
        float d4 = in[x4];
        float d5 = in[x5];
        out[o] = 4 * d0 - 5 * d2 + d4;
        out[o + step] = d3 + d4 - 4 * (d1 + d2);
        out[o + 2 * step] = 4 * (d1 - d2) + d4 - d3;
        out[o + 3 * step] = 2 * (d3 - d1) + d4 - d2;
        out[o + 4 * step] = 2 * (d1 - d3) + d4 - d2;
        out[o + 5 * step] = 4 * d1 - 5 * d3 + d5;
    }

    /**
     * Winograd F(4, 3)'s output transform Aᵀ along one axis, element-wise over n positions: with
     * {@code m_s = in[x + s*inStep + i]}, writes the four outputs of {@code Aᵀ m} to {@code out[o + k*outStep + i]}.
     * {@code out}'s range must not overlap the inputs.
     */
    default void winogradOutput(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            winogradOutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    /** One position of {@link #winogradOutput}. */
    static void winogradOutputAt(float[] in, int x, int inStep, float[] out, int o, int outStep) {
        float m0 = in[x];
        float m1 = in[x + inStep];
        float m2 = in[x + 2 * inStep];
        float m3 = in[x + 3 * inStep];
        float m4 = in[x + 4 * inStep];
        float m5 = in[x + 5 * inStep];
        float s12 = m1 + m2;
        float d12 = m1 - m2;
        float s34 = m3 + m4;
        float d34 = m3 - m4;
        out[o] = m0 + s12 + s34;
        out[o + outStep] = d12 + 2 * d34;
        out[o + 2 * outStep] = s12 + 4 * s34;
        out[o + 3 * outStep] = d12 + 8 * d34 + m5;
    }

    /**
     * The transpose that writes F(4×4, 3×3)'s tiles back into the response's rows: for each group g of four lanes
     * whose {@code target[g]} is not negative, {@code out[target[g] + base + 4i + q] = z[zo + q*zStep + 4g + i]}
     * (i, q in 0..3), the 16-float row segment of four tiles side by side. Other groups are left to the caller.
     */
    default void interleave4(float[] z, int zo, int zStep, int[] target, int groups, int base, float[] out) {
        for (int g = 0; g < groups; g++) {
            interleave4Group(z, zo, zStep, target, g, base, out);
        }
    }

    /** Group g of {@link #interleave4}. */
    static void interleave4Group(float[] z, int zo, int zStep, int[] target, int g, int base, float[] out) {
        if (target[g] < 0) {
            return;
        }
        int d = target[g] + base;
        for (int i = 0; i < 4; i++) {
            for (int q = 0; q < 4; q++) {
                out[d + 4 * i + q] = z[zo + q * zStep + 4 * g + i];
            }
        }
    }

    /**
     * Whether {@link #interleave4Part} stores with vectors, so that F(4×4)'s tiles at a response's right edge go through
     * it (c2t50); false: the caller writes them element by element, as before.
     */
    default boolean interleave4Parts() {
        return false;
    }

    /**
     * The first {@code width} floats of {@link #interleave4}'s row segment for the four lanes from {@code lane}: four
     * tiles side by side whose last is cut by the response's right edge, {@code out[dst + 4i + q] = z[zo + q*zStep +
     * lane + i]} for {@code 4i + q < width}; nothing past them is written. A vector implementation may read the sources'
     * lanes up to {@code lane + 15}.
     */
    default void interleave4Part(float[] z, int zo, int zStep, int lane, int width, float[] out, int dst) {
        for (int j = 0; j < width; j++) {
            out[dst + j] = z[zo + (j & 3) * zStep + lane + (j >> 2)];
        }
    }

    /*
     * The vertical halves of separable pooling: a window's rows reduced column by column into a short
     * row first (contiguous, so vectorized at any stride), then the short row reduced across each
     * window's columns. Used where the row kernels above have no vector form (stride 3 and more,
     * adaptive windows). Their outputs have room for {@link #ROW_PADDING} entries past n, so that
     * vector implementations store whole vectors.
     */

    /** More than the widest vector's lane count. */
    int ROW_PADDING = 64;

    /**
     * Column-wise max over kr input rows: for c &lt; n, {@code best[c]} is the element of column
     * {@code col0 + c} selected over rows[0..kr) in row order by PyTorch's rule (first maximum, last
     * NaN; by |x| when {@code absolute}, which also outputs |x|), and {@code bestRow[c]} its r (when
     * not null).
     */
    default void maxOfRows(float[] in, int planeBase, int[] rows, int kr, int col0, int n, boolean absolute, float[] best,
                           int[] bestRow) {
        maxOfRowsLaneByLane(in, planeBase, rows, kr, col0, 0, n, absolute, best, bestRow);
    }

    /**
     * {@link #maxOfRows} for the columns c in [from, to) only, one at a time: the scalar rule that the
     * vector implementations also use for the columns their whole-vector loads cannot reach.
     */
    static void maxOfRowsLaneByLane(float[] in, int planeBase, int[] rows, int kr, int col0, int from, int to,
                                    boolean absolute, float[] best, int[] bestRow) {
        for (int c = from; c < to; c++) {
            int col = planeBase + col0 + c;
            float b = absolute ? Math.abs(in[rows[0] + col]) : in[rows[0] + col];
            int br = 0;
            for (int r = 1; r < kr; r++) {
                float v = absolute ? Math.abs(in[rows[r] + col]) : in[rows[r] + col];
                boolean take = (v > b) | (v != v);
                b = take ? v : b;
                br = take ? r : br;
            }
            best[c] = b;
            if (bestRow != null) {
                bestRow[c] = br;
            }
        }
    }

    /** Column-wise sums over kr input rows: {@code sum[c] = Σ in[rows[r] + col0 + c]}, added in row order from 0. */
    default void sumOfRows(float[] in, int planeBase, int[] rows, int kr, int col0, int n, float[] sum) {
        sumOfRowsLaneByLane(in, planeBase, rows, kr, col0, 0, n, sum);
    }

    /** {@link #sumOfRows} for the columns c in [from, to) only, one at a time (the vector implementations' tail). */
    static void sumOfRowsLaneByLane(float[] in, int planeBase, int[] rows, int kr, int col0, int from, int to, float[] sum) {
        for (int c = from; c < to; c++) {
            int col = planeBase + col0 + c;
            float s = 0;
            for (int r = 0; r < kr; r++) {
                s += in[rows[r] + col];
            }
            sum[c] = s;
        }
    }

    /** {@code x^e} for a whole {@code e ≥ 0} by repeated squaring in double: as exact as a float result needs. */
    static double wholePower(double x, int e) {
        double result = 1;
        double base = x;
        for (; e > 0; e >>= 1) {
            if ((e & 1) != 0) {
                result *= base;
            }
            base *= base;
        }
        return result;
    }

    /** {@code out[to + i] = (float) wholePower(x[from + i], e)} for {@code i < n}. */
    default void wholePowers(float[] x, int from, float[] out, int to, int n, int e) {
        for (int i = 0; i < n; i++) {
            out[to + i] = (float) wholePower(x[from + i], e);
        }
    }

    /**
     * {@code x^(e + ½)} as {@code x^e · √x} in double, x's -0 taken as +0 (so that -0 gives +0, as
     * Math.pow does); a negative x gives NaN, as a fractional power does. Math.pow's exp and log are the
     * cost of a general p; a half-whole p (1.5, 2.5, ...) needs one square root.
     */
    static double halfWholePower(double x, int e) {
        double nonNegativeZero = x + 0.0;
        return wholePower(nonNegativeZero, e) * Math.sqrt(nonNegativeZero);
    }

    /** {@code out[to + i] = (float) halfWholePower(x[from + i], e)} for {@code i < n}. */
    default void halfWholePowers(float[] x, int from, float[] out, int to, int n, int e) {
        for (int i = 0; i < n; i++) {
            out[to + i] = (float) halfWholePower(x[from + i], e);
        }
    }

    /**
     * LP pooling's last backward step: {@code grad[i] = (float) (grad[i] · (p · x[i]^q))} for i in
     * [from, from + n), with {@code x^q} as {@link #wholePower} of e, or as {@link #halfWholePower} of e
     * when {@code half}; in double, rounded once. A NaN result is {@link Float#NaN}: which operand's NaN a
     * product keeps depends on the operand order, which compiled code may swap.
     */
    default void timesPowerSlopes(float[] grad, float[] x, int from, int n, double p, int e, boolean half) {
        for (int i = from; i < from + n; i++) {
            float g = (float) (grad[i] * (p * (half ? halfWholePower(x[i], e) : wholePower(x[i], e))));
            grad[i] = g != g ? Float.NaN : g;
        }
    }

    /** {@code out[to + i] = x[from + i]²} in float, for {@code i < n}. */
    default void squares(float[] x, int from, float[] out, int to, int n) {
        for (int i = 0; i < n; i++) {
            out[to + i] = x[from + i] * x[from + i];
        }
    }

    /** Whether no {@code |x[from + i]| >= limit} for {@code i < n}: a NaN passes, as it is not at or above anything. */
    default boolean noneAtOrAbove(float[] x, int from, int n, float limit) {
        for (int i = from; i < from + n; i++) {
            if (Math.abs(x[i]) >= limit) {
                return false;
            }
        }
        return true;
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

    /**
     * A short-reduction correlation over contiguous columns, several response channels at once:
     * {@code out[oo + co*outStride + j] = Σ_k w[wo + co*wStride + k] * x[tapStarts[k] + j]} for
     * co < channels, j < n, summed over k < taps in order. Vector versions hold a block of channels ×
     * columns in registers across all the taps.
     */
    default void convColumns(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                             float[] out, int oo, int outStride, int n) {
        for (int co = 0; co < channels; co++) {
            int o = oo + co * outStride;
            java.util.Arrays.fill(out, o, o + n, 0f);
            for (int k = 0; k < taps; k++) {
                float a = w[wo + co * wStride + k];
                int xs = tapStarts[k];
                for (int j = 0; j < n; j++) {
                    out[o + j] += a * x[xs + j];
                }
            }
        }
    }

    /**
     * {@link #convColumns} for long runs of columns (stem21: a stride-2 first layer's band of phase-plane positions):
     * the same sums in the same order, so the same bits; vector versions hold fewer channels × more columns per
     * block, which broadcasts fewer weights per multiply-add.
     */
    default void convLongColumns(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                 float[] out, int oo, int outStride, int n) {
        convColumns(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
    }

    /**
     * stem59: whether {@link #convLongColumnRows} runs vectorised for rows of {@code rowWidth} columns (then a stride-2
     * stem's band goes straight into the response's rows, with no band of sums to copy out); false in the scalar loops.
     */
    default boolean longColumnRowsFit(int rowWidth) {
        return false;
    }

    /** Floats of {@link #convLongColumnRows}' tile: a block of 4 channels × 6 vectors of 16 lanes. */
    int LONG_COLUMN_ROWS_TILE = 4 * 6 * 16;

    /**
     * stem59: {@link #convLongColumns} with column p (row p / pitch, column p % pitch, columns at or past
     * {@code rowWidth} dropped) stored at {@code out[oo + c·outStride + (p / pitch)·rowWidth + p % pitch]}: the same
     * sums. {@code tile} is scratch of {@link #LONG_COLUMN_ROWS_TILE} floats (a block's sums, cut at the rows' ends).
     * This default (a reference for the tests) goes through a band of sums; only a {@link #longColumnRowsFit}
     * implementation is called by the stem.
     */
    default void convLongColumnRows(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                    float[] out, int oo, int outStride, int n, int pitch, int rowWidth, float[] tile) {
        float[] sums = new float[channels * n];
        convLongColumns(x, tapStarts, taps, w, wo, wStride, channels, sums, 0, n, n);
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < n; p += pitch) {
                System.arraycopy(sums, c * n + p, out, oo + c * outStride + p / pitch * rowWidth,
                        Math.min(rowWidth, n - p));
            }
        }
    }

    /**
     * stem57 / stem58: whether {@link #convChannelRow} runs vectorised for rows of {@code n} positions into
     * {@code channels} over {@code taps} taps
     * (then a stride-2 stem's rows run there, not on {@link #convLongColumns}; stem61: StemConv asks it of 32
     * channels and runs 64-256 as parts of 32); false in the scalar loops.
     */
    default boolean channelRowFits(int channels, int taps, int n) {
        return false;
    }

    /**
     * stem57: one response row of a stride-2 stem from its phase planes with the channels in the lanes,
     * {@code out[o + c·outStride + p] = Σ_k wt[k·channels + c] · x[tapStarts[k] + x0 + p]} for p < n, c < channels,
     * each sum a chain of fused multiply-adds over k in order from zero ({@link #convLongColumns}' vector bits, not the
     * scalar loops' multiply-then-add: this default is a reference for the tests, and only a {@link #channelRowFits}
     * implementation is called), written through the position-major {@code tile} (n · channels floats) and
     * {@link #transposeTile}. The weights come packed by tap ({@code wt[k·channels + c]}): a vector of channels is one
     * load.
     */
    default void convChannelRow(float[] x, int[] tapStarts, int taps, int x0, float[] wt, int channels, int n,
                                float[] tile, float[] out, int o, int outStride) {
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < channels; c++) {
                float sum = 0f;
                for (int k = 0; k < taps; k++) {
                    sum = Math.fma(wt[k * channels + c], x[tapStarts[k] + x0 + p], sum);
                }
                tile[p * channels + c] = sum;
            }
        }
        transposeTile(tile, channels, n, channels, out, o, outStride);
    }

    /** Positions a {@link #convChannelBlock} call computes. */
    int CHANNEL_BLOCK_POSITIONS = 6;

    /**
     * c5s2-24: a block of {@code width} (16, 32 or 48) output channels × {@value #CHANNEL_BLOCK_POSITIONS} positions of a
     * stride-2 direct convolution, the input broadcast and the weights packed by reduction index, channels contiguous:
     * {@code out[oo + p·width + o] (+)= Σ_{k < kc} w[wo + k·width + o] · x[(p < split ? first : second) + 2p + taps[t0 + k]]}
     * (positions two columns apart; those from {@code split} on, past a response row end, from another base), summed
     * over k in order ({@code +=} onto {@code out} where {@code accumulate}): the GEMM micro-kernel's sums for one
     * reduction block, so the same bits as its path. Vector versions hold the block in registers across the taps.
     */
    default void convChannelBlock(float[] x, int first, int second, int split, int[] taps, int t0, int kc, float[] w,
                                  int wo, int width, float[] out, int oo, boolean accumulate) {
        for (int p = 0; p < CHANNEL_BLOCK_POSITIONS; p++) {
            int row = oo + p * width;
            int at = (p < split ? first : second) + 2 * p;
            if (!accumulate) {
                java.util.Arrays.fill(out, row, row + width, 0f);
            }
            for (int k = 0; k < kc; k++) {
                float v = x[at + taps[t0 + k]];
                int wk = wo + k * width;
                for (int o = 0; o < width; o++) {
                    out[row + o] += w[wk + o] * v;
                }
            }
        }
    }

    /** Most positions a {@link #convGroupLanes} call computes. */
    int GROUP_LANE_POSITIONS = 14;

    /**
     * grp27: {@code width} response channels of one group (16 on AVX-512, one vector) × {@code positions} (at most
     * {@value #GROUP_LANE_POSITIONS}) neighbouring positions of a unit-stride direct convolution, the input broadcast
     * and the weights packed by reduction index, channels contiguous:
     * {@code out[oo + p·width + o] (+)= Σ_{k < kc} w[wo + k·width + o] · x[first + p + taps[t0 + k]]}, summed over k in
     * order ({@code +=} onto {@code out} where {@code accumulate}): the GEMM micro-kernel's sums for one reduction
     * block, so the same bits as its path. Vector versions hold the block in registers across the taps.
     */
    default void convGroupLanes(float[] x, int first, int positions, int[] taps, int t0, int kc, float[] w, int wo,
                                int width, float[] out, int oo, boolean accumulate) {
        for (int p = 0; p < positions; p++) {
            int row = oo + p * width;
            if (!accumulate) {
                java.util.Arrays.fill(out, row, row + width, 0f);
            }
            for (int k = 0; k < kc; k++) {
                float v = x[first + p + taps[t0 + k]];
                int wk = wo + k * width;
                for (int o = 0; o < width; o++) {
                    out[row + o] += w[wk + o] * v;
                }
            }
        }
    }

    /**
     * grp28: {@link #convGroupLanes} where the taps of the reduction come in kernel rows of {@code rowTaps} at unit
     * spacing ({@code taps[i + 1] = taps[i] + 1} within a row; rows start at the indices that are multiples of
     * {@code rowTaps}, counted from 0): the same sums in the same order. Vector versions broadcast each input value of
     * a row once for its {@code rowTaps} weights (a position's tap t is the next position's tap t - 1); {@code
     * rowTaps} 0: no rows.
     */
    default void convGroupLaneRows(float[] x, int first, int positions, int[] taps, int t0, int kc, int rowTaps,
                                   float[] w, int wo, int width, float[] out, int oo, boolean accumulate) {
        convGroupLanes(x, first, positions, taps, t0, kc, w, wo, width, out, oo, accumulate);
    }

    /**
     * grp29: the weight gradient of a short group in the lanes form, a call's share of it (an image's): for the {@code count}
     * accumulator rows a (an image channel's kernel row, {@code kw} taps), tap t and lane c,
     * {@code acc[ao + (a·kw + t)·LANES + c] += Σ_y Σ_j dy[dyo + (y·width + j)·LANES + c] · x[xo[a] + y·xPitch + j + t]} over
     * the {@code rows} response rows y and {@code width} columns j (LANES = {@link #channelLanes()}: the group's
     * response channels in the lanes, {@code dy} position-major), one FMA a term, y then j in order, from zero, the
     * call's sum then added to {@code acc} (a short sum an image: the error of one long one was 5-8x larger). Vector versions
     * broadcast each input value once for the taps it meets; the sums are the same.
     */
    default void groupLaneWeightRows(float[] dy, int dyo, int rows, int width, float[] x, int[] xo, int count,
                                     int xPitch, int kw, float[] acc, int ao) {
        int lanes = channelLanes();
        for (int a = 0; a < count; a++) {
            for (int t = 0; t < kw; t++) {
                for (int c = 0; c < lanes; c++) {
                    int at = ao + (a * kw + t) * lanes + c;
                    float s = 0;
                    for (int y = 0; y < rows; y++) {
                        int xr = xo[a] + y * xPitch + t;
                        int dr = dyo + y * width * lanes + c;
                        for (int j = 0; j < width; j++) {
                            s = Math.fma(dy[dr + j * lanes], x[xr + j], s);
                        }
                    }
                    acc[at] = s + acc[at];
                }
            }
        }
    }

    /**
     * Accumulator rows a {@link #groupLaneWeightRows} call takes for kernel rows {@code kw} wide where it runs
     * vectorised; 0 where it would run the scalar loops (the caller then keeps another path).
     */
    default int groupLaneWeightRowsPerCall(int kw) {
        return 0;
    }

    /**
     * grp29: channel planes into a position-major tile, {@code out[o + p·channels + c] = planes[s + c·plane + p]} for
     * c < channels and p < positions ({@link #transposeTile}'s inverse). Data movement only.
     */
    default void planesToTile(float[] planes, int s, int plane, int channels, int positions, float[] out, int o) {
        planesToTileLoops(planes, s, plane, channels, positions, out, o);
    }

    /** {@link #planesToTile} in scalar loops: the vector versions' path where their lane swaps would box (JDK 17). */
    static void planesToTileLoops(float[] planes, int s, int plane, int channels, int positions, float[] out, int o) {
        planesToStripLoops(planes, s, plane, channels, positions, out, o, channels);
    }

    /**
     * s2b48: {@link #planesToTile} into a strip of a wider tile, {@code out[o + p·outStride + c] = planes[s + c·plane +
     * p]} for c < channels and p < positions: by vector blocks where {@link #planesToStripByBlocks} says so, else the
     * scalar loops (callers with a faster copy of their own keep it there). Data movement only.
     */
    default void planesToStrip(float[] planes, int s, int plane, int channels, int positions, float[] out, int o,
                               int outStride) {
        planesToStripLoops(planes, s, plane, channels, positions, out, o, outStride);
    }

    /** Whether {@link #planesToStrip} of these sizes runs on vector blocks (the answer depends on the sizes only). */
    default boolean planesToStripByBlocks(int channels, int positions) {
        return false;
    }

    /** {@link #planesToStrip} in scalar loops. */
    static void planesToStripLoops(float[] planes, int s, int plane, int channels, int positions, float[] out, int o,
                                   int outStride) {
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < positions; p++) {
                out[o + p * outStride + c] = planes[s + c * plane + p];
            }
        }
    }

    /**
     * g32-29: the most positions a {@link #convGroupLaneRows} call of {@code width} channels computes with kernel rows
     * of {@code rowTaps} (what its registers hold); 0 where that width has no kernel of its own here (a caller then
     * takes one vector of channels a call).
     */
    default int groupLanePositions(int width, int rowTaps) {
        return GROUP_LANE_POSITIONS;
    }

    /**
     * grp27: a position-major tile into channel planes, {@code out[o + c·outStride + p] = tile[p·stride + c]} for
     * c < channels and p < positions. Data movement only; vector versions transpose 16 × 16 blocks in registers.
     */
    default void transposeTile(float[] tile, int stride, int positions, int channels, float[] out, int o,
                               int outStride) {
        transposeTileLoops(tile, stride, positions, channels, out, o, outStride);
    }

    /** {@link #transposeTile} in scalar loops: the vector versions' path where their lane swaps would box (JDK 17). */
    static void transposeTileLoops(float[] tile, int stride, int positions, int channels, float[] out, int o,
                                   int outStride) {
        for (int c = 0; c < channels; c++) {
            for (int p = 0, s = c; p < positions; p++, s += stride) {
                out[o + c * outStride + p] = tile[s];
            }
        }
    }

    /**
     * Up to 4 output rows of a direct convolution at once, each input row read once for all of them:
     * {@code out[outStarts[q] + j] = Σ_i Σ_{t < kw} w[wo + weightRows[4i + q] + t] * x[rowStarts[i] + tapColumns[t] + j]}
     * for q < block, j < n, over the i < rows with {@code weightRows[4i + q] >= 0}, summed over i then t in
     * order (an output row that meets no input row is 0). Vector versions hold the block's rows × columns
     * in registers across every input row and tap.
     */
    default void convRowBlock(float[] x, int[] rowStarts, int rows, int[] weightRows, float[] w, int wo,
                              int[] tapColumns, int kw, float[] out, int[] outStarts, int block, int n) {
        for (int q = 0; q < block; q++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int i = 0; i < rows; i++) {
                    int ws = weightRows[4 * i + q];
                    if (ws >= 0) {
                        for (int t = 0; t < kw; t++) {
                            s += w[wo + ws + t] * x[rowStarts[i] + tapColumns[t] + j];
                        }
                    }
                }
                out[outStarts[q] + j] = s;
            }
        }
    }

    /**
     * {@link #convRowBlock} for 4 output rows of a 3×3 kernel that meet no padding row: output row q reads
     * input rows {@code rowStride·q + k} (k < 3), which start at {@code x[x0 + (rowStride·q + k)·rowLength]},
     * with the weights {@code w[wo + 3k + t]}; summed over k then t in order, as there.
     */
    default void convRowBlock3x3(float[] x, int x0, int rowLength, int rowStride, float[] w, int wo, int[] tapColumns,
                                 float[] out, int[] outStarts, int n) {
        for (int q = 0; q < 4; q++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int k = 0; k < 3; k++) {
                    int xs = x0 + (rowStride * q + k) * rowLength + j;
                    for (int t = 0; t < 3; t++) {
                        s += w[wo + 3 * k + t] * x[xs + tapColumns[t]];
                    }
                }
                out[outStarts[q] + j] = s;
            }
        }
    }

    /**
     * Copies {@code rows} rows of {@code width} floats from {@code x[xo]} into rows of {@code pitch} floats
     * at {@code out[oo]}, each after {@code left} zeros and before zeros to the end of its pitch.
     */
    default void padRows(float[] x, int xo, int width, int rows, float[] out, int oo, int pitch, int left) {
        for (int r = 0; r < rows; r++) {
            int o = oo + r * pitch;
            java.util.Arrays.fill(out, o, o + left, 0f);
            System.arraycopy(x, xo + r * width, out, o + left, width);
            java.util.Arrays.fill(out, o + left + width, o + pitch, 0f);
        }
    }

    /**
     * A gather: {@code out[o + i] = valid[k + i] ? in[base + index[k + i]] : 0} for i < n. Every
     * {@code base + index[k + i]} must lie in {@code in}, valid or not (vector versions load all lanes).
     */
    default void gather(float[] in, int base, int[] index, boolean[] valid, int k, float[] out, int o, int n) {
        for (int i = 0; i < n; i++) {
            out[o + i] = valid[k + i] ? in[base + index[k + i]] : 0f;
        }
    }

    /**
     * {@code out[o] = Σ x[xo + i]} and {@code out[o + 1] = Σ x[xo + i]·(y[yo + i] − shift)} for {@code i < n},
     * in one pass and one fixed order: batch norm's per-plane sums (its statistics with {@code y = x} and
     * shift 0, its backward with the gradient, the input and the mean). Vector versions keep lane sums
     * and add the lanes in a fixed order.
     */
    default void sumAndCenteredDot(float[] x, int xo, float[] y, int yo, float shift, int n, float[] out, int o) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        float d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) { // four independent chains: the adds overlap
            float x0 = x[xo + i], x1 = x[xo + i + 1], x2 = x[xo + i + 2], x3 = x[xo + i + 3];
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
            d0 += x0 * (y[yo + i] - shift);
            d1 += x1 * (y[yo + i + 1] - shift);
            d2 += x2 * (y[yo + i + 2] - shift);
            d3 += x3 * (y[yo + i + 3] - shift);
        }
        float s = s0 + s1 + s2 + s3;
        float d = d0 + d1 + d2 + d3;
        for (; i < n; i++) {
            s += x[xo + i];
            d += x[xo + i] * (y[yo + i] - shift);
        }
        out[o] = s;
        out[o + 1] = d;
    }

    // dwsmall3: stride-2 row splits and the direct kernels' row products

    /** Floats past a row's phase that {@link #splitPhaseRows} may set to zero: a vector of at most 64 lanes. */
    int SPLIT_SLACK = 64;

    /**
     * {@code rows} rows of {@code width} floats, {@code xStep} apart from {@code x[xo]}, split by column parity:
     * row m's column 2c to {@code out[evenAt + m·outStep + c]}, its column 2c + 1 to {@code out[oddAt + m·outStep + c]}
     * (a stride-2 plane's column phases). An implementation may also set to zero up to {@link #SPLIT_SLACK} floats
     * after each row's phase that are no row's own (rows in order: a later row rewrites its own floats): the caller
     * keeps zeros there (the planes' zero columns and rows), and {@code out} is the calling thread's own.
     */
    default void splitPhaseRows(float[] x, int xo, int xStep, int rows, int width, float[] out, int evenAt, int oddAt,
                                int outStep) {
        // one row's phases at a time, in order: a caller may rely on nothing past the rows being kept
        for (int m = 0; m < rows; m++) {
            int in = xo + m * xStep;
            int o = m * outStep;
            deinterleave2(x, in, out, evenAt + o, out, oddAt + o, width / 2);
            if (width % 2 == 1) {
                out[evenAt + o + width / 2] = x[in + width - 1];
            }
        }
    }

    /**
     * Splits {@code 2n} floats by parity: {@code even[eo + k] = x[xo + 2k]} and {@code odd[oo + k] = x[xo + 2k + 1]}
     * for k < n (a stride-2 row's two column phases). An implementation may rewrite up to a vector of floats past n
     * in each destination with the values they hold: the destinations are the calling thread's own.
     */
    default void deinterleave2(float[] x, int xo, float[] even, int eo, float[] odd, int oo, int n) {
        for (int k = 0; k < n; k++) {
            even[eo + k] = x[xo + 2 * k];
            odd[oo + k] = x[xo + 2 * k + 1];
        }
    }

    /**
     * Products of one row with {@code taps} shifted rows, accumulated per column:
     * {@code acc[ao + t·n + j] += y[yo + j] · x[xo + tapColumns[t] + j]} for t < taps, j < n (a direct
     * kernel's weight gradient, whose columns are summed once at the end, in order).
     */
    default void rowProducts(float[] y, int yo, float[] x, int xo, int[] tapColumns, int taps, float[] acc, int ao, int n) {
        for (int t = 0; t < taps; t++) {
            int xs = xo + tapColumns[t];
            int a = ao + t * n;
            for (int j = 0; j < n; j++) {
                acc[a + j] += y[yo + j] * x[xs + j];
            }
        }
    }

    /**
     * {@link #convColumns} over {@code rows} rows at once: row r reads the taps at {@code tapStarts[k] + r·pitch}
     * and writes {@code out[oo + co·outStride + r·n + j]} (a first layer's output rows, straight into the
     * response planes).
     */
    default void convColumnRows(float[] x, int[] tapStarts, int taps, int pitch, int rows, float[] w, int wo, int wStride,
                                int channels, float[] out, int oo, int outStride, int n) {
        int[] starts = new int[taps];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < taps; k++) {
                starts[k] = tapStarts[k] + r * pitch;
            }
            convColumns(x, starts, taps, w, wo, wStride, channels, out, oo + r * n, outStride, n);
        }
    }

    // convsmall4: the weight gradient over a dense tap layout

    /**
     * Products of response rows with shifted image rows, summed over several images and added in:
     * {@code acc[ao + c·taps + k] += Σ_i Σ_j y[yStarts[i] + c·yStride + j] · x[xStarts[i] + tapStarts[k] + j]}
     * for c < channels, k < taps, summed over i < images and j < n (a short-reduction weight gradient).
     * Vector versions hold a block of channels × taps in registers across every image and column.
     */
    default void tapProducts(float[] y, int[] yStarts, int yStride, int channels, float[] x, int[] xStarts,
                             int images, int[] tapStarts, int taps, float[] acc, int ao, int n) {
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < taps; k++) {
                float s = 0;
                for (int i = 0; i < images; i++) {
                    int ys = yStarts[i] + c * yStride;
                    int xs = xStarts[i] + tapStarts[k];
                    for (int j = 0; j < n; j++) {
                        s += y[ys + j] * x[xs + j];
                    }
                }
                acc[ao + c * taps + k] += s;
            }
        }
    }

    // dwconv4: depthwise rows that all read the same kernel rows, without a branch per weight

    /**
     * {@code rows} output rows of a direct convolution that read the same {@code kernelRows} kernel rows:
     * {@code out[o0 + q·outWidth + j] = Σ_{k < kernelRows} Σ_{t < kw} w[wo + k·kw + t] · x[x0 + q·qStep + k·kStep + tapColumns[t] + j]}
     * for q < rows, j < n, summed over k then t in order (0 when {@code kernelRows} is 0). A depthwise
     * plane's interior rows (4 at a time, {@code qStep} a vertical stride of rows) and its border rows
     * (one at a time, the kernel rows that meet the image) both run here.
     */
    default void convRowsDirect(float[] x, int x0, int qStep, int kStep, int kernelRows, int kw, int[] tapColumns,
                                float[] w, int wo, float[] out, int o0, int outWidth, int rows, int n) {
        for (int q = 0; q < rows; q++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int k = 0; k < kernelRows; k++) {
                    int xs = x0 + q * qStep + k * kStep + j;
                    for (int t = 0; t < kw; t++) {
                        s += w[wo + k * kw + t] * x[xs + tapColumns[t]];
                    }
                }
                out[o0 + q * outWidth + j] = s;
            }
        }
    }

    // wino23: Winograd F(2, 3)'s transforms along one axis (4 points, 2 outputs), for F(2×2, 3×3)

    /**
     * Winograd F(2, 3)'s input transform Bᵀ along one axis, element-wise over n positions: with
     * {@code d_s = in[x + s*inStep + i]}, writes {@code d0 − d2, d1 + d2, d2 − d1, d1 − d3} to
     * {@code out[o + k*outStep + i]}. {@code out}'s range must not overlap the inputs.
     */
    default void winograd2Input(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            winograd2InputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    /** One position of {@link #winograd2Input}; vector implementations use it for their tails, so they round alike. */
    static void winograd2InputAt(float[] in, int x, int inStep, float[] out, int o, int outStep) {
        float d0 = in[x];
        float d1 = in[x + inStep];
        float d2 = in[x + 2 * inStep];
        float d3 = in[x + 3 * inStep];
        out[o] = d0 - d2;
        out[o + outStep] = d1 + d2;
        out[o + 2 * outStep] = d2 - d1;
        out[o + 3 * outStep] = d1 - d3;
    }

    /**
     * Winograd F(2, 3)'s output transform Aᵀ along one axis, element-wise over n positions: with
     * {@code m_s = in[x + s*inStep + i]}, writes {@code m0 + m1 + m2} and {@code m1 − m2 − m3} to
     * {@code out[o + k*outStep + i]}. {@code out}'s range must not overlap the inputs.
     */
    default void winograd2Output(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            winograd2OutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    /** One position of {@link #winograd2Output}. */
    static void winograd2OutputAt(float[] in, int x, int inStep, float[] out, int o, int outStep) {
        float m0 = in[x];
        float m1 = in[x + inStep];
        float m2 = in[x + 2 * inStep];
        float m3 = in[x + 3 * inStep];
        out[o] = m0 + m1 + m2;
        out[o + outStep] = m1 - m2 - m3;
    }

    // lenet5: the weight gradient's tap products into vector partial sums

    /** Partial sums {@link #tapProductLanes} keeps per (channel, tap): a vector's lanes, 1 for scalar code. */
    default int tapLanes() {
        return 1;
    }

    /**
     * {@link #tapProducts} into per-lane partial sums, added in, so that the caller sums the lanes once
     * after many calls instead of on every call: (channel c, tap k) owns the {@link #tapLanes()} floats at
     * {@code acc[ao + (c·R + k)·tapLanes()]}, R = taps rounded up to a multiple of 4, whose sum over lanes
     * gains Σ_i Σ_j y·x (which lane gets which products is fixed by n). Slots of channels up to
     * {@code channels} rounded up to 4 and of taps up to R are written too (with garbage past the real ones).
     */
    default void tapProductLanes(float[] y, int[] yStarts, int yStride, int channels, float[] x, int[] xStarts,
                                 int images, int[] tapStarts, int taps, float[] acc, int ao, int n) {
        int rowStride = (taps + 3) / 4 * 4;
        int lanes = tapLanes();
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < taps; k++) {
                float s = 0;
                for (int i = 0; i < images; i++) {
                    int ys = yStarts[i] + c * yStride;
                    int xs = xStarts[i] + tapStarts[k];
                    for (int j = 0; j < n; j++) {
                        s += y[ys + j] * x[xs + j];
                    }
                }
                acc[ao + (c * rowStride + k) * lanes] += s;
            }
        }
    }

    // small6: first layers with the response channels in the lanes

    /** Response channels one vector of {@link #convChannelLanes} holds (1 for the scalar loops). */
    default int channelLanes() {
        return 1;
    }

    /**
     * A short-reduction correlation with the response channels in the lanes, over segments of {@code segment}
     * (4 or 5) consecutive output columns: for s < segments, q < segment, co < channels,
     * {@code out[oo + co·outStride + outStarts[s] + q] = Σ_k wT[wo + k·wStride + co] · x[xo + inStarts[s] + tapStarts[k] + q]},
     * summed over k < taps in order. The segments cut output rows {@code width} wide, row after row, into
     * ⌈width / segment⌉ segments each (a row's last one may overlap the one before: it writes the same values). The transposed weights {@code wT} hold {@code wStride} ≥ channels rounded up
     * to {@link #channelLanes()} floats per tap (the lanes past {@code channels} are read, not used).
     * {@code kernelWidth}: the taps come in runs of this many adjacent columns ({@code tapStarts[k + 1] =
     * tapStarts[k] + 1} within a run; 1 when nothing is known), which lets a vector version broadcast each
     * input once per run.
     */
    default void convChannelLanes(float[] x, int xo, int[] inStarts, int[] outStarts, int segments, int segment,
                                  int width, int[] tapStarts, int taps, int kernelWidth, float[] wT, int wo,
                                  int wStride, int channels, float[] out, int oo, int outStride) {
        ChannelLaneConv.correlate(x, xo, inStarts, outStarts, segments, segment, tapStarts, taps, wT, wo, wStride,
                channels, out, oo, outStride);
    }

    // dw6: depthwise 3x3 and 5x5 planes, stride 1 or 2, over fully padded rows (DepthwiseRolling)

    /**
     * The narrowest output row {@link #depthwiseRows} computes faster than the row-block kernels at horizontal
     * stride {@code stride} (on the Vector API: a vector's lanes at stride 2, any width at stride 1).
     */
    default int depthwiseRowsMinWidth(int stride) {
        return 1;
    }

    /**
     * Output rows [rowFrom, rowTo) of one depthwise plane with a {@code k}×{@code k} kernel ({@code k} 3 or 5)
     * and vertical stride {@code stride} (1 or 2), over input rows padded on every side (zero rows above and
     * below): {@code out[o0 + r·outWidth + j] = Σ_{kh<k} Σ_{t<k} w[wo + kh·k + t] · x[x0 + (r·stride + kh)·rowLength
     * + tapColumns[t] + j]} for j < outWidth, summed over kh then t in order, from zero.
     */
    default void depthwiseRows(float[] x, int x0, int rowLength, int[] tapColumns, int k, int stride, float[] w,
                               int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int kh = 0; kh < k; kh++) {
                    int xs = x0 + (r * stride + kh) * rowLength + j;
                    for (int t = 0; t < k; t++) {
                        s += w[wo + kh * k + t] * x[xs + tapColumns[t]];
                    }
                }
                out[o0 + r * outWidth + j] = s;
            }
        }
    }

    /**
     * The narrowest output row {@link #depthwiseRows3InPlace} computes faster than {@link #depthwiseRows} on a padded
     * copy (on the Vector API: a vector's lanes; narrower rows run as one flat run of the padded copy).
     */
    default int depthwiseInPlaceMinWidth() {
        return 1;
    }

    /**
     * {@link #depthwiseRows} of a 3×3 kernel at stride 1 read in place, no padded copy: the plane of {@code height}
     * rows of {@code width} at {@code x[x0]}, {@code padTop} zero rows above it and {@code padLeft} zero columns left
     * of it, the reads outside it zeros. {@code out[o0 + r·outWidth + j] = Σ_{kh<3} Σ_{t<3} w[wo + kh·3 + t] ·
     * x(r + kh - padTop, j + t - padLeft)} for r in [rowFrom, rowTo) and j < outWidth, summed over kh then t in
     * order, from zero, the zeros included: from {@link #depthwiseInPlaceMinWidth} columns, the bits of
     * {@link #depthwiseRows} on the padded rows.
     */
    default void depthwiseRows3InPlace(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                       int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        unitRowsInPlace(3, x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, rowFrom, rowTo);
    }

    /**
     * Whether {@link #depthwiseRows5InPlace} computes output rows of {@code outWidth} from rows of {@code width} with
     * {@code padLeft} zero columns faster than {@link #depthwiseRows} on a padded copy (on the Vector API: rows of more
     * than half a vector whose padding, and reads past the row, are at most a row a side; elsewhere the padded copy,
     * the default).
     */
    default boolean depthwiseUnit5InPlace(int width, int padLeft, int outWidth) {
        return false;
    }

    /**
     * {@link #depthwiseRows3InPlace} of a 5×5 kernel: {@code out[o0 + r·outWidth + j] = Σ_{kh<5} Σ_{t<5}
     * w[wo + kh·5 + t] · x(r + kh - padTop, j + t - padLeft)}, summed over kh then t in order, from zero, the zeros
     * included: where {@link #depthwiseUnit5InPlace} takes the rows, the bits of {@link #depthwiseRows} on the padded
     * rows.
     */
    default void depthwiseRows5InPlace(float[] x, int x0, int height, int width, int padTop, int padLeft, float[] w,
                                       int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        unitRowsInPlace(5, x, x0, height, width, padTop, padLeft, w, wo, out, o0, outWidth, rowFrom, rowTo);
    }

    /**
     * How many output rows of {@code outWidth} one vector of {@link #depthwiseStackedPlanes} holds, for a
     * {@code k}×{@code k} kernel at unit stride over rows of {@code width} with {@code padLeft} zero columns: 0 where it
     * does not take them (the default; on the Vector API from JDK 18: 3×3 and 5×5 rows of at most half a vector, at
     * least as wide as the image's).
     */
    default int depthwiseStackedRows(int k, int width, int padLeft, int outWidth) {
        return 0;
    }

    /**
     * Output rows [rowFrom, rowTo) of planes [firstPlane, lastPlane) of a depthwise {@code k}×{@code k} correlation at
     * unit stride, where {@link #depthwiseStackedRows} takes the rows: plane p's image of {@code height} rows of
     * {@code width} at {@code x[p·height·width]}, its kernel at {@code w[(p % channels)·k·k]} (where {@code flipped},
     * its taps in reverse order, {@link #flipKernel}: the input gradient's flipped kernel read from the forward's, no
     * flipped copy of all of them), its output at {@code out[p·outHeight·outWidth]}, each output as
     * {@link #depthwiseRows3InPlace}'s (kh then t, from zero, the zeros included: the bits of {@link #depthwiseRows}
     * on the padded rows).
     */
    default void depthwiseStackedPlanes(float[] x, int height, int width, int padTop, int padLeft, int k, float[] w,
                                        boolean flipped, int channels, float[] out, int outHeight, int outWidth,
                                        int firstPlane, int lastPlane, int rowFrom, int rowTo) {
        float[] taps = flipped ? new float[k * k] : w;
        for (int p = firstPlane; p < lastPlane; p++) {
            int wo = p % channels * k * k;
            if (flipped) {
                flipKernel(w, wo, k, taps);
                wo = 0;
            }
            unitRowsInPlace(k, x, p * height * width, height, width, padTop, padLeft, taps, wo, out,
                    p * outHeight * outWidth, outWidth, rowFrom, rowTo);
        }
    }

    /**
     * The planes a block of {@link #depthwiseLanePlanes} takes at once, one in each lane, for a {@code k}×{@code k}
     * kernel at unit stride with {@code padTop} / {@code padLeft} zero rows / columns and responses of
     * {@code outHeight}×{@code outWidth}: 0 where it does not take them (the default; on the Vector API from JDK 18:
     * 3×3 responses of at most 10 × 10 and 5×5 of at most 8 × 8).
     */
    default int depthwiseLanePlanes(int k, int padTop, int padLeft, int outHeight, int outWidth) {
        return 0;
    }

    /**
     * Planes [firstPlane, lastPlane) of a depthwise {@code k}×{@code k} correlation at unit stride, where
     * {@link #depthwiseLanePlanes} takes it, with the planes in the lanes: plane p's image of {@code height} rows of
     * {@code width} at {@code x[p·height·width]}, its output at {@code out[p·outHeight·outWidth]}, tap t's weight of
     * channel c at {@code laneWeights[t·weightRow + c]} for c up to {@code channels} plus that many lanes (plane p
     * reads channel p % channels there: {@link #laneWeights}). Each output as {@link #depthwiseStackedPlanes}'.
     */
    default void depthwiseLanePlanes(float[] x, int height, int width, int padTop, int padLeft, int k,
                                     float[] laneWeights, int weightRow, int channels, float[] out, int outHeight,
                                     int outWidth, int firstPlane, int lastPlane) {
        throw new UnsupportedOperationException("depthwiseLanePlanes takes no planes here");
    }

    /**
     * The weights of {@code channels} {@code k}×{@code k} kernels at {@code w} as {@link #depthwiseLanePlanes} reads
     * them, into {@code laneWeights}: tap t's row of {@code weightRow} = channels + {@code lanes}, lane c holding
     * channel c % channels; where {@code flipped}, each kernel's taps in reverse order (the unit-stride input
     * gradient's kernel, no flipped copy).
     */
    static void laneWeights(float[] w, int channels, int k, boolean flipped, int lanes, float[] laneWeights) {
        int kv = k * k;
        int weightRow = channels + lanes;
        for (int c = 0, channel = 0; c < weightRow; c++) { // channel = c % channels, without a division
            int wo = channel * kv;
            for (int t = 0; t < kv; t++) {
                laneWeights[t * weightRow + c] = w[wo + (flipped ? kv - 1 - t : t)];
            }
            channel = channel + 1 == channels ? 0 : channel + 1;
        }
    }

    /** The {@code k}×{@code k} kernel at {@code w[wo]}, its taps in reverse order, into {@code flipped[0, k·k)}. */
    static void flipKernel(float[] w, int wo, int k, float[] flipped) {
        int kv = k * k;
        for (int t = 0; t < kv; t++) {
            flipped[t] = w[wo + kv - 1 - t];
        }
    }

    /** {@link #depthwiseRows3InPlace} and {@link #depthwiseRows5InPlace} of a k×k kernel, in scalar loops. */
    private static void unitRowsInPlace(int k, float[] x, int x0, int height, int width, int padTop, int padLeft,
                                        float[] w, int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int kh = 0; kh < k; kh++) {
                    int iy = r + kh - padTop;
                    for (int t = 0; t < k; t++) {
                        int ix = j + t - padLeft;
                        boolean inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                        s += w[wo + kh * k + t] * (inside ? x[x0 + iy * width + ix] : 0f);
                    }
                }
                out[o0 + r * outWidth + j] = s;
            }
        }
    }

    /**
     * Whether {@link #depthwiseRows2InPlace} takes output rows of {@code outWidth} with a {@code k}×{@code k} kernel
     * and {@code padLeft} zero columns (on the Vector API: a row in one vector, its reads within the row's first two
     * vectors of floats; wider or further reads stay on the phase planes of {@link #depthwiseTapRows}).
     */
    default boolean depthwiseStride2InPlace(int k, int padLeft, int outWidth) {
        return true;
    }

    /**
     * {@link #depthwiseRows} at stride 2 both ways read in place, no phase-plane copy: the plane of {@code height}
     * rows of {@code width} at {@code x[x0]}, {@code padTop} zero rows above it and {@code padLeft} zero columns left
     * of it, the reads outside it zeros. {@code out[o0 + r·outWidth + j] = Σ_{kh<k} Σ_{t<k} w[wo + kh·k + t] ·
     * x(2r + kh - padTop, 2j + t - padLeft)} for r in [rowFrom, rowTo) and j < outWidth ({@code k} 3 or 5), summed
     * over kh then t in order, from zero, the zeros included: the bits of {@link #depthwiseTapRows} on phase planes.
     */
    default void depthwiseRows2InPlace(float[] x, int x0, int height, int width, int padTop, int padLeft, int k,
                                       float[] w, int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int kh = 0; kh < k; kh++) {
                    int iy = 2 * r + kh - padTop;
                    for (int t = 0; t < k; t++) {
                        int ix = 2 * j + t - padLeft;
                        boolean inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                        s += w[wo + kh * k + t] * (inside ? x[x0 + iy * width + ix] : 0f);
                    }
                }
                out[o0 + r * outWidth + j] = s;
            }
        }
    }

    /**
     * The weight gradient of a 3×3 depthwise kernel at stride 2 both ways over {@code images} planes read in place
     * (as {@link #depthwiseRows2InPlace} reads them; image i's plane at {@code x[x0 + i·xStep]}, its response plane of
     * {@code outRows} rows of {@code outWidth} at {@code y[y0 + i·yStep]}): for every tap (kh, t),
     * {@code sums[so + kh·3 + t] += Σ_i Σ_r Σ_j y(i, r, j) · x(i, 2r + kh - padTop, 2j + t - padLeft)}, summed in
     * floats in an order of the implementation's (the same at any thread count), added to the doubles once a call.
     */
    default void depthwiseStride2TapSums3(float[] y, int y0, int yStep, int outRows, int outWidth, float[] x, int x0,
                                          int xStep, int images, int height, int width, int padTop, int padLeft,
                                          double[] sums, int so) {
        for (int kh = 0; kh < 3; kh++) {
            for (int t = 0; t < 3; t++) {
                float s = 0;
                for (int i = 0; i < images; i++) {
                    for (int r = 0; r < outRows; r++) {
                        int iy = 2 * r + kh - padTop;
                        for (int j = 0; j < outWidth && iy >= 0 && iy < height; j++) {
                            int ix = 2 * j + t - padLeft;
                            if (ix >= 0 && ix < width) {
                                s += y[y0 + i * yStep + r * outWidth + j] * x[x0 + i * xStep + iy * width + ix];
                            }
                        }
                    }
                }
                sums[so + kh * 3 + t] += s;
            }
        }
    }

    /**
     * Output rows [rowFrom, rowTo) of one depthwise plane with a {@code k}×{@code k} kernel over input laid out
     * by the caller: output row r starts {@code rowStep} after row r-1 and tap (kh, t) is at
     * {@code kernelRows[kh] + tapColumns[t]} from it, {@code out[o0 + r·outWidth + j] = Σ_{kh<k} Σ_{t<k} w[wo + kh·k + t]
     * · x[x0 + r·rowStep + kernelRows[kh] + tapColumns[t] + j]} for j < outWidth, summed over kh then t in order,
     * from zero. (dws2f19: stride-2 rows under a vector, their input split by row parity and column phase into four
     * planes, so that output rows step by one plane row.)
     */
    default void depthwiseTapRows(float[] x, int x0, int rowStep, int[] kernelRows, int[] tapColumns, int k, float[] w,
                                  int wo, float[] out, int o0, int outWidth, int rowFrom, int rowTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int kh = 0; kh < k; kh++) {
                    int xs = x0 + r * rowStep + kernelRows[kh] + j;
                    for (int t = 0; t < k; t++) {
                        s += w[wo + kh * k + t] * x[xs + tapColumns[t]];
                    }
                }
                out[o0 + r * outWidth + j] = s;
            }
        }
    }

    /**
     * The weight gradient of one depthwise plane over input rows padded as for {@link #depthwiseRows}: for
     * every tap (kh, t), {@code sums[so + kh·k + t] += Σ_{r<outRows} Σ_{j<outWidth} y[yo + r·outWidth + j] ·
     * x[x0 + (r·stride + kh)·rowLength + tapColumns[t] + j]}, each plane's sum a float added to the double.
     */
    default void depthwiseTapSums(float[] y, int yo, int outRows, int outWidth, float[] x, int x0, int rowLength,
                                  int stride, int[] tapColumns, int k, double[] sums, int so) {
        for (int kh = 0; kh < k; kh++) {
            for (int t = 0; t < k; t++) {
                float s = 0;
                for (int r = 0; r < outRows; r++) {
                    int xs = x0 + (r * stride + kh) * rowLength + tapColumns[t];
                    int ys = yo + r * outWidth;
                    for (int j = 0; j < outWidth; j++) {
                        s += y[ys + j] * x[xs + j];
                    }
                }
                sums[so + kh * k + t] += s;
            }
        }
    }

    /**
     * The weight gradient of one depthwise channel over {@code images} planes laid out as for
     * {@link #depthwiseTapRows} ({@code xStep} apart, the response's rows laid out alike, {@code yStep} apart, zero
     * where no output is): for every tap (kh, t), {@code sums[so + kh·k + t] += Σ_{i<images} Σ_{v<span}
     * y[y0 + i·yStep + v] · x[x0 + i·xStep + kernelRows[kh] + tapColumns[t] + v]}, the sum taken in floats (vector
     * versions: per lane) and added to the double. (dwn20: stride-2 rows under a vector on the forward's phase
     * planes, a vector spanning several output rows.)
     */
    default void depthwiseTapRowSums(float[] y, int y0, int yStep, int span, float[] x, int x0, int xStep, int images,
                                     int[] kernelRows, int[] tapColumns, int k, double[] sums, int so) {
        for (int kh = 0; kh < k; kh++) {
            for (int t = 0; t < k; t++) {
                float s = 0;
                for (int i = 0; i < images; i++) {
                    int ys = y0 + i * yStep;
                    int xs = x0 + i * xStep + kernelRows[kh] + tapColumns[t];
                    for (int v = 0; v < span; v++) {
                        s += y[ys + v] * x[xs + v];
                    }
                }
                sums[so + kh * k + t] += s;
            }
        }
    }

    /**
     * The weight gradient of one depthwise channel of a 3×3 kernel at unit stride with one zero row and column of
     * padding a side, read in place (dws23: no padded copies of the image or response planes): for every tap
     * (kh, kw), {@code sums[so + kh·3 + kw] += Σ_{i<images} Σ_{r<height} Σ_{j<width} y[b + r·width + j] ·
     * x[b + (r + kh - 1)·width + j + kw - 1]} with {@code b = base + i·step}, the terms whose x lies in the padding left
     * out; the sum taken in floats (vector versions: per lane) and added to the double. Image and response planes
     * have the same shape, so one base and step serve both.
     */
    default void depthwiseSameTapSums3(float[] y, float[] x, int base, int step, int images, int height, int width,
                                       double[] sums, int so) {
        for (int kh = 0; kh < 3; kh++) {
            for (int kw = 0; kw < 3; kw++) {
                float s = 0;
                for (int i = 0; i < images; i++) {
                    int b = base + i * step;
                    for (int r = Math.max(0, 1 - kh); r < Math.min(height, height + 1 - kh); r++) {
                        for (int j = Math.max(0, 1 - kw); j < Math.min(width, width + 1 - kw); j++) {
                            s += y[b + r * width + j] * x[b + (r + kh - 1) * width + j + kw - 1];
                        }
                    }
                }
                sums[so + kh * 3 + kw] += s;
            }
        }
    }

    // dw18: the stride-2 depthwise input gradient by column phase, no zero-upsampled rows

    /**
     * The narrowest image row {@link #depthwiseStride2GradientRows} computes faster than the four phase planes of
     * {@link #depthwiseStride2GradientRun} and {@link #interleavePhaseRows} (on the Vector API: a vector; rows under
     * two vectors take one strip of each column phase, woven and stored masked).
     */
    default int depthwiseStride2GradientMinWidth() {
        return 1;
    }

    /**
     * {@code count} image rows of a stride-2 depthwise input gradient that take the same kernel rows (every other
     * image row), over response rows padded on every side: image row j (at {@code out[o0 + j·outStep]}) has at
     * its even columns 2n &lt; width
     * {@code Σ_{i<rows} Σ_{t<evenTaps} w[wo + i·(evenTaps+oddTaps) + t] · y[y0 + (j + i)·rowLength + evenColumn + n + t]}
     * and at its odd columns 2n+1 &lt; width the same with
     * {@code w[wo + i·(evenTaps+oddTaps) + evenTaps + t]}, oddTaps and oddColumn: each column phase a unit-stride
     * correlation of the response with its part of the kernel (rows 1-3, taps 1-3 a phase). Summed row by row,
     * tap by tap, from zero.
     */
    default void depthwiseStride2GradientRows(float[] y, int y0, int rowLength, int rows, int evenTaps, int evenColumn,
                                              int oddTaps, int oddColumn, float[] w, int wo, float[] out, int o0,
                                              int outStep, int width, int count) {
        int per = evenTaps + oddTaps;
        for (int j = 0; j < count; j++) {
            int o = o0 + j * outStep;
            for (int c = 0; c < width; c++) {
                int n = c >> 1;
                boolean even = (c & 1) == 0;
                int taps = even ? evenTaps : oddTaps;
                int ws = wo + (even ? 0 : evenTaps);
                int ys = y0 + j * rowLength + (even ? evenColumn : oddColumn) + n;
                float s = 0;
                for (int i = 0; i < rows; i++) {
                    for (int t = 0; t < taps; t++) {
                        s += w[ws + i * per + t] * y[ys + i * rowLength + t];
                    }
                }
                out[o + c] = s;
            }
        }
    }

    // dws2b21: the stride-2 depthwise input gradient of rows under depthwiseStride2GradientMinWidth, by phase plane

    /**
     * One phase plane of a stride-2 depthwise input gradient (the image pixels of one row parity and one column
     * parity) as a flat run over response rows padded on every side, {@code rowLength} apart:
     * {@code out[o + v] = Σ_{i<rows} Σ_{t<taps} w[wo + i·wStep + t] · y[y0 + i·rowLength + t + v]} for v &lt; span,
     * summed row by row, tap by tap, from zero. Position v is the phase plane's (v / rowLength, v % rowLength); the
     * positions past the phase's width are the rows' wrap-around, computed and left for the caller to drop. An
     * implementation may compute up to a vector (at most 64 floats) past span, reading as far past its last row
     * where {@code y} holds them and writing as far past {@code out[o + span]}: {@code out} is the caller's scratch.
     */
    default void depthwiseStride2GradientRun(float[] y, int y0, int rowLength, int rows, int taps, float[] w, int wo,
                                             int wStep, float[] out, int o, int span) {
        for (int v = 0; v < span; v++) {
            float s = 0;
            for (int i = 0; i < rows; i++) {
                for (int t = 0; t < taps; t++) {
                    s += w[wo + i * wStep + t] * y[y0 + i * rowLength + t + v];
                }
            }
            out[o + v] = s;
        }
    }

    /**
     * {@code rows} image rows of {@code width} floats woven from their column phases, the rows alternating
     * between two pairs of phase planes: image row j (at {@code out[o + j·width]}) takes, with {@code m = j / 2}
     * and {@code (even, odd) = (even0, odd0)} for even j, else {@code (even1, odd1)},
     * {@code x[even + m·xStep + c]} at its column 2c and {@code x[odd + m·xStep + c]} at 2c + 1. An implementation
     * may write past a row before the rows after it are written, up to {@code out[limit]} (exclusive): whatever
     * lies in [o + rows·width, limit) afterwards is the caller's to rewrite.
     */
    default void interleavePhaseRows(float[] x, int even0, int odd0, int even1, int odd1, int xStep, int rows,
                                     int width, float[] out, int o, int limit) {
        for (int j = 0; j < rows; j++) {
            int m = j / 2;
            int e = (j % 2 == 0 ? even0 : even1) + m * xStep;
            int d = (j % 2 == 0 ? odd0 : odd1) + m * xStep;
            int at = o + j * width;
            for (int c = 0; c < width / 2; c++) {
                out[at + 2 * c] = x[e + c];
                out[at + 2 * c + 1] = x[d + c];
            }
            if (width % 2 == 1) {
                out[at + width - 1] = x[e + width / 2];
            }
        }
    }

    // wgrad8: the row halves of the F(2×2, 3×3) weight gradient's transforms

    /**
     * F(2, 3)'s input transform Bᵀ along a row of tiles, element-wise over n positions, from four separate
     * offsets: with {@code d_s = in[x_s + i]}, writes {@code d0 − d2, d1 + d2, d2 − d1, d1 − d3} to
     * {@code out[o + k*outStep + i]}. The four output rows must not overlap the four input ranges; they may lie in
     * the same array apart from them (wg59's image band transforms its gathered rows into the band's front).
     */
    default void winograd2InputFrom(float[] in, int x0, int x1, int x2, int x3, float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            winograd2InputFromAt(in, x0 + i, x1 + i, x2 + i, x3 + i, out, o + i, outStep);
        }
    }

    /** One position of {@link #winograd2InputFrom}; vector implementations use it for their tails. */
    static void winograd2InputFromAt(float[] in, int x0, int x1, int x2, int x3, float[] out, int o, int outStep) {
        float d0 = in[x0];
        float d1 = in[x1];
        float d2 = in[x2];
        float d3 = in[x3];
        out[o] = d0 - d2;
        out[o + outStep] = d1 + d2;
        out[o + 2 * outStep] = d2 - d1;
        out[o + 3 * outStep] = d1 - d3;
    }

    /**
     * The response transform {@code U = A·dy·Aᵀ} of F(2×2, 3×3)'s weight gradient, element-wise over n
     * positions, A's rows (1, 0), (½, ½), (½, −½), (0, −1): with the 2×2 tile {@code g_rc = in[x_rc + i]},
     * writes point {@code 4p + q} of U to {@code out[o + (4p + q)*outStep + i]}. {@code out} must be
     * another array than {@code in}.
     */
    default void winograd2GradientTile(float[] in, int x00, int x01, int x10, int x11, float[] out, int o, int outStep,
                                       int n) {
        for (int i = 0; i < n; i++) {
            winograd2GradientTileAt(in, x00 + i, x01 + i, x10 + i, x11 + i, out, o + i, outStep);
        }
    }

    /** One position of {@link #winograd2GradientTile}; vector implementations use it for their tails. */
    static void winograd2GradientTileAt(float[] in, int x00, int x01, int x10, int x11, float[] out, int o, int s) {
        float g0e = in[x00];
        float g0o = in[x01];
        float g1e = in[x10];
        float g1o = in[x11];
        // down the columns: h_p = A_p · (g0, g1), then along the rows
        float h1e = 0.5f * (g0e + g1e);
        float h1o = 0.5f * (g0o + g1o);
        float h2e = 0.5f * (g0e - g1e);
        float h2o = 0.5f * (g0o - g1o);
        out[o] = g0e;
        out[o + s] = 0.5f * (g0e + g0o);
        out[o + 2 * s] = 0.5f * (g0e - g0o);
        out[o + 3 * s] = -g0o;
        out[o + 4 * s] = h1e;
        out[o + 5 * s] = 0.5f * (h1e + h1o);
        out[o + 6 * s] = 0.5f * (h1e - h1o);
        out[o + 7 * s] = -h1o;
        out[o + 8 * s] = h2e;
        out[o + 9 * s] = 0.5f * (h2e + h2o);
        out[o + 10 * s] = 0.5f * (h2e - h2o);
        out[o + 11 * s] = -h2o;
        out[o + 12 * s] = -g1e;
        out[o + 13 * s] = 0.5f * (-g1e + -g1o);
        out[o + 14 * s] = 0.5f * (-g1e - -g1o);
        out[o + 15 * s] = g1o;
    }

    // bn8: ReLU's backward and batch norm's backward passes (Ops.relu, Ops.batchNorm2d[Relu])

    /**
     * ReLU's backward read off its output, in place: {@code g[go + i] = out[oo + i] <= 0 ? 0 : g[go + i]}
     * for {@code i < n}, PyTorch's threshold_backward (a NaN output passes its gradient on). A select, not
     * a product with a 0/1 slope: the slope computed without a branch went through subnormal floats, which
     * cost Intel cores a microcode assist per element (4 ms a pass over cnn2's first activation).
     */
    default void reluBackward(float[] out, int oo, float[] g, int go, int n) {
        for (int i = 0; i < n; i++) {
            g[go + i] = out[oo + i] <= 0f ? 0f : g[go + i];
        }
    }

    /**
     * {@link #sumAndCenteredDot} of the gradient {@link #reluBackward} would leave, without writing it:
     * {@code x} is the gradient, masked by the ReLU output {@code out}; the same bits as the two calls in turn.
     */
    default void reluSumAndCenteredDot(float[] x, int xo, float[] out, int oo, float[] y, int yo, float shift, int n,
                                       float[] sums, int o) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        float d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) { // sumAndCenteredDot's four chains
            float x0 = out[oo + i] <= 0f ? 0f : x[xo + i];
            float x1 = out[oo + i + 1] <= 0f ? 0f : x[xo + i + 1];
            float x2 = out[oo + i + 2] <= 0f ? 0f : x[xo + i + 2];
            float x3 = out[oo + i + 3] <= 0f ? 0f : x[xo + i + 3];
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
            d0 += x0 * (y[yo + i] - shift);
            d1 += x1 * (y[yo + i + 1] - shift);
            d2 += x2 * (y[yo + i + 2] - shift);
            d3 += x3 * (y[yo + i + 3] - shift);
        }
        float s = s0 + s1 + s2 + s3;
        float d = d0 + d1 + d2 + d3;
        for (; i < n; i++) {
            float xi = out[oo + i] <= 0f ? 0f : x[xo + i];
            s += xi;
            d += xi * (y[yo + i] - shift);
        }
        sums[o] = s;
        sums[o + 1] = d;
    }

    /**
     * Batch norm's input gradient in training, in place over one plane: with {@code h = (x[xo + i] − mean)·invStd},
     * {@code g[go + i] = k·(g[go + i] − meanG − h·meanGx)}, evaluated in that order (no fused multiply-adds:
     * every provider gives the same bits). With {@code reluOut} not null the gradient is first masked by
     * ReLU's output at {@code ro}, as {@link #reluBackward} does.
     */
    default void batchNormInputGradient(float[] g, int go, float[] x, int xo, float[] reluOut, int ro, float mean,
                                        float invStd, float k, float meanG, float meanGx, int n) {
        if (reluOut == null) {
            for (int i = 0; i < n; i++) {
                float h = (x[xo + i] - mean) * invStd;
                g[go + i] = k * (g[go + i] - meanG - h * meanGx);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float h = (x[xo + i] - mean) * invStd;
                float gi = reluOut[ro + i] <= 0f ? 0f : g[go + i];
                g[go + i] = k * (gi - meanG - h * meanGx);
            }
        }
    }

    // tr51: dropout's mask (Ops.dropout), the training step's other elementwise pass

    /** {@link java.util.SplittableRandom}'s increment between draws (its documented SplitMix64 with the golden-ratio gamma). */
    long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** The d-th {@code nextLong()} (d from 1) of {@code new SplittableRandom(seed)}: SplitMix64's mix of seed + d·γ. */
    static long splitMixDraw(long seed, long d) {
        long z = seed + d * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Dropout's mask and output over [from, to): {@code new SplittableRandom(seed)}'s draws in order, each giving two
     * elements (its high 32 bits, then its low), dropped ({@code mask = +0}) when below {@code threshold}, else
     * {@code mask = keep}; {@code out = x·mask}. The draws are computed from their index ({@link #splitMixDraw}) and
     * the mask chosen by bits, not by a branch: a quarter of the elements dropped at random cost a mispredicted
     * branch each. Draw d of [from, to) is draw d − j of [from + 2j, to) seeded with {@code seed + j·γ}.
     */
    default void dropoutMask(float[] x, float[] mask, float[] out, int from, int to, long seed, long threshold,
                             float keep) {
        int keepBits = Float.floatToRawIntBits(keep);
        int i = from;
        for (long d = 1; i + 1 < to; i += 2, d++) {
            long bits = splitMixDraw(seed, d);
            float m0 = Float.intBitsToFloat(keepBits & keptBits(bits >>> 32, threshold));
            float m1 = Float.intBitsToFloat(keepBits & keptBits(bits & 0xFFFFFFFFL, threshold));
            mask[i] = m0;
            mask[i + 1] = m1;
            out[i] = x[i] * m0;
            out[i + 1] = x[i + 1] * m1;
        }
        if (i < to) { // an odd range's last element: the high bits of one more draw
            long bits = splitMixDraw(seed, (i - from) / 2 + 1);
            mask[i] = Float.intBitsToFloat(keepBits & keptBits(bits >>> 32, threshold));
            out[i] = x[i] * mask[i];
        }
    }

    /** All ones when a 32-bit draw is kept ({@code draw >= threshold}, both below 2^33), else 0. */
    private static int keptBits(long draw, long threshold) {
        return (int) ((threshold - 1 - draw) >> 63);
    }

    // pool8: stride-1 window sums rows first

    /**
     * Sliding window sums along a row of column sums ({@link #sumOfRows}' output): for j &lt; count,
     * {@code out[outOff + j] = row[from + j] + row[from + j + 1] + ... + row[from + j + kw - 1]}, added in
     * that order. {@code row} has room for {@link #ROW_PADDING} entries past {@code from + count + kw - 1}.
     */
    default void slidingSums(float[] row, int from, int kw, int count, float[] out, int outOff) {
        for (int j = 0; j < count; j++) {
            float s = row[from + j];
            for (int c = 1; c < kw; c++) {
                s += row[from + j + c];
            }
            out[outOff + j] = s;
        }
    }

    /**
     * pool29: the H pass of the average pools' backward: for each output row h &lt; count, {@code to[at + h·n + c]} for
     * c &lt; n is the sum of the rows {@code from[rows[k]·rowStride + c]}, k from {@code starts[h]} to
     * {@code starts[h + 1]}, added in that order from 0 (no row gives 0). {@code to} is written, never read.
     */
    default void spreadRows(float[] from, int rowStride, int[] starts, int[] rows, int count, int n, float[] to, int at) {
        for (int h = 0; h < count; h++) {
            for (int c = 0; c < n; c++) {
                float s = 0;
                for (int k = starts[h]; k < starts[h + 1]; k++) {
                    s += from[rows[k] * rowStride + c];
                }
                to[at + h * n + c] = s;
            }
        }
    }

    /** {@code x[xo + i] = x[xo + i] / d[dOff + i]} for i &lt; n, in float. */
    default void divideInPlace(float[] x, int xo, float[] d, int dOff, int n) {
        for (int i = 0; i < n; i++) {
            x[xo + i] = x[xo + i] / d[dOff + i];
        }
    }

    // bwd8: small-channel weight gradients with the response channels in the lanes

    /** Response channels one block of {@link #tapLaneGradient} holds: a vector's lanes, 1 for scalar code. */
    default int gradientLanes() {
        return 1;
    }

    /**
     * A weight gradient's tap sums with the response channels in the lanes: for k < taps and
     * c < L = {@link #gradientLanes()}, {@code acc[ao + k·L + c]} gains
     * {@code Σ_p x[xo + tapStarts[k] + positions[p]] · yT[yo + p·L + c]} over from ≤ p < to, summed in that order
     * from zero, then added to the value already there. {@code yT} is the response transposed: an output
     * position's L channels side by side; {@code positions} the image offset each output position reads at tap
     * offset 0. {@code run}: the taps come in runs of this many adjacent columns ({@code tapStarts[k + 1] =
     * tapStarts[k] + 1} within a run; 1 when nothing is known), which lets a vector version keep whole runs
     * in registers.
     */
    default void tapLaneGradient(float[] x, int xo, int[] tapStarts, int taps, int run, int[] positions, int from,
                                 int to, float[] yT, int yo, float[] acc, int ao) {
        for (int k = 0; k < taps; k++) {
            int xs = xo + tapStarts[k];
            float s = 0;
            for (int p = from; p < to; p++) {
                s += x[xs + positions[p]] * yT[yo + p];
            }
            acc[ao + k] += s;
        }
    }

    /**
     * {@link #convColumns} for at most 6 channels, which vector versions hold in blocks of exactly 6 channels
     * (bwd8: lenet-c2's input gradient into 6 image channels).
     */
    default void convColumnsSix(float[] x, int[] tapStarts, int taps, float[] w, int wo, int wStride, int channels,
                                float[] out, int oo, int outStride, int n) {
        convColumns(x, tapStarts, taps, w, wo, wStride, channels, out, oo, outStride, n);
    }

    // pool9: value-only max pooling rows first, through a row padded with -inf

    /**
     * Max pooling values of one output row (PyTorch's rule over the window in row-major order: the
     * first maximum, the last NaN; no indices, not by |x|) whose windows are {@code kw} columns wide and
     * start {@code stride} apart: output j takes, over the rows rows[0..kr) and the columns
     * {@code from + j·stride + t} (t &lt; kw) inside [0, width), the element PyTorch selects, into
     * {@code out[outOff + j]}. Every window must hold a column inside the row. {@code row}: a work row
     * of at least {@link #maxRowWindowsLength} floats (vector versions reduce the rows first into it).
     */
    default void maxRowWindows(float[] in, int planeBase, int[] rows, int kr, int width, int from, int kw, int stride,
                               int count, float[] row, float[] out, int outOff) {
        for (int j = 0; j < count; j++) {
            out[outOff + j] = maxWindowRowMajor(in, planeBase, rows, kr, width, from + j * stride, kw);
        }
    }

    /**
     * pool27: {@link #maxRowWindows} of every output row of a plane in one call, windows two columns apart: output j of
     * row t is the max of rows {@code rows[t·rowStride + r]} (r &lt; counts[t]) over columns
     * {@code [from + 2j, + kw) ∩ [0, width)}, PyTorch's row-major selection, into {@code out[outBase + t·count + j]}.
     * {@code row}: a work row of at least {@link #maxRowWindowsLength} floats.
     */
    default void maxRowPlaneStride2(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                    int from, int kw, int count, float[] row, float[] out, int outBase) {
        for (int t = 0, o = outBase; t < outRows; t++, o += count) {
            for (int j = 0; j < count; j++) {
                out[o + j] = maxWindowRowMajor(in, inBase, rows, t * rowStride, counts[t], width, from + 2 * j, kw);
            }
        }
    }

    /** One window of {@link #maxRowWindows}, columns [start, start + kw) ∩ [0, width), in row-major order from -inf. */
    static float maxWindowRowMajor(float[] in, int planeBase, int[] rows, int kr, int width, int start, int kw) {
        return maxWindowRowMajor(in, planeBase, rows, 0, kr, width, start, kw);
    }

    /** {@link #maxWindowRowMajor} over the rows {@code rows[at..at + kr)}. */
    static float maxWindowRowMajor(float[] in, int planeBase, int[] rows, int at, int kr, int width, int start, int kw) {
        int lo = Math.max(0, start);
        return maxDilatedWindowRowMajor(in, planeBase, rows, at, kr, lo, Math.min(width, start + kw) - lo, 1);
    }

    /**
     * The max of the window of columns {@code first + j·step}, j &lt; count, of rows {@code rows[0..kr)}, in PyTorch's
     * row-major order from -inf: of tied zeros the first, of NaNs the last. Rows-first passes redo their zero and NaN
     * windows with it, where reducing columns first would have picked the other zero or another NaN.
     */
    static float maxDilatedWindowRowMajor(float[] in, int planeBase, int[] rows, int kr, int first, int count, int step) {
        return maxDilatedWindowRowMajor(in, planeBase, rows, 0, kr, first, count, step);
    }

    /** {@link #maxDilatedWindowRowMajor} over the rows {@code rows[at..at + kr)}. */
    static float maxDilatedWindowRowMajor(float[] in, int planeBase, int[] rows, int at, int kr, int first, int count,
                                          int step) {
        float b = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < kr; r++) {
            for (int j = 0, i = planeBase + rows[at + r] + first; j < count; j++, i += step) {
                float v = in[i];
                boolean take = (v > b) | (v != v);
                b = take ? v : b;
            }
        }
        return b;
    }

    /** Columns [lo, hi) of a rows-first pass, one at a time: column c into {@code row[c + shift]}. */
    static void maxRowColumnsLaneByLane(float[] in, int planeBase, int[] rows, int kr, int lo, int hi, float[] row,
                                        int shift) {
        for (int c = lo; c < hi; c++) {
            int col = planeBase + c;
            float b = in[rows[0] + col];
            for (int r = 1; r < kr; r++) {
                float v = in[rows[r] + col];
                boolean take = (v > b) | (v != v);
                b = take ? v : b;
            }
            row[c + shift] = b;
        }
    }

    /** The length of {@link #maxRowWindows}' work row: the windows' columns and room for whole vectors past both ends. */
    static int maxRowWindowsLength(int width, int from, int kw, int stride, int count) {
        int end = from + stride * Math.max(0, count - 1) + kw;
        return Math.max(end, width) - Math.min(from, 0) + 2 * ROW_PADDING;
    }

    /** {@code x[xo + i] *= m[mOff + i]} for i &lt; n (pool9: average pooling's exact reciprocals of powers of two). */
    default void multiplyInPlace(float[] x, int xo, float[] m, int mOff, int n) {
        for (int i = 0; i < n; i++) {
            x[xo + i] = x[xo + i] * m[mOff + i];
        }
    }

    // ---- small9: Winograd F(2, 5)

    /**
     * Winograd F(2, 5)'s output transform Aᵀ along one axis (points 0, ±1, ±2, ∞), element-wise over n positions:
     * with {@code m_s = in[x + s*inStep + i]}, writes the two outputs of {@code Aᵀ m} to {@code out[o + k*outStep + i]}.
     * {@code out}'s range must not overlap the inputs.
     */
    default void winograd25Output(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            winograd25OutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    /** One position of {@link #winograd25Output}. */
    static void winograd25OutputAt(float[] in, int x, int inStep, float[] out, int o, int outStep) {
        float m0 = in[x];
        float m1 = in[x + inStep];
        float m2 = in[x + 2 * inStep];
        float m3 = in[x + 3 * inStep];
        float m4 = in[x + 4 * inStep];
        float m5 = in[x + 5 * inStep];
        out[o] = m0 + (m1 + m2) + (m3 + m4);
        out[o + outStep] = (m1 - m2) + 2 * (m3 - m4) + m5;
    }

    // ---- wino9: Winograd's weight transform, output channels in the lanes

    /**
     * Winograd's weight transform {@code U = G w Gᵀ} of F(m×m, 3×3), m = 2 or 4, in double and rounded to float once,
     * for {@code lanes} output channels side by side and {@code channels} image channels: the 3×3 taps of lane j and
     * image channel c at {@code w[src + j·laneStride + c·channelStride + t·tapStep]} (t = row·3 + column; a tap step of
     * -1 reads a flipped kernel in place); point p (row-major, (m+2)² of them) to {@code u[d + p·step + c·lanesOut + j]};
     * lanes j in [lanes, lanesOut) get zeros. Down the kernel's columns first, then along the rows, each a
     * {@link #winogradFilter}, so every version gives the same bits.
     */
    default void winogradWeights(int m, float[] w, int src, int laneStride, int channelStride, int tapStep, int lanes,
                                 int channels, float[] u, int d, int lanesOut, int step) {
        int alpha = m + 2;
        int points = alpha * alpha;
        double[] t = new double[3 * alpha + points]; // R[k][c] at t[k*3 + c], then the points
        int at = 3 * alpha;
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < lanesOut; j++) {
                int o = d + c * lanesOut + j;
                if (j >= lanes) {
                    for (int p = 0; p < points; p++) {
                        u[o + p * step] = 0f;
                    }
                    continue;
                }
                int s = src + j * laneStride + c * channelStride;
                for (int col = 0; col < 3; col++) {
                    winogradFilter(m, w[s + col * tapStep], w[s + (3 + col) * tapStep], w[s + (6 + col) * tapStep], t,
                            col, 3);
                }
                for (int i = 0; i < alpha; i++) {
                    winogradFilter(m, t[3 * i], t[3 * i + 1], t[3 * i + 2], t, at + i * alpha, 1);
                }
                for (int p = 0; p < points; p++) {
                    u[o + p * step] = (float) t[at + p];
                }
            }
        }
    }

    /**
     * G (g0, g1, g2)ᵀ in double, the m + 2 outputs at out[o + k·step]: F(4×4)'s rows (1/4, 0, 0), -(1, 1, 1)/6,
     * -(1, -1, 1)/6, (1/24, 1/12, 1/6), (1/24, -1/12, 1/6), (0, 0, 1); F(2×2)'s (1, 0, 0), (1, 1, 1)/2, (1, -1, 1)/2,
     * (0, 0, 1).
     */
    static void winogradFilter(int m, double g0, double g1, double g2, double[] out, int o, int step) {
        double outer = g0 + g2;
        if (m == 4) {
            out[o] = g0 * (1 / 4.0);
            out[o + step] = -(outer + g1) * (1 / 6.0);
            out[o + 2 * step] = -(outer - g1) * (1 / 6.0);
            out[o + 3 * step] = g0 * (1 / 24.0) + g1 * (1 / 12.0) + g2 * (1 / 6.0);
            out[o + 4 * step] = g0 * (1 / 24.0) - g1 * (1 / 12.0) + g2 * (1 / 6.0);
            out[o + 5 * step] = g2;
        } else {
            out[o] = g0;
            out[o + step] = (outer + g1) * 0.5;
            out[o + 2 * step] = (outer - g1) * 0.5;
            out[o + 3 * step] = g2;
        }
    }

    // ---- d5i58: the 5×5 weight transform, output channels in the lanes

    /** Doubles of scratch {@link #winograd5Weights} needs for {@code lanesOut} lanes: taps, G w, points. */
    static int winograd5ScratchDoubles(int lanesOut) {
        return (25 + 5 * 7 + 7 * 7) * lanesOut;
    }

    /**
     * Winograd's weight transform {@code U = G w Gᵀ} of F(m×m, 5×5), m = 2 (36 points) or 3 (49), in double and rounded
     * to float once, in the layout of {@link #winogradWeights}: the 25 taps of lane j and image channel c at
     * {@code w[src + j·laneStride + c·channelStride + t·tapStep]} (t = row·5 + column; a tap step of -1 reads a flipped
     * kernel in place), point p to {@code u[d + p·step + c·lanesOut + j]}; lanes j in [lanes, lanesOut) transform zero
     * taps. Down the kernel's columns first, then along the rows, each {@link #winograd5Filter}'s expressions, so every
     * version gives the same bits. {@code scratch}: at least {@link #winograd5ScratchDoubles} doubles.
     */
    default void winograd5Weights(int m, float[] w, int src, int laneStride, int channelStride, int tapStep, int lanes,
                                  int channels, float[] u, int d, int lanesOut, int step, double[] scratch) {
        int alpha = m + 4;
        int points = alpha * alpha;
        int rows = 25 * lanesOut;                  // G w: R[k][col] at rows + (k*5 + col)*lanesOut
        int pointsAt = rows + 5 * alpha * lanesOut; // point i*alpha + k at pointsAt + (i*alpha + k)*lanesOut
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < lanesOut; j++) {
                int s = src + j * laneStride + c * channelStride;
                for (int t = 0; t < 25; t++) {
                    scratch[t * lanesOut + j] = j < lanes ? w[s + t * tapStep] : 0;
                }
            }
            for (int col = 0; col < 5; col++) {
                winograd5FilterLanes(m, scratch, col * lanesOut, 5 * lanesOut, rows + col * lanesOut, 5 * lanesOut,
                        lanesOut);
            }
            for (int i = 0; i < alpha; i++) {
                winograd5FilterLanes(m, scratch, rows + 5 * i * lanesOut, lanesOut, pointsAt + i * alpha * lanesOut,
                        lanesOut, lanesOut);
            }
            int o = d + c * lanesOut;
            for (int p = 0; p < points; p++) {
                for (int j = 0; j < lanesOut; j++) {
                    u[o + p * step + j] = (float) scratch[pointsAt + p * lanesOut + j];
                }
            }
        }
    }

    /** {@link #winograd5Filter} for {@code lanes} lanes side by side: g_t at a[in + t*inStep + j], outputs at a[out + k*step + j]. */
    static void winograd5FilterLanes(int m, double[] a, int in, int inStep, int out, int step, int lanes) {
        for (int j = 0; j < lanes; j++) {
            winograd5Filter(m, a[in + j], a[in + inStep + j], a[in + 2 * inStep + j], a[in + 3 * inStep + j],
                    a[in + 4 * inStep + j], a, out + j, step);
        }
    }

    /**
     * G (g0, ..., g4)ᵀ in double, the m + 4 outputs at out[o + k·step]: the 5-tap filter at the points 0, 1, -1, 2, -2
     * (g(x) = Σ g_t x^t), each times its scale (F(2×2)'s 1/4, -1/6, -1/6, 1/24, 1/24; F(3×3)'s -1/2, -1/3, 1/9, 1/36,
     * -1/60), then F(3×3)'s point 1/2 (16 g(1/2) · 2/45) and both tiles' ∞ (g4).
     */
    static void winograd5Filter(int m, double g0, double g1, double g2, double g3, double g4, double[] out, int o,
                                int step) {
        double even = g0 + g2 + g4;
        double odd = g1 + g3;
        double even2 = g0 + 4 * g2 + 16 * g4;
        double odd2 = 2 * g1 + 8 * g3;
        if (m == 3) {
            out[o] = g0 * (-1 / 2.0);
            out[o + step] = (even + odd) * (-1 / 3.0);
            out[o + 2 * step] = (even - odd) * (1 / 9.0);
            out[o + 3 * step] = (even2 + odd2) * (1 / 36.0);
            out[o + 4 * step] = (even2 - odd2) * (-1 / 60.0);
            out[o + 5 * step] = (16 * g0 + 8 * g1 + 4 * g2 + 2 * g3 + g4) * (2 / 45.0);
            out[o + 6 * step] = g4;
        } else {
            out[o] = g0 * (1 / 4.0);
            out[o + step] = (even + odd) * (-1 / 6.0);
            out[o + 2 * step] = (even - odd) * (-1 / 6.0);
            out[o + 3 * step] = (even2 + odd2) * (1 / 24.0);
            out[o + 4 * step] = (even2 - odd2) * (1 / 24.0);
            out[o + 5 * step] = g4;
        }
    }

    // ---- wino22: F(2×2)'s weight transform in float

    /**
     * F(2×2, 3×3)'s weight transform {@code U = G w Gᵀ} in float, with the layout of {@link #winogradWeights} (m = 2):
     * G's entries are 0, ±1/2 and 1, so with the taps halved first (exact) only the sums round, two down the kernel's
     * columns and two along R's rows, and nothing overflows that the double transform would not; widening to double and
     * rounding once cost half of the transform (small20). Every version computes {@link #winograd2WeightsAt}'s
     * expressions, so every version gives the same bits.
     */
    default void winograd2Weights(float[] w, int src, int laneStride, int channelStride, int tapStep, int lanes,
                                  int channels, float[] u, int d, int lanesOut, int step) {
        for (int c = 0; c < channels; c++) {
            winograd2WeightsLanes(w, src + c * channelStride, laneStride, tapStep, lanes, u, d + c * lanesOut, lanesOut,
                    step);
        }
    }

    /**
     * One image channel of {@link #winograd2Weights}, lanes j in [0, lanesOut): its taps from
     * {@code w[s + j·laneStride + t·tapStep]}, its points to {@code u[o + p·step + j]}, zeros from lane {@code lanes} on.
     */
    static void winograd2WeightsLanes(float[] w, int s, int laneStride, int tapStep, int lanes, float[] u, int o,
                                      int lanesOut, int step) {
        for (int j = 0; j < lanesOut; j++) {
            if (j < lanes) {
                winograd2WeightsAt(w, s + j * laneStride, tapStep, u, o + j, step);
            } else {
                for (int p = 0; p < 16; p++) {
                    u[o + j + p * step] = 0f;
                }
            }
        }
    }

    /**
     * One channel pair of {@link #winograd2Weights}: the 9 taps {@code w[s + t·tapStep]} (t = row·3 + column), the 16
     * points to {@code u[o + p·step]} (p = row·4 + column). R = G w down the kernel's columns: its rows 0 and 3 are the
     * kernel's rows 0 and 2, rows 1 and 2 (top/2 + bottom/2) ± middle/2; then G along each row of R the same way.
     */
    static void winograd2WeightsAt(float[] w, int s, int tapStep, float[] u, int o, int step) {
        float a0 = w[s];
        float a1 = w[s + tapStep];
        float a2 = w[s + 2 * tapStep];
        float b0 = w[s + 6 * tapStep];
        float b1 = w[s + 7 * tapStep];
        float b2 = w[s + 8 * tapStep];
        float ha0 = a0 * 0.5f;
        float ha1 = a1 * 0.5f;
        float ha2 = a2 * 0.5f;
        float hb0 = b0 * 0.5f;
        float hb1 = b1 * 0.5f;
        float hb2 = b2 * 0.5f;
        float outer0 = ha0 + hb0;
        float outer1 = ha1 + hb1;
        float outer2 = ha2 + hb2;
        float hm0 = w[s + 3 * tapStep] * 0.5f;
        float hm1 = w[s + 4 * tapStep] * 0.5f;
        float hm2 = w[s + 5 * tapStep] * 0.5f;
        float plus0 = outer0 + hm0;
        float plus1 = outer1 + hm1;
        float plus2 = outer2 + hm2;
        float minus0 = outer0 - hm0;
        float minus1 = outer1 - hm1;
        float minus2 = outer2 - hm2;
        winograd2WeightRow(a0, a2, ha0, ha1, ha2, u, o, step);
        winograd2WeightRow(plus0, plus2, plus0 * 0.5f, plus1 * 0.5f, plus2 * 0.5f, u, o + 4 * step, step);
        winograd2WeightRow(minus0, minus2, minus0 * 0.5f, minus1 * 0.5f, minus2 * 0.5f, u, o + 8 * step, step);
        winograd2WeightRow(b0, b2, hb0, hb1, hb2, u, o + 12 * step, step);
    }

    /**
     * G (g0, g1, g2)ᵀ in float from g0, g2 and the halves h0..h2: F(2×2)'s (1, 0, 0), (1, 1, 1)/2, (1, -1, 1)/2,
     * (0, 0, 1), to u[o + k·step].
     */
    private static void winograd2WeightRow(float g0, float g2, float h0, float h1, float h2, float[] u, int o,
                                           int step) {
        float outer = h0 + h2;
        u[o] = g0;
        u[o + step] = outer + h1;
        u[o + 2 * step] = outer - h1;
        u[o + 3 * step] = g2;
    }

    // ---- pool10: LP roots for p = 3 without exp/log

    /**
     * pool25: {@code out[to + i] = (float) Math.sqrt(sums[from + i] / extents[e + i] * scale)} for {@code i < n}, in double:
     * LP pooling's roots at p = 2 (vector versions in double lanes, the same bits; C2 left the scalar loop unvectorized,
     * as long as lp2-3s3-56's window sums).
     */
    default void scaledSquareRoots(float[] sums, int from, double[] extents, int e, double scale, float[] out, int to,
                                   int n) {
        for (int i = 0; i < n; i++) {
            out[to + i] = (float) Math.sqrt(sums[from + i] / extents[e + i] * scale);
        }
    }

    /**
     * {@code out[to + i] = (float) (sums[from + i] / extents[e + i] · scale)} for {@code i < n}: LP pooling's scaled
     * mean powers, the roots' input (pool51: a scalar double division per output cost as much as the roots).
     */
    default void scaledMeans(float[] sums, int from, double[] extents, int e, double scale, float[] out, int to, int n) {
        for (int i = 0; i < n; i++) {
            out[to + i] = (float) (sums[from + i] / extents[e + i] * scale);
        }
    }

    /** {@code out[to + i] = (float) CubeRoots.of(t[from + i])} for {@code i < n}: LP pooling's roots at p = 3. */
    default void cubeRoots(float[] t, int from, int n, float[] out, int to) {
        for (int i = 0; i < n; i++) {
            out[to + i] = (float) CubeRoots.of(t[from + i]);
        }
    }

    // ---- s2conv10: two column phases woven back into one image row

    /**
     * The inverse of {@link #deinterleave2}: {@code dst[dOff + 2k] = even[eo + k]} and {@code dst[dOff + 2k + 1] = odd[oo + k]}
     * for k &lt; n (a stride-2 input gradient's two column phases written as one contiguous image row).
     */
    default void interleave2(float[] even, int eo, float[] odd, int oo, float[] dst, int dOff, int n) {
        for (int k = 0; k < n; k++) {
            dst[dOff + 2 * k] = even[eo + k];
            dst[dOff + 2 * k + 1] = odd[oo + k];
        }
    }

    /**
     * {@link #deinterleave2} ({@code even[eo + k] = x[xo + 2k]}, {@code odd[oo + k] = x[xo + 2k + 1]}, k &lt; n): the
     * phase split of a stride-2 image. As there, up to a vector of floats past n in each destination may be rewritten
     * with the values they hold (k5s26: the vector version's scalar tail took every row under a vector, c7x7-s2-29's
     * 14 and 13 pairs, float by float: 9-10 % of its forward and weight gradient).
     */
    default void splitEvenOdd(float[] x, int xo, float[] even, int eo, float[] odd, int oo, int n) {
        deinterleave2(x, xo, even, eo, odd, oo, n);
    }

    // ---- wino10: F(2×2, 3×3) weight gradient's image rows gathered with the channels in the lanes

    /**
     * F(2×2, 3×3)'s transform down four image rows, gathered: for i &lt; n, with
     * {@code d_r = in[base + index[k + i] + r·rowStep]} where bit r of {@code rows} is set and {@code valid[k + i]},
     * else 0, {@code out[o + i] = d0 − d2}, {@code out[o + outStep + i] = d1 + d2},
     * {@code out[o + 2·outStep + i] = d2 − d1} and {@code out[o + 3·outStep + i] = d1 − d3} (Bᵀ's rows). Every
     * {@code base + index[k + i] + r·rowStep} of a set row must lie in {@code in}, valid or not (vector versions
     * load all lanes).
     */
    default void winograd2GatherColumns(float[] in, int base, int rowStep, int rows, int[] index, boolean[] valid, int k,
                                        float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            winograd2GatherColumnsAt(in, base, rowStep, rows, index, valid, k + i, out, o + i, outStep);
        }
    }

    /** One lane of {@link #winograd2GatherColumns}; vector implementations use it for their tails. */
    static void winograd2GatherColumnsAt(float[] in, int base, int rowStep, int rows, int[] index, boolean[] valid, int k,
                                         float[] out, int o, int outStep) {
        int at = base + index[k];
        boolean lane = valid[k];
        float d0 = lane && (rows & 1) != 0 ? in[at] : 0f;
        float d1 = lane && (rows & 2) != 0 ? in[at + rowStep] : 0f;
        float d2 = lane && (rows & 4) != 0 ? in[at + 2 * rowStep] : 0f;
        float d3 = lane && (rows & 8) != 0 ? in[at + 3 * rowStep] : 0f;
        out[o] = d0 - d2;
        out[o + outStep] = d1 + d2;
        out[o + 2 * outStep] = d2 - d1;
        out[o + 3 * outStep] = d1 - d3;
    }

    // ---- grp18: F(2×2, 3×3) weight gradient's output transform, the image channels in the lanes

    /**
     * F(2×2, 3×3)'s weight-gradient output transform {@code dW = Gᵀ·M·G}, Gᵀ's rows (1, 1, 1, 0), (0, 1, −1, 0),
     * (0, 1, 1, 1) (the halves are in the response transform), for n channel pairs side by side: point t of pair i is
     * {@code M_t = Σ_part in[at + part·partStep + t·pointStep + i]} over {@code parts} parts added in part order, and
     * the pair's nine weights go to {@code out[o + 9i + k]}, row-major.
     */
    default void winograd2GradientOutput(float[] in, int at, int pointStep, int partStep, int parts, float[] out, int o,
                                         int n) {
        for (int i = 0; i < n; i++) {
            winograd2GradientOutputAt(in, at + i, pointStep, partStep, parts, out, o + 9 * i);
        }
    }

    /** One pair of {@link #winograd2GradientOutput}; vector implementations use it for their tails. */
    static void winograd2GradientOutputAt(float[] in, int at, int pointStep, int partStep, int parts, float[] out, int o) {
        float p0 = pointSumAt(in, at, partStep, parts);
        float p1 = pointSumAt(in, at + pointStep, partStep, parts);
        float p2 = pointSumAt(in, at + 2 * pointStep, partStep, parts);
        float p3 = pointSumAt(in, at + 3 * pointStep, partStep, parts);
        float p4 = pointSumAt(in, at + 4 * pointStep, partStep, parts);
        float p5 = pointSumAt(in, at + 5 * pointStep, partStep, parts);
        float p6 = pointSumAt(in, at + 6 * pointStep, partStep, parts);
        float p7 = pointSumAt(in, at + 7 * pointStep, partStep, parts);
        float p8 = pointSumAt(in, at + 8 * pointStep, partStep, parts);
        float p9 = pointSumAt(in, at + 9 * pointStep, partStep, parts);
        float p10 = pointSumAt(in, at + 10 * pointStep, partStep, parts);
        float p11 = pointSumAt(in, at + 11 * pointStep, partStep, parts);
        float p12 = pointSumAt(in, at + 12 * pointStep, partStep, parts);
        float p13 = pointSumAt(in, at + 13 * pointStep, partStep, parts);
        float p14 = pointSumAt(in, at + 14 * pointStep, partStep, parts);
        float p15 = pointSumAt(in, at + 15 * pointStep, partStep, parts);
        // along the rows of M (index q), then down its columns (index p)
        float r00 = p0 + p1 + p2, r01 = p1 - p2, r02 = p1 + p2 + p3;
        float r10 = p4 + p5 + p6, r11 = p5 - p6, r12 = p5 + p6 + p7;
        float r20 = p8 + p9 + p10, r21 = p9 - p10, r22 = p9 + p10 + p11;
        float r30 = p12 + p13 + p14, r31 = p13 - p14, r32 = p13 + p14 + p15;
        out[o] = r00 + r10 + r20;
        out[o + 1] = r01 + r11 + r21;
        out[o + 2] = r02 + r12 + r22;
        out[o + 3] = r10 - r20;
        out[o + 4] = r11 - r21;
        out[o + 5] = r12 - r22;
        out[o + 6] = r10 + r20 + r30;
        out[o + 7] = r11 + r21 + r31;
        out[o + 8] = r12 + r22 + r32;
    }

    /** One point's sums over the parts, in part order (no array: the tail runs per pair). */
    private static float pointSumAt(float[] in, int at, int partStep, int parts) {
        float sum = in[at];
        for (int part = 1; part < parts; part++) {
            sum += in[at + part * partStep];
        }
        return sum;
    }

    // ---- small10: the response transform of the 5×5 weight gradient, F(5×5, 2×2)

    /**
     * The response transform {@code U = A·dy·Aᵀ} of F(5×5, 2×2)'s weight gradient, element-wise over n positions,
     * A's rows (1, 0), (1, 1), (1, −1), (1, 2), (1, −2), (0, 1) (F(2, 5)'s output transform, transposed): with the
     * 2×2 tile {@code g_rc = in[x_rc + i]}, writes point {@code 6p + q} of U to {@code out[o + (6p + q)*outStep + i]}.
     * {@code out} must be another array than {@code in}.
     */
    default void winograd52GradientTile(float[] in, int x00, int x01, int x10, int x11, float[] out, int o, int outStep,
                                        int n) {
        for (int i = 0; i < n; i++) {
            winograd52GradientTileAt(in, x00 + i, x01 + i, x10 + i, x11 + i, out, o + i, outStep);
        }
    }

    /** One position of {@link #winograd52GradientTile}; vector implementations use it for their tails. */
    static void winograd52GradientTileAt(float[] in, int x00, int x01, int x10, int x11, float[] out, int o, int s) {
        float g0e = in[x00];
        float g0o = in[x01];
        float g1e = in[x10];
        float g1o = in[x11];
        // down the columns, h_p = A_p · (g0, g1), then along the rows
        winograd52Row(g0e, g0o, out, o, s);
        winograd52Row(g0e + g1e, g0o + g1o, out, o + 6 * s, s);
        winograd52Row(g0e - g1e, g0o - g1o, out, o + 12 * s, s);
        winograd52Row(g0e + 2 * g1e, g0o + 2 * g1o, out, o + 18 * s, s);
        winograd52Row(g0e - 2 * g1e, g0o - 2 * g1o, out, o + 24 * s, s);
        winograd52Row(g1e, g1o, out, o + 30 * s, s);
    }

    /** A·(e, o) to {@code out[o + q*s]}. */
    private static void winograd52Row(float e, float od, float[] out, int o, int s) {
        out[o] = e;
        out[o + s] = e + od;
        out[o + 2 * s] = e - od;
        out[o + 3 * s] = e + 2 * od;
        out[o + 4 * s] = e - 2 * od;
        out[o + 5 * s] = od;
    }

    /** {@code sums[d + i] += in[s + i]} in double for n positions: block sums of a long float reduction. */
    default void addToDoubles(float[] in, int s, double[] sums, int d, int n) {
        for (int i = 0; i < n; i++) {
            sums[d + i] += in[s + i];
        }
    }

    // ---- pool12: global average pooling, one reduction per plane

    /**
     * {@code out[o + q] = (Σ in[from + q·n + j] for j < n) / divisor} for q < planes, the quotient in float (the
     * same bits as {@code (float) (sum / (double) divisor)}, the divisor being a float): the planes of a global
     * average. Scalar code sums each plane in order.
     */
    default void planeMeans(float[] in, int from, int n, int planes, float divisor, float[] out, int o) {
        for (int q = 0; q < planes; q++) {
            out[o + q] = sum(in, from + q * n, n) / divisor;
        }
    }

    // ---- pool13: stride-1 window sums of a whole plane in one call

    /**
     * The window sums (or means) of a plane whose windows slide by one column: for each output row t &lt; outRows,
     * the input rows {@code rows[t·rowStride + r]} (plane offsets, r &lt; counts[t]) are summed column by column in
     * row order from 0 into {@code row} (column c at {@code shift + c}, zeros on both sides), then output j of the
     * row is {@code row[j] + row[j + 1] + ... + row[j + kw - 1]}, added in that order, divided by
     * {@code divisors[t·outWidth + j]} in float when divisors are given. The bits of {@link #sumOfRows},
     * {@link #slidingSums} and {@link #divideInPlace} with the border windows summed from 0: the column sums are
     * never -0, so a zero column added changes nothing. {@code row} holds at least
     * {@link #slidingPlaneRowLength} floats.
     */
    default void slidingPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int width,
                                  int shift, int kw, int outWidth, float[] divisors, float[] row, float[] out, int outBase) {
        java.util.Arrays.fill(row, 0, slidingPlaneRowLength(width, shift, kw, outWidth), 0f);
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int c = 0; c < width; c++) {
                float s = 0;
                for (int r = 0, at = t * rowStride; r < counts[t]; r++) {
                    s += in[inBase + rows[at + r] + c];
                }
                row[shift + c] = s;
            }
            for (int j = 0; j < outWidth; j++) {
                float s = row[j];
                for (int c = 1; c < kw; c++) {
                    s += row[j + c];
                }
                out[o + j] = divisors == null ? s : s / divisors[t * outWidth + j];
            }
        }
    }

    /** {@link #slidingPlaneSums}' row: the shifted columns, every window's columns, and room for whole vectors past them. */
    static int slidingPlaneRowLength(int width, int shift, int kw, int outWidth) {
        return Math.max(shift + width, outWidth + kw - 1) + ROW_PADDING;
    }

    /**
     * pool13: the window sums of a plane whose windows are kw wide, 2 columns apart from column {@code from} and
     * inside the row (no clipping): output j of row t is the sum over r &lt; counts[t], then c &lt; kw, of
     * {@code in[inBase + rows[t·rowStride + r] + from + 2j + c]}, added in that order from 0 (the bits of
     * {@link #windowSumRow}), then multiplied by {@code factors[t·outWidth + j]} when {@code multiply}, else divided
     * by it, when factors are given.
     */
    default void pairPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int from,
                               int kw, int outWidth, float[] factors, boolean multiply, float[] out, int outBase) {
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int r = 0, at = t * rowStride; r < counts[t]; r++) {
                    for (int c = 0, i = inBase + rows[at + r] + from + 2 * j; c < kw; c++) {
                        s += in[i + c];
                    }
                }
                out[o + j] = factors == null ? s : multiply ? s * factors[t * outWidth + j] : s / factors[t * outWidth + j];
            }
        }
    }

    /**
     * pool15: the window sums (or means) of a plane whose rows hold a few windows of any widths and starts, one
     * column step (adaptive 28 -&gt; 5): for each output row t &lt; outRows, the input rows
     * {@code rows[t·rowStride + r]} (plane offsets, r &lt; counts[t]) are summed column by column in row order from 0
     * over the columns [lo, lo + span) into {@code row}, then window j of the row is
     * {@code row[firsts[j]] + ... + row[firsts[j] + widths[j] - 1]} added in that order from 0, divided by
     * {@code divisors[t·outWidth + j]} in float when divisors are given (outWidth = firsts.length). The bits of
     * {@link #sumOfRows}, the row walk's scalar window sums and {@link #divideInPlace}. {@code row} holds at least
     * {@link #windowPlaneRowLength} floats.
     */
    default void windowPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int lo,
                                 int span, int[] firsts, int[] widths, float[] divisors, float[] row, float[] out,
                                 int outBase) {
        int outWidth = firsts.length;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int c = 0; c < span; c++) {
                float s = 0;
                for (int r = 0, at = t * rowStride; r < counts[t]; r++) {
                    s += in[inBase + rows[at + r] + lo + c];
                }
                row[c] = s;
            }
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int c = firsts[j], end = c + widths[j]; c < end; c++) {
                    s += row[c];
                }
                out[o + j] = divisors == null ? s : s / divisors[t * outWidth + j];
            }
        }
    }

    /**
     * pool25: {@link #windowPlaneSums} (no divisors) of the squares of {@code in}, each element squared in float as the
     * column pass reads it: the additions and order of squaring the plane first ({@link #squares}), the same bits, without
     * the squares' pass over the plane.
     */
    default void squaredWindowPlaneSums(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows,
                                       int lo, int span, int[] firsts, int[] widths, float[] row, float[] out,
                                       int outBase) {
        int outWidth = firsts.length;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int c = 0; c < span; c++) {
                float s = 0;
                for (int r = 0, at = t * rowStride; r < counts[t]; r++) {
                    float v = in[inBase + rows[at + r] + lo + c];
                    s += v * v;
                }
                row[c] = s;
            }
            for (int j = 0; j < outWidth; j++) {
                float s = 0;
                for (int c = firsts[j], end = c + widths[j]; c < end; c++) {
                    s += row[c];
                }
                out[o + j] = s;
            }
        }
    }

    /**
     * pool22: value-only max pooling of a plane whose rows hold windows of any widths and starts, one column step
     * (adaptive 28 -&gt; 5): output j of row t is the max, by PyTorch's row-major rule ({@link #maxPairWindowRowMajor}: of
     * tied zeros the first, of NaNs the last), of the input rows {@code rows[t·rowStride + r]} (r &lt; counts[t]) over the
     * columns [lo + firsts[j], + widths[j]). Vector versions take each column's max over the rows into {@code row} (at
     * least {@link #windowPlaneRowLength} floats), then each window's from there, and redo zero and NaN windows row-major.
     */
    default void maxWindowPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int lo,
                                int span, int[] firsts, int[] widths, float[] row, float[] out, int outBase) {
        int outWidth = firsts.length;
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int j = 0; j < outWidth; j++) {
                out[o + j] = maxPairWindowRowMajor(in, inBase, rows, t * rowStride, counts[t], lo + firsts[j], widths[j]);
            }
        }
    }

    /** {@link #windowPlaneSums}' row: the span's column sums and room for whole vectors past them. */
    static int windowPlaneRowLength(int span) {
        return span + ROW_PADDING;
    }

    /**
     * pool13: value-only max pooling of a plane whose windows are kw wide, 2 columns apart from {@code from} and inside
     * the row: output j of row t is the max of rows {@code rows[t·rowStride + r]} (r &lt; counts[t]) over columns
     * [from + 2j, + kw), selected by PyTorch's row-major rule ({@link #maxPairWindowRowMajor}).
     */
    default void maxPairPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int from, int kw,
                              int outWidth, float[] out, int outBase) {
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int j = 0; j < outWidth; j++) {
                out[o + j] = maxPairWindowRowMajor(in, inBase, rows, t * rowStride, counts[t], from + 2 * j, kw);
            }
        }
    }

    /** Whether {@link #maxIndexPairPlane} beats the row walk for the pool plans that may take it (the backend says). */
    default boolean maxIndexPairPlanesPay() {
        return true;
    }

    /**
     * step50: {@link #maxPairPlane} with the plane offset of each selected element in {@code indices} (the training
     * forward's max pool 2, 2×2 stride 2), by {@link #windowMaxRow}'s rule, a plane per call: the row walk made a
     * lookup of the window rows and a kernel call per output row, which held cnn2's pools to ~5 GB/s.
     */
    default void maxIndexPairPlane(float[] in, int inBase, int[] rows, int[] counts, int rowStride, int outRows, int from,
                                   int kw, int outWidth, float[] out, int outBase, int[] indices) {
        for (int t = 0, o = outBase; t < outRows; t++, o += outWidth) {
            for (int j = 0; j < outWidth; j++) {
                maxWindowWithIndex(in, inBase, rows, t * rowStride, counts[t], from + 2 * j, kw, out, o + j, indices);
            }
        }
    }

    /** One window of {@link #maxPairPlane} in row-major order from -inf: of tied zeros the first, of NaNs the last. */
    static float maxPairWindowRowMajor(float[] in, int inBase, int[] rows, int at, int kr, int start, int kw) {
        float b = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < kr; r++) {
            for (int c = 0, i = inBase + rows[at + r] + start; c < kw; c++) {
                float v = in[i + c];
                boolean take = (v > b) | (v != v);
                b = take ? v : b;
            }
        }
        return b;
    }

    // ---- five13: Winograd F(3, 5), points 0, ±1, ±2, 1/2, ∞

    /**
     * Winograd F(3, 5)'s input transform Bᵀ along one axis (points 0, ±1, ±2, 1/2, ∞), element-wise over n
     * positions: with {@code d_s = in[x_s + i]}, writes the seven points of {@code Bᵀ d} to {@code out[o + k*step + i]}.
     * {@code out}'s range must not overlap the inputs.
     */
    default void winograd35Input(float[] in, int x0, int x1, int x2, int x3, int x4, int x5, int x6, float[] out, int o,
                                 int step, int n) {
        for (int i = 0; i < n; i++) {
            winograd35InputAt(in, x0 + i, x1 + i, x2 + i, x3 + i, x4 + i, x5 + i, x6 + i, out, o + i, step);
        }
    }

    /** One position of {@link #winograd35Input}; vector implementations use it for their tails, so they round alike. */
    static void winograd35InputAt(float[] in, int x0, int x1, int x2, int x3, int x4, int x5, int x6, float[] out, int o,
                                  int step) {
        float d0 = in[x0];
        float d1 = in[x1];
        float d2 = in[x2];
        float d3 = in[x3];
        float d4 = in[x4];
        float d5 = in[x5];
        float d6 = in[x6];
        out[o] = 4 * d1 - 2 * d0 + 2.5f * d2 - 5 * d3 - 0.5f * d4 + d5;
        out[o + step] = 2 * (d1 - d2) - 4.5f * d3 + 0.5f * d4 + d5;
        out[o + 2 * step] = 6 * d2 - 2 * d1 - 3.5f * d3 - 1.5f * d4 + d5;
        out[o + 3 * step] = d1 - 1.5f * d2 - 2 * d3 + 1.5f * d4 + d5;
        out[o + 4 * step] = 2.5f * (d2 - d4) - d1 + d5;
        out[o + 5 * step] = 4 * d1 - 5 * d3 + d5;
        out[o + 6 * step] = 4 * d2 - 2 * d1 + 2.5f * d3 - 5 * d4 - 0.5f * d5 + d6;
    }

    /**
     * Winograd F(3, 5)'s output transform Aᵀ along one axis (points 0, ±1, ±2, 1/2, ∞), element-wise over n
     * positions: with {@code m_s = in[x + s*inStep + i]}, writes the three outputs of {@code Aᵀ m} to
     * {@code out[o + k*outStep + i]}. {@code out}'s range must not overlap the inputs.
     */
    default void winograd35Output(float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
        for (int i = 0; i < n; i++) {
            winograd35OutputAt(in, x + i, inStep, out, o + i, outStep);
        }
    }

    /** One position of {@link #winograd35Output}. */
    static void winograd35OutputAt(float[] in, int x, int inStep, float[] out, int o, int outStep) {
        float m0 = in[x];
        float m1 = in[x + inStep];
        float m2 = in[x + 2 * inStep];
        float m3 = in[x + 3 * inStep];
        float m4 = in[x + 4 * inStep];
        float m5 = in[x + 5 * inStep];
        float m6 = in[x + 6 * inStep];
        out[o] = m0 + (m1 + m2) + (m3 + m4) + m5;
        out[o + outStep] = (m1 - m2) + 2 * (m3 - m4) + 0.5f * m5;
        out[o + 2 * outStep] = (m1 + m2) + 4 * (m3 + m4) + 0.25f * m5 + m6;
    }

    // ---- five14: the response transform of the 5×5 weight gradient by F(5×5, 3×3)

    /**
     * F(3, 5)'s output transform transposed, A = (Aᵀ)ᵀ along one axis (points 0, ±1, ±2, 1/2, ∞; rows (1, 0, 0),
     * (1, 1, 1), (1, −1, 1), (1, 2, 4), (1, −2, 4), (1, 1/2, 1/4), (0, 0, 1), exact in float), element-wise over n
     * positions: with {@code g_s = in[x_s + i]}, writes the seven points of {@code A g} to {@code out[o + k*step + i]}.
     * The response transform {@code U = A·dy·Aᵀ} of {@code WinogradFiveWeightGradient}'s F(5×5, 3×3) is this down the
     * columns, then along the rows. {@code out}'s range must not overlap the inputs.
     */
    default void winograd53Gradient(float[] in, int x0, int x1, int x2, float[] out, int o, int step, int n) {
        for (int i = 0; i < n; i++) {
            winograd53GradientAt(in, x0 + i, x1 + i, x2 + i, out, o + i, step);
        }
    }

    /** One position of {@link #winograd53Gradient}; vector implementations use it for their tails, so they round alike. */
    static void winograd53GradientAt(float[] in, int x0, int x1, int x2, float[] out, int o, int step) {
        float g0 = in[x0];
        float g1 = in[x1];
        float g2 = in[x2];
        float even = g0 + g2;
        float even2 = g0 + 4 * g2;
        out[o] = g0;
        out[o + step] = even + g1;
        out[o + 2 * step] = even - g1;
        out[o + 3 * step] = even2 + 2 * g1;
        out[o + 4 * step] = even2 - 2 * g1;
        out[o + 5 * step] = (g0 + 0.25f * g2) + 0.5f * g1;
        out[o + 6 * step] = g2;
    }

    // ---- s2w15: the strided F(2×2, 3×3) of a 3×3 stride-2 forward

    /**
     * A row's five columns of n stride-4 windows: {@code out[o + s·step + j] = x[xo + 4j + s]} for s &lt; 5, j &lt; n
     * ({@code x} holds 4n + 4 floats from xo on).
     */
    default void split5(float[] x, int xo, float[] out, int o, int step, int n) {
        for (int j = 0; j < n; j++) {
            for (int s = 0; s < 5; s++) {
                out[o + s * step + j] = x[xo + 4 * j + s];
            }
        }
    }

    /**
     * The strided F(2×2, 3×3)'s input transform of n tiles from their 5 × 5 windows: window element (a, s) of tile j
     * at {@code w[o + a·rowStep + s·colStep + j]}. Per axis the five points {@code x0 - x2, x2, x4 - x2, x1, x3}, along
     * the rows first, then down the columns; point {@code 5i + k} of tile j to {@code out[oo + (5i + k)·pointStep + j]}.
     */
    default void stridedWinogradInput(float[] w, int o, int rowStep, int colStep, int n, float[] out, int oo,
                                      int pointStep) {
        for (int j = 0; j < n; j++) {
            stridedWinogradInputAt(w, o + j, rowStep, colStep, out, oo + j, pointStep);
        }
    }

    /** One tile of {@link #stridedWinogradInput}; vector implementations use it for their tails, so they round alike. */
    static void stridedWinogradInputAt(float[] w, int o, int rowStep, int colStep, float[] out, int oo, int pointStep) {
        for (int k = 0; k < 5; k++) {
            float h0 = stridedWinogradPoint(w, o, colStep, k);
            float h1 = stridedWinogradPoint(w, o + rowStep, colStep, k);
            float h2 = stridedWinogradPoint(w, o + 2 * rowStep, colStep, k);
            float h3 = stridedWinogradPoint(w, o + 3 * rowStep, colStep, k);
            float h4 = stridedWinogradPoint(w, o + 4 * rowStep, colStep, k);
            out[oo + k * pointStep] = h0 - h2;
            out[oo + (5 + k) * pointStep] = h2;
            out[oo + (10 + k) * pointStep] = h4 - h2;
            out[oo + (15 + k) * pointStep] = h1;
            out[oo + (20 + k) * pointStep] = h3;
        }
    }

    /** Point k of one window row's five inputs, {@code w[o + s·colStep]}. */
    private static float stridedWinogradPoint(float[] w, int o, int colStep, int k) {
        switch (k) {
            case 0: return w[o] - w[o + 2 * colStep];
            case 1: return w[o + 2 * colStep];
            case 2: return w[o + 4 * colStep] - w[o + 2 * colStep];
            case 3: return w[o + colStep];
            default: return w[o + 3 * colStep];
        }
    }

    /**
     * The strided F(2×2, 3×3)'s output transform of n tiles: point {@code 5i + k} at {@code m[mo + (5i + k)·pointStep + j]};
     * per axis {@code y0 = (m0 + m1) + m3}, {@code y1 = (m1 + m2) + m4}, along the rows first; output (p, q) of tile j to
     * {@code y[yo + (2p + q)·n + j]}.
     */
    default void stridedWinogradOutput(float[] m, int mo, int pointStep, float[] y, int yo, int n) {
        for (int j = 0; j < n; j++) {
            stridedWinogradOutputAt(m, mo + j, pointStep, y, yo + j, n);
        }
    }

    /** One tile of {@link #stridedWinogradOutput}; vector implementations use it for their tails, so they round alike. */
    static void stridedWinogradOutputAt(float[] m, int mo, int pointStep, float[] y, int yo, int n) {
        int p5 = 5 * pointStep;
        float a0 = m[mo] + m[mo + pointStep] + m[mo + 3 * pointStep];
        float b0 = m[mo + pointStep] + m[mo + 2 * pointStep] + m[mo + 4 * pointStep];
        float a1 = m[mo + p5] + m[mo + p5 + pointStep] + m[mo + p5 + 3 * pointStep];
        float b1 = m[mo + p5 + pointStep] + m[mo + p5 + 2 * pointStep] + m[mo + p5 + 4 * pointStep];
        int r2 = mo + 2 * p5;
        float a2 = m[r2] + m[r2 + pointStep] + m[r2 + 3 * pointStep];
        float b2 = m[r2 + pointStep] + m[r2 + 2 * pointStep] + m[r2 + 4 * pointStep];
        int r3 = mo + 3 * p5;
        float a3 = m[r3] + m[r3 + pointStep] + m[r3 + 3 * pointStep];
        float b3 = m[r3 + pointStep] + m[r3 + 2 * pointStep] + m[r3 + 4 * pointStep];
        int r4 = mo + 4 * p5;
        float a4 = m[r4] + m[r4 + pointStep] + m[r4 + 3 * pointStep];
        float b4 = m[r4 + pointStep] + m[r4 + 2 * pointStep] + m[r4 + 4 * pointStep];
        y[yo] = a0 + a1 + a3;
        y[yo + n] = b0 + b1 + b3;
        y[yo + 2 * n] = a1 + a2 + a4;
        y[yo + 3 * n] = b1 + b2 + b4;
    }

    // ---- s2b22: the 3×3 stride-2 input gradient by a transposed strided Winograd

    /**
     * The stride-2 3×3 scatter's Winograd input transform of n tiles from their 3 × 3 response windows: window element
     * (r, c) of tile j at {@code d[o + (3r + c)·step + j]}. Per axis the five points {@code d0 - d1, d1, d2 - d1, d0, d1},
     * along the rows first, then down the columns; point {@code 5i + k} of tile j to {@code out[oo + (5i + k)·pointStep + j]}.
     */
    default void stridedScatterInput(float[] d, int o, int step, int n, float[] out, int oo, int pointStep) {
        for (int j = 0; j < n; j++) {
            stridedScatterInputAt(d, o + j, step, out, oo + j, pointStep);
        }
    }

    /** One tile of {@link #stridedScatterInput}; vector implementations use it for their tails, so they round alike. */
    static void stridedScatterInputAt(float[] d, int o, int step, float[] out, int oo, int pointStep) {
        for (int k = 0; k < 5; k++) {
            float h0 = stridedScatterPoint(d, o, step, k);
            float h1 = stridedScatterPoint(d, o + 3 * step, step, k);
            float h2 = stridedScatterPoint(d, o + 6 * step, step, k);
            out[oo + k * pointStep] = h0 - h1;
            out[oo + (5 + k) * pointStep] = h1;
            out[oo + (10 + k) * pointStep] = h2 - h1;
            out[oo + (15 + k) * pointStep] = h0;
            out[oo + (20 + k) * pointStep] = h1;
        }
    }

    /** Point k of one window row's three response values {@code d[o + c·n]} (n: the row step). */
    private static float stridedScatterPoint(float[] d, int o, int n, int k) {
        switch (k) {
            case 0: return d[o] - d[o + n];
            case 1: return d[o + n];
            case 2: return d[o + 2 * n] - d[o + n];
            case 3: return d[o];
            default: return d[o + n];
        }
    }

    /**
     * The stride-2 3×3 scatter's Winograd output transform of n tiles: point {@code 5i + k} at
     * {@code m[mo + (5i + k)·pointStep + j]}; per axis the four image-gradient values {@code x0 = m3},
     * {@code x1 = m0 + m1}, {@code x2 = m4}, {@code x3 = m1 + m2}, along the rows first; output (r, c) of tile j to
     * {@code x[xo + (4r + c)·n + j]}.
     */
    default void stridedScatterOutput(float[] m, int mo, int pointStep, float[] x, int xo, int n) {
        for (int j = 0; j < n; j++) {
            stridedScatterOutputAt(m, mo + j, pointStep, x, xo + j, n);
        }
    }

    /** One tile of {@link #stridedScatterOutput}; vector implementations use it for their tails, so they round alike. */
    static void stridedScatterOutputAt(float[] m, int mo, int pointStep, float[] x, int xo, int n) {
        int p5 = 5 * pointStep;
        for (int c = 0; c < 4; c++) {
            float f0 = stridedScatterValue(m, mo, pointStep, c);
            float f1 = stridedScatterValue(m, mo + p5, pointStep, c);
            float f2 = stridedScatterValue(m, mo + 2 * p5, pointStep, c);
            float f3 = stridedScatterValue(m, mo + 3 * p5, pointStep, c);
            float f4 = stridedScatterValue(m, mo + 4 * p5, pointStep, c);
            x[xo + c * n] = f3;
            x[xo + (4 + c) * n] = f0 + f1;
            x[xo + (8 + c) * n] = f4;
            x[xo + (12 + c) * n] = f1 + f2;
        }
    }

    /** Value c of one point row's five products {@code m[o + k·step]}. */
    private static float stridedScatterValue(float[] m, int o, int step, int c) {
        switch (c) {
            case 0: return m[o + 3 * step];
            case 1: return m[o] + m[o + step];
            case 2: return m[o + 4 * step];
            default: return m[o + step] + m[o + 2 * step];
        }
    }

    // ---- s2f30: the strided Winograd forward's output rows, under two vectors wide

    /**
     * {@link #interleave2} for the short runs of the strided Winograd's output transform (13-16 pairs a tile row's
     * half-strip, s2f30): vector versions cover the pairs past the last whole vector with half-vector stores that
     * overlap the pairs before them (the same values again), so they read up to a vector past {@code eo + n} and
     * {@code oo + n}, which the caller must hold; dst is written only at {@code [dOff, dOff + 2n)}. The scalar
     * loops by default; the same floats either way.
     */
    default void interleave2Short(float[] even, int eo, float[] odd, int oo, float[] dst, int dOff, int n) {
        interleave2(even, eo, odd, oo, dst, dOff, n);
    }

    // ---- d5w58: the 5×5 weight gradient's double output transform, channel pairs in the lanes

    /**
     * Channel pairs {@link #fiveGradientOutput} transforms at once (the doubles of a vector); 0: it does not, and
     * the weight gradient runs its scalar transform.
     */
    default int fiveGradientOutputLanes() {
        return 0;
    }

    /** {@link #fiveGradientOutput}'s work doubles a lane: M's 49 points, the 7 × 5 rows of M·G and the 25 of dW. */
    int FIVE_GRADIENT_OUTPUT_WORK = 49 + 35 + 25;

    /**
     * {@code WinogradFiveWeightGradient}'s output transform {@code dW = Gᵀ·M·G} of {@link #fiveGradientOutputLanes}
     * channel pairs side by side, pair j in lane j: M's point t of pair j is the sum over the parts, in part order, of
     * {@code sums[at + part·partFloats + t·pointFloats + j]} ((tile + 4)² points); along M's rows, then down its
     * columns, with the same double operations as that class's scalar {@code transform} (so each lane has the
     * scalar's bits); {@code dw[out + j·outStride + 5k + l] = (float) dW[k][l]}. {@code work}: at least
     * {@link #FIVE_GRADIENT_OUTPUT_WORK} × lanes doubles.
     */
    default void fiveGradientOutput(int tile, double[] sums, int at, int pointFloats, int parts, int partFloats,
                                    double[] work, float[] dw, int out, int outStride) {
        throw new UnsupportedOperationException("no vector lanes: fiveGradientOutputLanes() is 0");
    }
}
