package dev.convkit.core.kernels;

/**
 * The register-blocked heart of the packed GEMM: {@code C[mr x nr] (+)= A-strip × B-strip} over a
 * reduction of length kc. Operands are packed reduction-index-major:
 * {@code a[aOff + k*mr + i]} and {@code b[bOff + k*nr + j]}; C is row-major with leading dimension ldc.
 * Implementations: {@link ScalarMicroKernel} and, with the Vector API, a Panama one.
 */
public interface MicroKernel {
    /** Rows of the register tile. */
    int mr();

    /** Columns of the register tile. */
    int nr();

    /** {@code C = A×B} when {@code accumulate} is false, else {@code C += A×B}. */
    void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * {@link #multiply} with {@code accumulate} true, for callers whose every call is a whole reduction block (p1f50:
     * the 1×1 forward across the images, {@code kc} of 256 but for the last block): a kernel may run the block as one
     * loop where its {@link #multiply} runs short ones. The same sums in the same order, so the same bits.
     */
    default void multiplyAddBlock(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        multiply(kc, a, aOff, b, bOff, c, cOff, ldc, true);
    }

    /** Lanes of {@link #dotBlock}'s accumulators: the reduction index modulo this picks the lane. */
    int dotLanes();

    /**
     * A 4 × 4 block of dot products over rows that are contiguous along the reduction (the weight
     * gradient's rows: response and image both run along the positions):
     * {@code acc[accOff + (4i + j)·dotLanes() + (v mod dotLanes())] += d[dOff + i·ldd + v] · x[xj + v]} for
     * i, j &lt; 4 and v &lt; len, a multiple of dotLanes(). Each lane sums its positions in index order, so
     * the caller adds the lanes in a fixed order for results that do not depend on the thread count.
     */
    void dotBlock(int len, float[] d, int dOff, int ldd, float[] x, int x0, int x1, int x2, int x3, float[] acc,
                  int accOff);

    /**
     * {@link #dotBlock}'s tail (r1x30): positions {@code from + v}, {@code v < tail < dotLanes()}, {@code from} a multiple
     * of dotLanes(), each product rounded and then added into lane v, as a scalar loop adds it:
     * {@code acc[accOff + (4i + j)·dotLanes() + v] += d[dOff + i·ldd + from + v] · x[xj + from + v]}. A vector
     * kernel reads a whole vector from each row's {@code from}: the caller keeps dotLanes() floats readable there.
     */
    default void dotBlockTail(int from, int tail, float[] d, int dOff, int ldd, float[] x, int x0, int x1, int x2, int x3,
                              float[] acc, int accOff) {
        int lanes = dotLanes();
        for (int i = 0; i < 4; i++) {
            int row = dOff + i * ldd + from;
            for (int j = 0; j < 4; j++) {
                int col = (j == 0 ? x0 : j == 1 ? x1 : j == 2 ? x2 : x3) + from;
                int at = accOff + (4 * i + j) * lanes;
                for (int v = 0; v < tail; v++) {
                    acc[at + v] += d[row + v] * x[col + v];
                }
            }
        }
    }

    // ---- gemm6: the implicit-GEMM kernel that reads the image in place

    /**
     * {@code C[mr x nr] (+)= A × B} with A read from an image in place instead of packed: row i of the
     * tile is the response position whose window starts at {@code p + i*step} (positions along one
     * response row, {@code step} the stride), and reduction index k reads {@code img[p + i*step + koff[kOff + k]]}
     * ({@code koff}: the channel's and the tap's offset). B is packed as in {@link #multiply}, here the
     * weights with the response channels as columns. No im2col is packed, whatever the stride.
     */
    void multiplyRowGather(int kc, float[] img, int p, int step, int[] koff, int kOff, float[] b, int bOff, float[] c,
                           int cOff, int ldc, boolean accumulate);

    // ---- s2conv8: B read in place, rows at offsets

    /**
     * {@code C[mr x nr] (+)= A × B} with A packed as in {@link #multiply} and B read in place: reduction index k's
     * row is {@code src[koff[kOff + k] + p + j]}, j &lt; nr (contiguous runs of a phase plane or a bordered
     * response), so no B is packed. Each element sums its k in order, as {@link #multiply} does.
     */
    default void multiplyRowsInPlace(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p, float[] c,
                                     int cOff, int ldc, boolean accumulate) {
        int mr = mr();
        int nr = nr();
        if (!accumulate) {
            clearTile(c, cOff, ldc);
        }
        for (int k = 0; k < kc; k++) {
            int bk = koff[kOff + k] + p;
            int ak = aOff + k * mr;
            for (int i = 0; i < mr; i++) {
                float ai = a[ak + i];
                int row = cOff + i * ldc;
                for (int j = 0; j < nr; j++) {
                    c[row + j] += ai * src[bk + j];
                }
            }
        }
    }

    /**
     * {@link #multiplyRowsInPlace} over the first half of the tile's columns, {@code j < nr / 2} (grp24: a run's
     * last strip where at most half of it is wanted, half the multiply-adds). Each element sums its k in order, as
     * {@link #multiplyRowsInPlace} does, so the bits are the same.
     */
    default void multiplyRowsInPlaceHalf(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p,
                                         float[] c, int cOff, int ldc, boolean accumulate) {
        int mr = mr();
        int half = nr() / 2;
        for (int k = 0; k < kc; k++) { // multiplyRowsInPlace's loops, over half the columns
            int bk = koff[kOff + k] + p;
            int ak = aOff + k * mr;
            for (int i = 0; i < mr; i++) {
                float ai = a[ak + i];
                int row = cOff + i * ldc;
                for (int j = 0; j < half; j++) {
                    c[row + j] = (k == 0 && !accumulate ? 0f : c[row + j]) + ai * src[bk + j];
                }
            }
        }
    }

    /**
     * {@link #multiplyRowsInPlace}, and the B rows it read packed as {@link #multiply} reads them,
     * {@code packed[packedOff + k·nr + j]}: the first register tile of a column strip packs it for the others.
     */
    default void multiplyRowsPacking(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p, float[] packed,
                                     int packedOff, float[] c, int cOff, int ldc, boolean accumulate) {
        int nr = nr();
        for (int k = 0; k < kc; k++) {
            System.arraycopy(src, koff[kOff + k] + p, packed, packedOff + k * nr, nr);
        }
        multiply(kc, a, aOff, packed, packedOff, c, cOff, ldc, accumulate);
    }

    // ---- s2bwd18: A read in place, each tile row a contiguous row of its own

    /**
     * {@code C[mr x nr] (+)= A × B} with B packed as in {@link #multiply} and A read in place: tile row i's reduction
     * index k is {@code src[rows[rOff + i] + p + k]} (the 3×3 stride-2 weight gradient's tap rows, contiguous along the
     * response positions in the column-phase planes), so no A is packed. Each element sums its k in order as
     * {@link #multiply} does, and a product's bits do not depend on which factor is broadcast: C equals {@link #multiply}'s
     * with A and B's roles swapped, bit for bit.
     */
    default void multiplyARowsInPlace(int kc, float[] src, int[] rows, int rOff, int p, float[] b, int bOff, float[] c,
                                      int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            clearTile(c, cOff, ldc);
        }
        int nr = nr();
        for (int k = 0; k < kc; k++) {
            int bk = bOff + k * nr;
            for (int i = 0; i < mr(); i++) {
                float ai = src[rows[rOff + i] + p + k];
                int row = cOff + i * ldc;
                for (int j = 0; j < nr; j++) {
                    c[row + j] += ai * b[bk + j];
                }
            }
        }
    }

    /**
     * r1x58: a whole MR strip of A whose rows are columns of {@code w}: {@code p[pOff + kk·mr + i] = w[from + kk·ld + i]}
     * for i &lt; mr, kk &lt; k (the 1×1 input gradient's transposed weights). A copy call per MR floats was a sixth of
     * ResNet's 512 -> 1024 shortcut's input gradient; a backend may move each row as one vector.
     */
    default void packColumnStrip(float[] w, int from, int ld, int k, float[] p, int pOff) {
        int mr = mr();
        for (int kk = 0; kk < k; kk++) {
            System.arraycopy(w, from + kk * ld, p, pOff + kk * mr, mr);
        }
    }

    /**
     * r1x49: whether the 1×1 weight gradient runs as the GEMM with A's rows read in place ({@link
     * #multiplyARowsInPlace}) rather than as {@link #dotBlock}s and the packed GEMM: where that kernel is fast and its
     * first compilation leaves the other kernels alone. Decided once per backend; the default keeps the dots. The 1×1
     * forward across images also reads its A strips from the weight rows in place where this holds (x1s60,
     * {@code FastConv.weightRowsPay}): the same in-place kernels, the same JDK 18+ condition.
     */
    default boolean pointwiseWeightGradientInPlace() {
        return false;
    }

    /**
     * {@link #multiplyARowsInPlace} over the first half of the tile's columns, {@code j < nr / 2} (s2b25: the weight
     * gradient's last response-channel strip where at most half of it exists, 48 = 32 + 16 or 80 = 64 + 16 channels,
     * half the multiply-adds). Each element sums its k in order as {@link #multiplyARowsInPlace} does, so the bits are
     * the same; the tile's other columns are left alone.
     */
    default void multiplyARowsInPlaceHalf(int kc, float[] src, int[] rows, int rOff, int p, float[] b, int bOff,
                                          float[] c, int cOff, int ldc, boolean accumulate) {
        int nr = nr();
        int half = nr / 2;
        for (int i = 0; i < mr(); i++) {
            int row = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, row, row + half, 0f);
            }
            for (int k = 0; k < kc; k++) { // multiplyARowsInPlace's order: each element's k ascending
                float ai = src[rows[rOff + i] + p + k];
                int bk = bOff + k * nr;
                for (int j = 0; j < half; j++) {
                    c[row + j] += ai * b[bk + j];
                }
            }
        }
    }

    /** The mr × nr tile of C at {@code cOff} set to zero: the in-place defaults' start when not accumulating. */
    private void clearTile(float[] c, int cOff, int ldc) {
        for (int i = 0; i < mr(); i++) {
            java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + nr(), 0f);
        }
    }

    // ---- gemm9: B strips packed from a contiguous row

    /**
     * Packs {@code count} floats of a contiguous row, {@code src[srcOff + v]}, into NR-wide strips as {@link #multiply}
     * reads B: {@code dst[dstOff + (v / nr)·dstStride + v % nr]}, zeros past {@code count} to the last strip's end.
     * One call per row: copying each strip's NR floats by a call of its own cost more than the copy itself
     * (r1x1-56's B block, 256 rows × 16 strips a tile, packed in 1.7 ms per call against 1.4 by one vector loop).
     */
    default void packStrips(float[] src, int srcOff, int count, float[] dst, int dstOff, int dstStride) {
        int nr = nr();
        for (int v = 0, d = dstOff; v < count; v += nr, d += dstStride) {
            int n = Math.min(nr, count - v);
            System.arraycopy(src, srcOff + v, dst, d, n);
            java.util.Arrays.fill(dst, d + n, d + nr, 0f);
        }
    }

    // ---- s2conv10: B strips gathered at tap offsets (the stride-2 weight gradient's taps)

    /**
     * {@code count} rows of a B strip as {@link #multiply} reads it, gathered from an image:
     * {@code dst[dOff + p·nr + j] = src[base + p·step + offsets[oOff + j]]} for p &lt; count, j &lt; nr (row p a response
     * position, lane j a tap). Sequential stores, one strip row at a time, instead of one tap's column NR floats apart.
     */
    default void gatherStrip(float[] src, int base, int step, int count, int[] offsets, int oOff, float[] dst, int dOff) {
        int nr = nr();
        for (int p = 0; p < count; p++) {
            int from = base + p * step;
            int to = dOff + p * nr;
            for (int j = 0; j < nr; j++) {
                dst[to + j] = src[from + offsets[oOff + j]];
            }
        }
    }

    // ---- s2fwd12: B strips read from phase rows, skipping the column past each response row

    /**
     * Narrowest response row {@link #multiplyRowsPackingSkipping} takes: a half's first row end falls at lane 1 or
     * later, so with rows of nr/2 - 1 its next one falls past the half's nr/2 lanes (c5s2-23: 7×7 on 15-wide rows).
     */
    static int narrowestSkippedRow(int nr) {
        return nr / 2 - 1;
    }

    /**
     * {@link #multiplyRowsPacking} for rows of a phase plane {@code skip} columns longer than the response rows (the
     * columns a kernel side's taps reach right: 1 for 3×3, 2 for 5×5, 3 for 7×7): the strip's two halves of nr/2
     * lanes, half h from {@code p_h}, and lane j of a half skips {@code skip} columns once it has crossed into the
     * next response row ({@code j >= s_h}): B's row k is {@code src[koff[kOff + k] + p_h + j + (j >= s_h ? skip : 0)]},
     * packed to {@code packed[packedOff + k·nr + h·nr/2 + j]} for the strip's other register tiles. So the GEMM
     * computes only kept columns; callers keep response rows at least {@link #narrowestSkippedRow} wide (one crossing
     * a half).
     */
    default void multiplyRowsPackingSkipping(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int p0,
                                             int s0, int p1, int s1, int skip, float[] packed, int packedOff, float[] c,
                                             int cOff, int ldc, boolean accumulate) {
        int nr = nr();
        int half = nr / 2;
        for (int k = 0; k < kc; k++) {
            int row = koff[kOff + k];
            int to = packedOff + k * nr;
            for (int j = 0; j < half; j++) {
                packed[to + j] = src[row + p0 + j + (j >= s0 ? skip : 0)];
                packed[to + half + j] = src[row + p1 + j + (j >= s1 ? skip : 0)];
            }
        }
        multiply(kc, a, aOff, packed, packedOff, c, cOff, ldc, accumulate);
    }

    // ---- s2f55: B strips read from a stride-2 image in place, even columns picked in registers

    /**
     * s2f55: whether the 3×3 stride-2 forward's first register tile reads the image in place
     * ({@link #multiplyStridedRowsPacking}) rather than a band of phase planes. Decided once per backend; the default
     * keeps the band.
     */
    default boolean stridedRowsInPlace() {
        return false;
    }

    /**
     * {@link #multiplyRowsPackingSkipping} on the image itself instead of its phase planes (a stride-2 correlation's
     * first register tile, so no band of phase planes is written and read back): lane j of half h reads every second
     * image element, {@code src[koff[kOff + k] + p_h + 2j + (j >= s_h ? skip : 0)]}, and is zero where
     * {@code keep[keepOff + t·nr + h·nr/2 + j] == 0} for tap {@code t = (kOff + k) % taps} (padding, and lanes past the
     * image's positions: those lanes are never read here). Packed to {@code packed[packedOff + k·nr + h·nr/2 + j]} as
     * there. A vector implementation loads whole vectors around every lane, kept or not, and falls back to this one where
     * such a load would leave {@code src}: {@code koff[kOff .. kOff + kc)} must be non-decreasing.
     */
    default void multiplyStridedRowsPacking(int kc, float[] a, int aOff, float[] src, int[] koff, int kOff, int taps,
                                            int p0, int s0, int p1, int s1, int skip, int[] keep, int keepOff, float[] packed,
                                            int packedOff, float[] c, int cOff, int ldc, boolean accumulate) {
        int nr = nr();
        int half = nr / 2;
        for (int k = 0; k < kc; k++) {
            int row = koff[kOff + k];
            int mask = keepOff + (kOff + k) % taps * nr;
            int to = packedOff + k * nr;
            for (int j = 0; j < half; j++) {
                packed[to + j] = keep[mask + j] != 0 ? src[row + p0 + 2 * j + (j >= s0 ? skip : 0)] : 0f;
                packed[to + half + j] = keep[mask + half + j] != 0 ? src[row + p1 + 2 * j + (j >= s1 ? skip : 0)] : 0f;
            }
        }
        multiply(kc, a, aOff, packed, packedOff, c, cOff, ldc, accumulate);
    }

    // ---- five12: a product chain's sums added straight to double sums

    /**
     * {@code sums[sOff + i·nr + j] += (double) (A×B)[i][j]} over a reduction of length kc, A and B packed as in
     * {@link #multiply}: the float sums of the chain, each widened and added to its double sum (the Winograd 5×5
     * weight gradient's chains). {@code tile} (mr·nr floats) holds them here; a vector implementation adds them from
     * its registers, so they do not pass through memory (the reloads of a just stored tile waited for the stores).
     */
    default void multiplyAddToDoubles(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile, double[] sums,
                                      int sOff) {
        multiply(kc, a, aOff, b, bOff, tile, 0, nr(), false);
        for (int i = 0, n = mr() * nr(); i < n; i++) {
            sums[sOff + i] += tile[i];
        }
    }

    /**
     * d5w58: {@link #multiplyAddToDoubles}, of which only the first {@code nr/2} columns are wanted (the last strip of
     * image channels ending at most half a strip in: 48 = 32 + 16, 40 = 32 + 8); the other columns' sums may be left
     * as they are. Each wanted column's chain and its double sum are {@link #multiplyAddToDoubles}'s, so the same bits.
     * By default, {@link #multiplyAddToDoubles} itself.
     */
    default void multiplyAddToDoublesHalf(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile, double[] sums,
                                          int sOff) {
        multiplyAddToDoubles(kc, a, aOff, b, bOff, tile, sums, sOff);
    }

    /**
     * d5w58: {@link #multiplyAddToDoubles} where the sums were zero: {@code sums[sOff + i·nr + j] = (double) (A×B)[i][j]},
     * no zero fill before and no reload. A chain's float sum starts at +0 and is never −0 (x + (+0) is +0 for x = ±0
     * under round to nearest), so 0.0 + s = s: the same bits.
     */
    default void multiplyStoreToDoubles(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile, double[] sums,
                                        int sOff) {
        multiply(kc, a, aOff, b, bOff, tile, 0, nr(), false);
        for (int i = 0, n = mr() * nr(); i < n; i++) {
            sums[sOff + i] = tile[i];
        }
    }

    /** d5w58: {@link #multiplyStoreToDoubles} of a half strip, as {@link #multiplyAddToDoublesHalf}. By default the whole strip. */
    default void multiplyStoreToDoublesHalf(int kc, float[] a, int aOff, float[] b, int bOff, float[] tile,
                                            double[] sums, int sOff) {
        multiplyStoreToDoubles(kc, a, aOff, b, bOff, tile, sums, sOff);
    }

    // ---- onex13: a ragged strip of at most nr/2 columns, half the multiply-adds

    /**
     * {@link #multiply}, of which only the first {@code nr/2} columns are wanted (B packed as there; C's other columns
     * may be overwritten, so C is nr wide): the last strip of a tile that ends at most half a strip in (14×14 = 196 =
     * 6·32 + 4, 13×13 = 169 = 5·32 + 9, 28×28's second tile of 272 = 8·32 + 16) costs half a full strip where a vector
     * kernel computes only those columns. Each wanted column is the same chain, added to C the same way, as in
     * {@link #multiply}, so it has the same bits. By default, {@link #multiply} itself.
     */
    default void multiplyHalf(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                              boolean accumulate) {
        multiply(kc, a, aOff, b, bOff, c, cOff, ldc, accumulate);
    }
}
