package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;

/**
 * The weight gradient of the plain 2-d stride-2 convolutions {@link PhaseSplitConv#applies} to, over phases of the
 * padded image (s2conv9 for 3×3, written out below; c5s2wg20 for sides 2 to 7: 2·KW planes of
 * {@code oh + (KH - 1) / 2} rows a channel, tap (kh, kw) in plane (kh % 2, kw) kh / 2 rows down, so 5×5 copies each
 * image element 2.5 times, 7×7 3.5 times, against the strided im2col's 6.25 and 12.25 gathers):
 * tap (kh, kw) of image channel ci at response position (r, c) reads image element
 * {@code (2r + kh - pt, 2c + kw - pl)}, which is element (r + kh / 2, c) of the column-phase plane
 * {@code P[a][b][i][j] = x[2i + a - pt][2j + b - pl]} with a = kh % 2 and b = kw (six planes per channel, rows
 * of ow columns: the response's own row width). So every tap's row is one contiguous run of a plane, the
 * response is read in place, and {@code dW[co][ci·9 + tap] = Σ_n Σ_v dy_n[co][v] · P_n[ci][tap][v]} is a dot
 * product of contiguous rows, four response channels by four taps at a time on {@link MicroKernel#dotBlock}.
 * The strided GEMM path gathered the transposed im2col element by element (9 reads per image element) and
 * transposed the response for every column block of dW; here each image element is copied 1.5 times into
 * its planes, and the response not at all.
 *
 * <p>That is the path for batches whose transposed response passes {@value #TRANSPOSED_MAX} floats. Below it the
 * packed GEMM runs ({@link #weightGradientPacked}): measured (thread CPU time, one thread, loaded machine) 7.8-7.9 ms
 * on r3x3-s2 against 8.4-9.0 for the dots (dotBlock, 4 × 4 blocks, half of its time streaming the taps from L2) and
 * 8.4-8.5 against 10.4 on r3x3-s2-57.
 *
 * <p>Tiles of at most {@value #TILE_ROWS} response channels × {@value #TILE_CHANNELS} image channels keep their
 * lane accumulators across the batch; positions past the last whole vector of an image go into their lanes as
 * one more vector, copied with zeros after them. Every weight is summed by one tile, over the same positions in the same lanes in the same
 * order, whatever the tiles and the thread count.
 */
final class PhaseSplitWeightGradient {
    /** Response channels per tile. */
    static final int TILE_ROWS = 128;
    /** Image channels per tile (× 9 taps): an image's planes of them stay in L2 while the response rows pass. */
    static final int TILE_CHANNELS = 16;

    private final MicroKernel micro;
    private final VectorOps vectors;
    private final ThreadScratch scratch = new ThreadScratch();
    /** The packed GEMM's transposed response, per calling thread: a role no task uses. */
    private final ThreadScratch packedResponse = new ThreadScratch();

    /** Whether a core has a large L2 ({@link WinogradConv#largeL2}): 3×3 gathers its taps at every width (s2b60). */
    private final boolean largeL2;

    /** On a core of unknown L2: the fixed rules. */
    PhaseSplitWeightGradient(MicroKernel micro, VectorOps vectors) {
        this(micro, vectors, 0);
    }

    /** {@code l2Bytes}: a core's L2 cache, 0 if unknown ({@link WinogradConv#largeL2}; tests force either). */
    PhaseSplitWeightGradient(MicroKernel micro, VectorOps vectors, long l2Bytes) {
        this.micro = micro;
        this.vectors = vectors;
        this.largeL2 = WinogradConv.largeL2(l2Bytes);
    }

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        if (packedFits(g)) {
            return weightGradientPacked(g, image, response);
        }
        return weightGradientDots(g, image, response);
    }

    /** The dots over the column-phase planes: where the transposed response would not fit. */
    float[] weightGradientDots(ConvGeometry g, float[] image, float[] response) {
        int cin = g.imageChannels();
        int m = g.responseChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int taps = kh * kw;
        int planes = 2 * kw;
        int lanes = micro.dotLanes();
        int positions = oh * ow;
        int len = positions / lanes * lanes;
        int pRows = planeRows(oh, kh);
        int planeSize = pRows * ow;
        int[] tapOffset = tapOffsets(kh, kw, oh, ow);
        int rowBlocks = (m + TILE_ROWS - 1) / TILE_ROWS;
        int mQuads = (m + 3) / 4;
        // a tile per thread at least; how the channels are dealt out does not change a weight's sum
        int channelBlocks = Math.min(cin, Math.max((cin + TILE_CHANNELS - 1) / TILE_CHANNELS,
                (Parallel.threads() + rowBlocks - 1) / rowBlocks));
        int k = cin * taps;
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(rowBlocks * channelBlocks, task -> {
            int rb = task / channelBlocks;
            int cb = task % channelBlocks;
            int co0 = rb * mQuads / rowBlocks * 4;
            int rows = Math.min((rb + 1) * mQuads / rowBlocks * 4, m) - co0;
            int ci0 = cb * cin / channelBlocks;
            int channels = (cb + 1) * cin / channelBlocks - ci0;
            int kn = channels * taps;
            int rowQuads = (rows + 3) / 4;
            int tapQuads = (kn + 3) / 4;
            int accFloats = rowQuads * tapQuads * 16 * lanes;
            int xOff = accFloats;
            int tail = positions - len;
            // the positions past the last whole vector, one vector of them zero-padded: response rows, then taps
            int dTail = xOff + channels * planes * planeSize;
            int xTail = dTail + rowQuads * 4 * lanes;
            float[] work = scratch.floats(xTail + tapQuads * 4 * lanes);
            Arrays.fill(work, 0, accFloats, 0f);
            int[] tapRow = scratch.ints(tapQuads * 4);
            for (int t = 0; t < tapQuads * 4; t++) {
                int tt = Math.min(t, kn - 1); // a ragged quad repeats its last tap: those sums are never read
                tapRow[t] = xOff + tt / taps * planes * planeSize + tapOffset[tt % taps];
            }
            for (int n = 0; n < g.batch(); n++) {
                splitColumnPhases(image, (n * cin + ci0) * h * w, channels, h, w, pt, pl, pRows, ow, kw, work, xOff);
                int dyBase = (n * m + co0) * positions;
                if (tail > 0) {
                    Arrays.fill(work, dTail, xTail + tapQuads * 4 * lanes, 0f);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(response, dyBase + r * positions + len, work, dTail + r * lanes, tail);
                    }
                    for (int t = 0; t < tapQuads * 4; t++) {
                        System.arraycopy(work, tapRow[t] + len, work, xTail + t * lanes, tail);
                    }
                }
                for (int rq = 0; rq < rowQuads; rq++) {
                    int d = dyBase + 4 * rq * positions;
                    int quadRows = Math.min(4, rows - 4 * rq);
                    for (int tq = 0; tq < tapQuads; tq++) {
                        int at = (rq * tapQuads + tq) * 16 * lanes;
                        int x0 = tapRow[4 * tq];
                        if (quadRows == 4) {
                            micro.dotBlock(len, response, d, positions, work, x0, tapRow[4 * tq + 1],
                                    tapRow[4 * tq + 2], tapRow[4 * tq + 3], work, at);
                            if (tail > 0) { // the tail as one more vector, in the lanes its positions fall in
                                int xt = xTail + 4 * tq * lanes;
                                micro.dotBlock(lanes, work, dTail + 4 * rq * lanes, lanes, work, xt, xt + lanes,
                                        xt + 2 * lanes, xt + 3 * lanes, work, at);
                            }
                        } else { // the last rows when M is not a multiple of 4: rare, scalar
                            dotTail(0, positions, lanes, response, d, positions, quadRows, work, tapRow, 4 * tq,
                                    Math.min(4, kn - 4 * tq), at);
                        }
                    }
                }
            }
            FastConv.sumLanesInOrder(work, rows, kn, tapQuads, lanes, dw, co0, k, ci0 * taps);
        });
        return dw;
    }

    // ---------------------------------------------------------------- the packed GEMM

    /** Floats of the transposed response at most (16 MB): past that, the dots. */
    static final int TRANSPOSED_MAX = 1 << 22;

    /** Whether the packed GEMM's transposed response of {@code g} fits {@link #TRANSPOSED_MAX}. */
    boolean packedFits(ConvGeometry g) {
        long floats = (long) g.batch() * roundUp(g.responseChannels(), micro.nr()) * g.responsePlane();
        return floats <= TRANSPOSED_MAX;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /**
     * {@code dW^T[9·Cin × M] = Σ_n im2col_n · dy_n^T} on the micro-kernel, the taps as its A side read in place: the
     * response transposed into NR strips once per call (one task per image), then dW's columns in blocks of NR strips,
     * each splitting its image channels into the column-phase planes per image (as the dots do: every tap's row is one
     * contiguous run of a plane) and multiplying MR tap rows in place ({@link MicroKernel#multiplyARowsInPlace}) by
     * each response strip, for runs of whole response rows of about {@link FastConv#KC} positions. Every weight sums
     * images, then runs, in order, whatever the blocks; and the same products in the same order as the GEMM with the
     * response as A and the taps gathered into B strips (s2bwd13-17), so the same bits with none of that packing.
     */
    float[] weightGradientTapRows(ConvGeometry g, float[] image, float[] response) {
        int cin = g.imageChannels();
        int m = g.responseChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int mr = micro.mr();
        int nr = micro.nr();
        int np = roundUp(m, nr);
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int taps = kh * kw;
        int planes = 2 * kw;
        int positions = oh * ow;
        int k = cin * taps;
        int runRows = Math.max(1, FastConv.KC / ow);
        int runs = (oh + runRows - 1) / runRows;
        int perImage = np * positions; // run r's strips from np * (its first position)
        float[] transposed = transposedResponse(g, response, nr, runRows);
        int pRows = planeRows(oh, kh);
        int planeSize = pRows * ow;
        int[] tapOffset = tapOffsets(kh, kw, oh, ow);
        int kStrips = (k + nr - 1) / nr;
        int blocks = columnBlocks(kStrips, k, Parallel.threads());
        float[] dw = Storage.floats(g.weightSize()); // every weight is written by its block: no zeroing (s2b59)
        Parallel.forEach(blocks, block -> {
            int k0 = Math.min(block * kStrips / blocks * nr, k);
            int kn = Math.min((block + 1) * kStrips / blocks * nr, k) - k0;
            int knp = roundUp(kn, mr);
            int ldc = np + 16;
            int c0 = k0 / taps;
            int channels = (k0 + kn - 1) / taps + 1 - c0;
            int planesOff = knp * ldc;
            float[] work = scratch.floats(planesOff + channels * planes * planeSize);
            int[] tapRow = scratch.ints(knp);
            for (int t = 0; t < knp; t++) {
                int kk = k0 + Math.min(t, kn - 1); // a ragged last tile repeats its last tap: those rows are never read
                tapRow[t] = planesOff + (kk / taps - c0) * planes * planeSize + tapOffset[kk % taps];
            }
            for (int n = 0; n < g.batch(); n++) {
                splitColumnPhases(image, (n * cin + c0) * h * w, channels, h, w, pt, pl, pRows, ow, kw, work, planesOff);
                for (int run = 0; run < runs; run++) {
                    int v0 = run * runRows * ow;
                    int vc = Math.min(oh - run * runRows, runRows) * ow;
                    int bBase = n * perImage + np * v0;
                    boolean accumulate = n > 0 || run > 0;
                    // BLIS order: one response strip stays in L1 while the tap rows stream past it
                    for (int ns = 0; ns < np / nr; ns++) {
                        // a last strip of at most nr/2 response channels (48, 80, 112 of them) at half width: same bits
                        boolean half = m - ns * nr <= nr / 2;
                        for (int ms = 0; ms < knp / mr; ms++) {
                            if (half) {
                                micro.multiplyARowsInPlaceHalf(vc, work, tapRow, ms * mr, v0, transposed,
                                        bBase + ns * vc * nr, work, ms * mr * ldc + ns * nr, ldc, accumulate);
                            } else {
                                micro.multiplyARowsInPlace(vc, work, tapRow, ms * mr, v0, transposed, bBase + ns * vc * nr,
                                        work, ms * mr * ldc + ns * nr, ldc, accumulate);
                            }
                        }
                    }
                }
            }
            // dW^T's rows back as dW's columns, 16 at a time: each dW row written 16 floats on, 16 tile rows read along
            // (column by column the writes went to a new line of dW each: 8% of h28's weight gradient)
            for (int t0 = 0; t0 < kn; t0 += 16) {
                int t1 = Math.min(kn, t0 + 16);
                for (int co = 0; co < m; co++) {
                    int row = co * k + k0;
                    for (int t = t0; t < t1; t++) {
                        dw[row + t] = work[t * ldc + co];
                    }
                }
            }
        });
        return dw;
    }

    /**
     * The packed GEMM, same products in the same order either way (so the same bits): the taps gathered into strips
     * ({@link #weightGradientTapsGathered}) where {@link #gathersTaps}, else the tap rows read in place
     * ({@link #weightGradientTapRows}).
     */
    float[] weightGradientPacked(ConvGeometry g, float[] image, float[] response) {
        return gathersTaps(g) ? weightGradientTapsGathered(g, image, response) : weightGradientTapRows(g, image, response);
    }

    /**
     * Whether {@link #weightGradientPacked} gathers the taps: 3×3 only (past it the tap rows at any width, c5s2wg20),
     * where a response row is narrower than a vector, or at any width on a large L2. s2b60, on the Intel host (2 MB L2,
     * slow mesh L3), the two forms alternating call by call in one JVM, thread CPU at one thread: the gathered taps took
     * 0.89-0.95x the tap rows' time on rows of 33-64 (h53-s2-1img-71, h48-s2-1img-65, 1 × 64 × 127² -> 128), and
     * 0.74-0.92x on the narrower rows that already gathered; summed CPU at two threads 0.75-0.93x on the wide ones.
     * Measured up to 64-wide rows on that one host; the bits are the same either way, so a wider row or another large-L2
     * host risks time, not results.
     */
    boolean gathersTaps(ConvGeometry g) {
        return PhaseSplitConv.threeByThree(g) && (largeL2 || g.response()[2] < micro.nr());
    }

    /**
     * {@code dW[M × 9·Cin] = Σ_n dy_n · im2col_n^T} on the micro-kernel: the response's rows read in place as A
     * ({@link MicroKernel#multiplyARowsInPlace}, the same products in the same order as the MR strips they were
     * transposed into before s2b23, so the same bits without that transpose), dW's columns in blocks of NR strips,
     * each copying its image channels zero-padded per image and gathering its taps' im2col transposed from them (a
     * strip row a position, stride 2, no checks: the edge positions went element by element, 7% of r3x3-s2's and 13%
     * of r3x3-s2-57's) for runs of whole response rows of about {@link FastConv#KC} positions. Every weight sums
     * images, then runs, in order, whatever the blocks.
     * Kept for response planes narrower than NR (s2bwd18: there the tap rows' phase split, rows shorter than a vector,
     * cost what these gathers do, and h28 / h31p0 read 9-13 % slower on {@link #weightGradientTapRows}), and on a
     * large L2 for every width ({@link #gathersTaps}).
     */
    float[] weightGradientTapsGathered(ConvGeometry g, float[] image, float[] response) {
        int cin = g.imageChannels();
        int m = g.responseChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int mr = micro.mr();
        int nr = micro.nr();
        int mp = roundUp(m, mr);
        int positions = oh * ow;
        int k = cin * 9;
        int runRows = Math.max(1, FastConv.KC / ow);
        int runs = (oh + runRows - 1) / runRows;
        int kStrips = (k + nr - 1) / nr;
        int blocks = columnBlocks(kStrips, k, Parallel.threads());
        float[] dw = Storage.floats(g.weightSize()); // every weight is written by its block: no zeroing (s2b59)
        Parallel.forEach(blocks, block -> {
            int k0 = Math.min(block * kStrips / blocks * nr, k);
            int kn = Math.min((block + 1) * kStrips / blocks * nr, k) - k0;
            int knp = roundUp(kn, nr);
            int ldc = knp + 16;
            int cOff = knp * runRows * ow;
            // the block's image channels, zero-padded to every row and column a tap reads: the taps gathered unchecked
            int c0 = k0 / 9;
            int channels = (k0 + kn - 1) / 9 + 1 - c0;
            int hp = 2 * oh + 1;
            int wp = 2 * ow + 1;
            int padOff = cOff + mp * ldc;
            float[] work = scratch.floats(padOff + channels * hp * wp);
            // the taps' offsets in the padded channels, then each A row's response row in the image
            int[] offsets = scratch.ints(knp + mp);
            for (int t = 0; t < knp; t++) {
                int kk = k0 + t;
                offsets[t] = t < kn ? ((kk / 9 - c0) * hp + kk % 9 / 3) * wp + kk % 3 : 0; // lanes past kn: dropped
            }
            for (int n = 0; n < g.batch(); n++) {
                for (int co = 0; co < mp; co++) { // rows past M repeat the last: those sums are never read
                    offsets[knp + co] = (n * m + Math.min(co, m - 1)) * positions;
                }
                padChannels(image, (n * cin + c0) * h * w, channels, h, w, pt, pl, hp, wp, work, padOff);
                for (int run = 0; run < runs; run++) {
                    int r0 = run * runRows;
                    int rows = Math.min(oh - r0, runRows);
                    int vc = rows * ow;
                    packTaps(work, padOff, wp, ow, offsets, knp, nr, r0, rows, work);
                    boolean accumulate = n > 0 || run > 0;
                    // BLIS order: one B strip stays in L1 while the A rows stream past it
                    for (int ns = 0; ns < knp / nr; ns++) {
                        for (int ms = 0; ms < mp / mr; ms++) {
                            micro.multiplyARowsInPlace(vc, response, offsets, knp + ms * mr, r0 * ow, work, ns * vc * nr,
                                    work, cOff + ms * mr * ldc + ns * nr, ldc, accumulate);
                        }
                    }
                }
            }
            for (int co = 0; co < m; co++) {
                System.arraycopy(work, cOff + co * ldc, dw, co * k + k0, kn);
            }
        });
        return dw;
    }

    /**
     * The response transposed into strips of {@code strip} rows, per image and run of {@code runRows} response rows
     * (image n's run from {@code n · roundUp(M, strip) · positions + roundUp(M, strip) · v0}), one task per image and
     * run (s2g49: a task per image left one image's transpose on one thread at two), in the calling thread's
     * {@link #packedResponse}.
     */
    private float[] transposedResponse(ConvGeometry g, float[] response, int strip, int runRows) {
        int m = g.responseChannels();
        int oh = g.response()[1];
        int ow = g.response()[2];
        int positions = oh * ow;
        int runs = (oh + runRows - 1) / runRows;
        int perImage = roundUp(m, strip) * positions;
        float[] transposed = packedResponse.floats(g.batch() * perImage);
        Parallel.forEach(g.batch() * runs, task -> {
            int n = task / runs;
            int run = task % runs;
            int v0 = run * runRows * ow;
            int vc = Math.min(oh - run * runRows, runRows) * ow;
            transposeStrips(response, n * m * positions, positions, m, strip, v0, vc, transposed,
                    n * perImage + roundUp(m, strip) * v0, stripLanes(positions, strip, micro.nr()));
        });
        return transposed;
    }

    /**
     * Rows of a column-phase plane: the response's, and those the lower taps of a side of {@code kh} reach
     * ({@link PhaseSplitConv#reach}).
     */
    private static int planeRows(int oh, int kh) {
        return oh + PhaseSplitConv.reach(kh);
    }

    /**
     * Tap (i, j)'s offset in its channel's 2·kw column-phase planes of {@link #planeRows} × ow
     * ({@link #splitColumnPhases}): plane (i % 2, j), i / 2 rows down.
     */
    private static int[] tapOffsets(int kh, int kw, int oh, int ow) {
        int planeSize = planeRows(oh, kh) * ow;
        int[] tapOffset = new int[kh * kw];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                tapOffset[i * kw + j] = ((i & 1) * kw + j) * planeSize + (i >> 1) * ow;
            }
        }
        return tapOffset;
    }

    /**
     * Blocks of dW's column strips, one task each. One thread: blocks of about 256 columns, two at least from four strips. More threads: an equal
     * number of blocks per thread, at least {@link #BLOCKS_PER_THREAD} where there are the strips and each at most
     * {@link #MAX_BLOCK_STRIPS} strips, so that the strips fall evenly on the threads whatever order they claim the blocks
     * in (r3x3-s2's 18 strips were 4 blocks of 4, 5, 4 and 5 strips at two threads: 10 on one thread, 8 on the other;
     * then 2 of 9, and a thread that started late left the other idle: now 6 of 3). A weight's sum does not depend on
     * the blocks.
     */
    static int columnBlocks(int kStrips, int k, int threads) {
        if (threads == 1) {
            return Math.min(kStrips, Math.max((k + 255) / 256, kStrips >= 4 ? 2 : 1));
        }
        if (kStrips < threads) {
            return kStrips;
        }
        int perThread = Math.max(BLOCKS_PER_THREAD, (kStrips + threads * MAX_BLOCK_STRIPS - 1) / (threads * MAX_BLOCK_STRIPS));
        return threads * Math.min(kStrips / threads, perThread);
    }

    /**
     * Column blocks per thread at least, at more than one thread (par15: r3x3-s2's 6 blocks of 3 strips summed no more
     * CPU than 2 of 9, each block copying its channels and reading the transposed response once).
     */
    static final int BLOCKS_PER_THREAD = 3;

    /** Strips of a column block at most, at more than one thread (B of 512 columns: ~0.5 MB a run, in L2). */
    static final int MAX_BLOCK_STRIPS = 16;

    /** Lane j of a gathered strip row: row j % mr, nr / mr columns of rows {@code ld} apart (see transposeStrips). */
    private int[] stripLanes(int ld, int mr, int nr) {
        int[] lanes = scratch.ints(nr);
        for (int j = 0; j < nr; j++) {
            lanes[j] = j % mr * ld + j / mr;
        }
        return lanes;
    }

    /**
     * Columns [v0, v0 + vc) of {@code rows} rows ({@code ld} apart) as strips of {@code mr} rows (the micro-kernel's NR:
     * B strips), {@code a[aOff + s·vc·mr + vv·mr + i]}, rows past the last zero. Whole strips by
     * {@link VectorOps#planesToStrip}'s register blocks where the backend has them, else by {@link MicroKernel#gatherStrip} (a gather reads nr / mr columns of the
     * strip's rows, {@code lanes} from {@link #stripLanes}), the columns past a multiple of nr / mr and a ragged last
     * strip element by element, written in order.
     */
    private void transposeStrips(float[] src, int base, int ld, int rows, int mr, int v0, int vc, float[] a, int aOff,
                                 int[] lanes) {
        int strips = roundUp(rows, mr) / mr;
        int steps = micro.nr() / mr;
        int gathered = micro.nr() % mr == 0 ? vc / steps * steps : 0;
        // s2b48: whole strips by 16 × 16 register blocks where the backend has them: the gathers read one position of
        // every row, rows ld apart, and at 1024 positions (4 kB) all the strip's rows fall in one L1 set
        boolean blocks = vectors.planesToStripByBlocks(mr, vc);
        for (int s = 0; s < strips; s++) {
            int dst = aOff + s * vc * mr;
            int whole = Math.min(mr, rows - s * mr);
            int from = base + s * mr * ld + v0;
            if (whole == mr && blocks) {
                vectors.planesToStrip(src, from, ld, mr, vc, a, dst, mr);
                continue;
            }
            int vv = 0;
            if (whole == mr && gathered > 0) {
                micro.gatherStrip(src, from, steps, gathered / steps, lanes, 0, a, dst);
                vv = gathered;
            }
            for (; vv < vc; vv++) {
                int at = dst + vv * mr;
                for (int i = 0; i < whole; i++) {
                    a[at + i] = src[from + i * ld + vv];
                }
                for (int i = whole; i < mr; i++) {
                    a[at + i] = 0f;
                }
            }
        }
    }

    /**
     * The transposed im2col of dW columns [k0, k0 + kn) over response rows [r0, r0 + rows), as NR strips:
     * {@code b[ns·vc·nr + vv·nr + j]} the element tap k0 + ns·nr + j reads at position vv of the run, gathered a strip row
     * (one position, NR taps) at a time ({@link MicroKernel#gatherStrip}) from the block's padded channels
     * ({@link #padChannels} at {@code padOff}, rows wp long; {@code offsets}: each lane's tap in them).
     */
    private void packTaps(float[] padded, int padOff, int wp, int ow, int[] offsets, int knp, int nr, int r0, int rows,
                          float[] b) {
        int vc = rows * ow;
        for (int s = 0; s < knp / nr; s++) {
            for (int rr = 0; rr < rows; rr++) {
                micro.gatherStrip(padded, padOff + 2 * (r0 + rr) * wp, 2, ow, offsets, s * nr, b, s * vc * nr + rr * ow * nr);
            }
        }
    }

    /**
     * Image channels [0, channels) from {@code base}, zero-padded: {@code dst[dOff + (c·hp + i)·wp + j] =
     * x[c][i - pt][j - pl]}, zero outside the image, for i &lt; hp, j &lt; wp (rows and columns past the image's end
     * that no tap reads are left out).
     */
    private static void padChannels(float[] src, int base, int channels, int h, int w, int pt, int pl, int hp, int wp,
                                    float[] dst, int dOff) {
        int lead = Math.min(pl, wp);
        int copied = Math.max(0, Math.min(w, wp - pl));
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < hp; i++) {
                int row = dOff + (c * hp + i) * wp;
                int r = i - pt;
                if (r < 0 || r >= h) {
                    Arrays.fill(dst, row, row + wp, 0f);
                    continue;
                }
                Arrays.fill(dst, row, row + lead, 0f);
                System.arraycopy(src, base + (c * h + r) * w, dst, row + lead, copied);
                Arrays.fill(dst, row + lead + copied, row + wp, 0f);
            }
        }
    }

    /**
     * Positions [from, to) of a 4 × 4 block of dots into their lanes ({@code v mod lanes}, in index order), for the
     * rows and taps that exist: ragged blocks. The accumulators and the planes share {@code work}.
     */
    private static void dotTail(int from, int to, int lanes, float[] d, int dOff, int ldd, int rows, float[] work,
                                int[] tapRow, int t0, int taps, int accOff) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < taps; j++) {
                int at = accOff + (4 * i + j) * lanes;
                int row = dOff + i * ldd;
                int col = tapRow[t0 + j];
                for (int v = from; v < to; v++) {
                    work[at + v % lanes] += d[row + v] * work[col + v];
                }
            }
        }
    }

    /**
     * The 2·kw column-phase planes of {@code channels} image channels: {@code dst[dOff + (2kw·c + kw·a + b)·pRows·pw +
     * i·pw + j] = x[c][2i + a - pt][2j + b - pl]} for a &lt; 2, b &lt; kw, i &lt; pRows, j &lt; pw; zero outside the
     * image. Planes b = 0, 1 by {@link VectorOps#splitEvenOdd} where both columns exist, plane b past 1 is plane
     * b - 2 one column on.
     */
    private void splitColumnPhases(float[] src, int base, int channels, int h, int w, int pt, int pl, int pRows, int pw,
                                   int kw, float[] dst, int dOff) {
        int ps = pRows * pw;
        // the columns j whose two image columns 2j - pl, 2j + 1 - pl both exist: split by vectors there
        int jLo = Math.min(pw, (pl + 1) / 2);
        int jHi = Math.max(jLo, Math.min(pw, Math.floorDiv(w - 2 + pl, 2) + 1));
        for (int c = 0; c < channels; c++) {
            for (int a = 0; a < 2; a++) {
                int p0 = dOff + (2 * c + a) * kw * ps;
                for (int i = 0; i < pRows; i++) {
                    int r = 2 * i + a - pt;
                    int e0 = p0 + i * pw;
                    int e1 = e0 + ps;
                    if (r < 0 || r >= h) {
                        for (int b = 0; b < kw; b++) {
                            Arrays.fill(dst, e0 + b * ps, e0 + b * ps + pw, 0f);
                        }
                        continue;
                    }
                    int row = base + (c * h + r) * w - pl;
                    for (int j = 0; j < jLo; j++) {
                        dst[e0 + j] = pick(src, row, 2 * j, pl, w);
                        dst[e1 + j] = pick(src, row, 2 * j + 1, pl, w);
                    }
                    vectors.splitEvenOdd(src, row + 2 * jLo, dst, e0 + jLo, dst, e1 + jLo, jHi - jLo);
                    for (int j = jHi; j < pw; j++) {
                        dst[e0 + j] = pick(src, row, 2 * j, pl, w);
                        dst[e1 + j] = pick(src, row, 2 * j + 1, pl, w);
                    }
                    for (int b = 2; b < kw; b++) {
                        int eb = e0 + b * ps;
                        System.arraycopy(dst, eb - 2 * ps + 1, dst, eb, pw - 1);
                        dst[eb + pw - 1] = pick(src, row, 2 * pw + b - 2, pl, w);
                    }
                }
            }
        }
    }

    /** {@code x[row + offset]}, image column {@code offset - pl}, or zero outside the row. */
    private static float pick(float[] src, int row, int offset, int pl, int w) {
        int x = offset - pl;
        return x >= 0 && x < w ? src[row + offset] : 0f;
    }
}
