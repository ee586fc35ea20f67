package dev.convkit.core.conv;

import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.window.Windows;

/**
 * 2-d convolutions with stride 2 (groups 1, no dilation, kernel sides {@value #MIN_SIDE} to {@value #MAX_SIDE}),
 * split into the four phases of the padded image (even/odd rows × even/odd columns), so that every tap reads with
 * unit spacing. Written out below for 3×3; a KH × KW kernel reads (KH - 1) / 2 more phase rows and (KW - 1) / 2 more
 * phase columns, and its scatter's sub-kernels have ceil(K / 2) or floor(K / 2) taps a side (c5s2-19: 5×5 and 7×7):
 *
 * <ul>
 *   <li>correlate: tap (kh, kw) reads phase (kh % 2, kw % 2) of the padded image at offset (kh / 2, kw / 2).
 *       Per image and run of response rows, the band of the four phase planes those rows read is split
 *       out once ({@code x[2i + a - padTop][2j + b - padLeft]}, zero outside), then
 *       {@code C[M × positions] = W · B} with B's rows contiguous runs of the phase planes (phase rows of
 *       {@code ow + 1}: the columns past each response row are computed and dropped), read in place by the
 *       first register tile of a column strip, which packs them for the others (no index-array im2col, no
 *       padded band per tile as on the strided GEMM path);</li>
 *   <li>scatter (input gradient): phase (a, b) of the padded image gradient is a unit-stride correlation of
 *       the response (zero-bordered) with the sub-kernel of taps ≡ (a, b) mod 2, 2×2, 2×1, 1×2 or 1×1:
 *       {@code dxPhase[ci][i][j] = Σ dy[co][i - t][j - u] · w[co][ci][a + 2t][b + 2u]}, a GEMM per phase
 *       whose results go straight to their image positions: no col2im fold-back.</li>
 * </ul>
 * One task per image and response-row run (correlate) or per image and phase (scatter); every output
 * element is summed by one task, over reduction blocks in a fixed order, so the bits do not depend on the
 * thread count. The weight gradient: {@link PhaseSplitWeightGradient}.
 */
final class PhaseSplitConv {
    private static final int KC = FastConv.KC;
    private static final int NT = FastConv.NT;

    private final MicroKernel micro;
    private final VectorOps vectors;
    private final int mr;
    private final int nr;
    private final ThreadScratch scratch = new ThreadScratch();
    /** Packed weights, per calling thread: a role no task uses. */
    private final ThreadScratch packedWeights = new ThreadScratch();
    /** One column strip of B, packed by its first register tile: a role of its own. */
    private final ThreadScratch packedStrip = new ThreadScratch();
    /** The first register tile's kept lanes a tap, when it reads the image in place: a role of its own. */
    private final ThreadScratch laneMasks = new ThreadScratch();

    PhaseSplitConv(MicroKernel micro, VectorOps vectors) {
        this.micro = micro;
        this.vectors = vectors;
        this.mr = micro.mr();
        this.nr = micro.nr();
    }

    /** Kernel sides the phases run: below 2 a phase has no taps, past 7 none was measured. */
    static final int MIN_SIDE = 2;
    static final int MAX_SIDE = 7;

    /**
     * Plain 2-d correlations with stride 2 in both directions, kernel sides in [{@value #MIN_SIDE}, {@value #MAX_SIDE}],
     * no dilation, one group.
     */
    static boolean applies(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        return g.groups() == 1 && k[0] == 1 && g.image()[0] == 1 && g.response()[0] == 1 && g.padLeft()[0] == 0
                && k[1] >= MIN_SIDE && k[1] <= MAX_SIDE && k[2] >= MIN_SIDE && k[2] <= MAX_SIDE
                && s[1] == 2 && s[2] == 2 && d[1] == 1 && d[2] == 1 && g.response()[1] > 0 && g.response()[2] > 0;
    }

    /** {@link #applies} with a 3×3 kernel: the shapes the strided Winograd and the phase-split weight gradient take. */
    static boolean threeByThree(ConvGeometry g) {
        return applies(g) && g.kernel()[1] == 3 && g.kernel()[2] == 3;
    }

    /**
     * Image channels at least for a kernel past 3×3: the scatter's GEMMs have the image channels as rows, in register
     * strips of MR (8), and a stem's 3 left most of them empty (c5s2-19: first-c3-7x7-s2-65's scatter 3.2 -> 3.5-4.7
     * ms, resnet-stem's 32 -> 70 ms, where 32 and 64 channels gained 1.3-1.5x); with the stem's forward on the phases
     * and its scatter by col2im, that col2im measured 1.9 -> 3.4 ms after it in one run (alone, the same), so a stem
     * keeps the GEMM path for both.
     */
    static final int MIN_WIDE_CHANNELS = 16;

    /** Whether the forward and the scatter of {@code g} run the phases: every 3×3, wider kernels from enough image channels. */
    static boolean pays(ConvGeometry g) {
        return threeByThree(g) || applies(g) && g.imageChannels() >= MIN_WIDE_CHANNELS;
    }

    /** Phase rows or columns a tap reaches past its response position's: (K - 1) / 2 for a kernel side K. */
    static int reach(int side) {
        return (side - 1) >> 1;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    // ---------------------------------------------------------------- correlate

    /**
     * Whether {@link #correlate} computes the phase columns past each response row and drops them: rows narrower than
     * the kept-columns pack takes ({@link MicroKernel#narrowestSkippedRow}), or a kernel one column wide. s2f61: 3×3
     * from rows of nr/2 - 1 too (it took nr/2): its 15-wide rows ran {@link ChannelBlockConv}'s direct kernel, with the
     * same bits, 1.38x / 1.09x slower in thread CPU at one thread on the Intel host (1 × 256 × 29² -> 256, 8 × 64 × 29²
     * -> 128; fastest of three rounds, s2f61 in docs/PERFORMANCE.md). Measured on 32-wide strips only: on 16-wide strips
     * (AVX2, the scalar kernel) the rule moves 7-wide rows too.
     */
    boolean dropsColumns(ConvGeometry g) {
        return g.response()[2] < MicroKernel.narrowestSkippedRow(nr) || reach(g.kernel()[2]) < 1;
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
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
        int k = cin * kh * kw;
        int mp = roundUp(m, mr);
        float[] packedW = packedWeights.floats(mp * k);
        packRows(weight, k, m, k, packedW, 0);
        int downReach = reach(kh);
        // the kept-columns pack skips the phase columns past each response row: kernels reaching right (c5s2wg20: 5×5
        // and 7×7 too, which computed 2 and 3 dropped columns a row)
        boolean wide = !threeByThree(g);
        if (!dropsColumns(g)) {
            return correlateKeptColumns(image, packedW, g.batch(), cin, m, h, w, oh, ow, pt, pl, kh, kw, wide);
        }
        // runs of whole response rows of about NT positions, of equal lengths
        int rowsPerTile = Math.max(1, NT / ow);
        int tiles = (oh + rowsPerTile - 1) / rowsPerTile;
        int pw = ow + reach(kw); // a phase row: the response row's windows plus the columns the right taps add
        int positions = oh * ow;
        float[] out = Storage.floats(g.responseSize()); // every response element is copied once from a tile
        int blocks = (k + KC - 1) / KC;
        Parallel.forEach(g.batch() * tiles, task -> {
            int n = task / tiles;
            int tile = task % tiles;
            int r0 = tile * oh / tiles;
            int rows = (tile + 1) * oh / tiles - r0;
            int ps = (rows + downReach) * pw; // one phase plane of the band: the run's rows and those the lower taps add
            int nt = (rows - 1) * pw + ow; // columns: the band's positions, a phase row apart per response row
            int ldc = roundUp(nt, nr) + 16; // not a power of two: the rows of a register tile do not share cache sets
            int phaseOff = mp * ldc;
            int slack = phaseOff + cin * 4 * ps;
            float[] work = scratch.floats(slack + 2 * nr + pw);
            splitPhases(image, n * cin * h * w, cin, h, w, 2 * r0 - pt, -pl, rows + downReach, pw, work, phaseOff, ps);
            // the last strip reads past the band into columns nobody keeps: zeros, not stale scratch
            java.util.Arrays.fill(work, slack, slack + 2 * nr + pw, 0f);
            int[] koff = tapOffsets(cin, kh, kw, phaseOff, ps, pw);
            gemm(packedW, 0, k, mp, blocks, work, koff, 0, 0, nt, work, 0, ldc);
            int outBase = n * m * positions + r0 * ow;
            for (int co = 0; co < m; co++) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(work, co * ldc + r * pw, out, outBase + co * positions + r * ow, ow);
                }
            }
        });
        return out;
    }

    /**
     * Reduction index (ci·KH + i)·KW + j's B row, tap (i, j), in a band of phase planes from {@code phaseOff},
     * {@code ps} apart, rows pw long: phase (i % 2, j % 2) at phase offset (i / 2, j / 2).
     */
    private int[] tapOffsets(int cin, int kh, int kw, int phaseOff, int ps, int pw) {
        int[] koff = scratch.ints(cin * kh * kw);
        for (int ci = 0; ci < cin; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    koff[(ci * kh + i) * kw + j] = phaseOff + (ci * 4 + (i & 1) * 2 + (j & 1)) * ps + (i >> 1) * pw
                            + (j >> 1);
                }
            }
        }
        return koff;
    }

    // ---- s2fwd12: the forward on kept columns only

    /**
     * {@link #correlate} for response rows at least nr/2 - 1 wide: the same band of phase planes, but each column strip
     * is read and packed by {@link MicroKernel#multiplyRowsPackingSkipping}, which steps over the (KW - 1) / 2 columns
     * past each response row, so the GEMM's columns are the response positions themselves, and tiles are runs of whole
     * strips of an image's positions (strips cut response rows). Against computing the dropped columns and rounding each
     * row run up to strips: r3x3-s2-57's 928 computed columns an image become 864, r3x3-s2's 832 become 800 (c5s2wg20:
     * c5x5-s2-56's 896 become 784; c5s2-23: c7x7-s2-29's 15-wide rows, 288 computed columns an image for 225, now
     * 240). 3×3 (s2f55) splits no band: its first register tile reads the image rows in place and picks their even
     * elements in registers ({@link MicroKernel#multiplyStridedRowsPacking}), padding lanes masked to zero; and with
     * every A strip a response channel's, whole strips write straight into the response. A strip with at most nr/2
     * positions left runs its other register tiles at half width (past 3×3, c5s2; 3×3 too since s2f61: an image's
     * ragged last strip, 1 × 256 × 29²'s 225 positions are 7 strips and 1). Each kept column sums the same products in
     * the same order: the same bits.
     */
    private float[] correlateKeptColumns(float[] image, float[] packedW, int batch, int cin, int m, int h, int w, int oh,
                                         int ow, int pt, int pl, int kh, int kw, boolean wideKernel) {
        int k = cin * kh * kw;
        int downReach = reach(kh);
        int mp = roundUp(m, mr);
        int skip = reach(kw);
        int pw = ow + skip;
        int positions = oh * ow;
        int strips = (positions + nr - 1) / nr;
        int tiles = keptColumnTiles(batch, strips, (strips * nr + NT - 1) / NT, Parallel.threads());
        float[] out = Storage.floats(batch * m * positions); // every response element is copied once from a tile
        int blocks = (k + KC - 1) / KC;
        // s2f55: 3×3 reads the image in place, its even columns picked in the first register tile (the offsets are
        // non-decreasing in k from three image rows and columns on, and the row-end skip 2 (w - ow) is not negative,
        // as that kernel's bounds check needs): no band of phase planes
        boolean imageInPlace = micro.stridedRowsInPlace() && !wideKernel && h >= kh && w >= ow;
        int taps = kh * kw;
        Parallel.forEach(batch * tiles, task -> {
            int n = task / tiles;
            int tile = task % tiles;
            int s0 = tile * strips / tiles;
            int nt = ((tile + 1) * strips / tiles - s0) * nr;
            int q0 = s0 * nr;
            int q1 = Math.min(positions, q0 + nt);
            int r0 = q0 / ow;
            int rows = (q1 - 1) / ow - r0 + 1;
            int ps = (rows + downReach) * pw;
            int ldc = nt + 16; // not a power of two: the rows of a register tile do not share cache sets
            int phaseOff = mp * ldc;
            float[] work;
            int[] koff;
            int[] keep = null;
            if (imageInPlace) {
                work = scratch.floats(phaseOff + 1); // C, then the sum of the rows read ahead
                koff = imageTapOffsets(cin, h, w, kh, kw, pt, pl);
                keep = keptLanes(q0, nt, positions, h, w, ow, pt, pl, kh, kw);
            } else {
                int slack = phaseOff + cin * 4 * ps;
                // the last strip's lanes past the image's positions read up to a strip and three phase rows past the
                // band (three for rows of nr/2 - 1: the strip's second half can start a row past the last)
                int slackLength = 2 * nr + 3 * pw + 2 * skip;
                work = scratch.floats(slack + slackLength);
                java.util.Arrays.fill(work, slack, slack + slackLength, 0f);
                koff = tapOffsets(cin, kh, kw, phaseOff, ps, pw);
            }
            int imageOff = n * cin * h * w;
            float[] b = packedStrip.floats(KC * nr);
            int half = nr / 2;
            // s2f55: with every A strip a response channel's, the strips whole inside the tile's positions write their
            // tiles straight into the response (row stride the plane), only a ragged last strip through C: no copy-out
            int direct = mp == m ? (q1 - q0) / nr * nr : 0;
            int responseOff = n * m * positions + q0;
            int split = 0; // image channels whose phase planes are in the band
            for (int blk = 0; blk < blocks; blk++) {
                int k0 = blk * k / blocks;
                int kc = (blk + 1) * k / blocks - k0;
                // s2o50: each reduction block's channels split just before its strips read them, so they are still in
                // L2 (1 × 160 × 39²'s band of all channels is 1.1 MB, and the first register tile's reads of it missed)
                int through = (k0 + kc - 1) / (kh * kw) + 1;
                if (imageInPlace) {
                    // the block's channels' rows under this tile read once in order, so that the first register tile's
                    // scattered loads hit L2 (without it the in-place kernel read level with the band: its loads
                    // missed, and the hardware prefetcher follows a row-order read, not them); the sum is kept so
                    // the reads stay
                    int y0 = Math.max(0, Windows.tapPosition(r0, 0, 2, pt, 1));
                    int y1 = Math.min(h, Windows.tapPosition(r0 + rows - 1, kh - 1, 2, pt, 1) + 1);
                    float touched = 0f;
                    for (int ci = split; ci < through; ci++) {
                        touched += vectors.sum(image, ((n * cin + ci) * h + y0) * w, (y1 - y0) * w);
                    }
                    work[phaseOff] = touched;
                }
                if (!imageInPlace) {
                    splitPhases(image, (n * cin + split) * h * w, through - split, h, w, 2 * r0 - pt, -pl,
                            rows + downReach, pw, work, phaseOff + split * 4 * ps, ps);
                }
                split = through;
                for (int v = 0; v < nt; v += nr) {
                    // position q is phase column (q / ow - r0) · pw + q % ow; past q % ow's row end, one more
                    int qa = q0 + v;
                    int qb = qa + half;
                    boolean inResponse = v < direct;
                    float[] c = inResponse ? out : work;
                    int cOff = inResponse ? responseOff + v : v;
                    int cLd = inResponse ? positions : ldc;
                    // the first register tile reads the strip in place and packs it; the others read it packed
                    if (imageInPlace) {
                        // position q reads image element 2 (q / ow) w + 2 (q % ow) on from its tap's; past the row end
                        // the next row's: 2 (w - ow) more
                        micro.multiplyStridedRowsPacking(kc, packedW, k0 * mr, image, koff, k0, taps,
                                imageOff + 2 * (qa / ow) * w + 2 * (qa % ow), ow - qa % ow,
                                imageOff + 2 * (qb / ow) * w + 2 * (qb % ow), ow - qb % ow, 2 * (w - ow), keep,
                                v * taps, b, 0, c, cOff, cLd, blk > 0);
                    } else {
                        micro.multiplyRowsPackingSkipping(kc, packedW, k0 * mr, work, koff, k0,
                                (qa / ow - r0) * pw + qa % ow, ow - qa % ow, (qb / ow - r0) * pw + qb % ow, ow - qb % ow,
                                skip, b, 0, c, cOff, cLd, blk > 0);
                    }
                    boolean halfStrip = q1 - qa <= half;
                    for (int ms = 1; ms < mp / mr; ms++) {
                        if (halfStrip) {
                            micro.multiplyHalf(kc, packedW, ms * k * mr + k0 * mr, b, 0, c, cOff + ms * mr * cLd, cLd,
                                    blk > 0);
                        } else {
                            micro.multiply(kc, packedW, ms * k * mr + k0 * mr, b, 0, c, cOff + ms * mr * cLd, cLd,
                                    blk > 0);
                        }
                    }
                }
            }
            for (int co = 0; co < m; co++) {
                System.arraycopy(work, co * ldc + direct, out, (n * m + co) * positions + q0 + direct, q1 - q0 - direct);
            }
        });
        return out;
    }

    /**
     * s2f55: reduction index (ci·KH + i)·KW + j's image offset from its response position's
     * {@code 2 (q / ow) w + 2 (q % ow)}: tap (i, j) of channel ci.
     */
    private int[] imageTapOffsets(int cin, int h, int w, int kh, int kw, int pt, int pl) {
        int[] koff = scratch.ints(cin * kh * kw);
        for (int ci = 0; ci < cin; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    koff[(ci * kh + i) * kw + j] = ci * h * w + (i - pt) * w + j - pl;
                }
            }
        }
        return koff;
    }

    /**
     * For {@link MicroKernel#multiplyStridedRowsPacking}: lane l of the tile's column v (from position q0) under tap
     * (i, j) at {@code v·KH·KW + (i·KW + j)·nr + l}, where v is a multiple of nr: -1 where position q0 + v + l is the
     * image's and its tap reads inside the image, 0 where it reads padding or the position is past the image's.
     */
    private int[] keptLanes(int q0, int nt, int positions, int h, int w, int ow, int pt, int pl, int kh, int kw) {
        int taps = kh * kw;
        int[] keep = laneMasks.ints(nt * taps);
        int r = q0 / ow;
        int col = q0 % ow;
        for (int v = 0; v < nt; v += nr) {
            for (int l = 0; l < nr; l++) {
                boolean position = q0 + v + l < positions;
                for (int i = 0; i < kh; i++) {
                    int y = Windows.tapPosition(r, i, 2, pt, 1);
                    boolean rowInside = position && y >= 0 && y < h;
                    for (int j = 0; j < kw; j++) {
                        int x = Windows.tapPosition(col, j, 2, pl, 1);
                        keep[v * taps + (i * kw + j) * nr + l] = rowInside && x >= 0 && x < w ? -1 : 0;
                    }
                }
                if (++col == ow) {
                    col = 0;
                    r++;
                }
            }
        }
        return keep;
    }

    /**
     * s2t49: into how many tiles (runs of whole strips, sizes differing by one) {@link #correlateKeptColumns} cuts
     * each image: {@code fewest} (about NT positions a tile), or up to {@code 2 · threads} more where the last thread
     * then ends at least half a strip sooner, the tiles claimed as {@link Parallel#forEach} hands them out
     * ({@link WinogradConv#claimedEnd}). One 65² image (35 strips) ran as 3 tiles, 23 strips on one thread and 12 on
     * the other; as 4 tiles, 18 and 17. A strip's sums do not depend on its tile, so the bits do not change.
     */
    static int keptColumnTiles(int batch, int strips, int fewest, int threads) {
        if (threads <= 1) {
            return fewest;
        }
        int best = fewest;
        double bestEnd = claimedTileEnd(batch, strips, fewest, threads);
        for (int tiles = fewest + 1; tiles <= Math.min(strips, fewest + 2 * threads); tiles++) {
            double end = claimedTileEnd(batch, strips, tiles, threads);
            if (end + 0.5 <= bestEnd) {
                best = tiles;
                bestEnd = end;
            }
        }
        return best;
    }

    /** When the last thread ends, in strips, with each image's strips cut into {@code tiles} as the pass cuts them. */
    static double claimedTileEnd(int batch, int strips, int tiles, int threads) {
        double[] costs = new double[batch * tiles];
        for (int task = 0; task < costs.length; task++) {
            int tile = task % tiles;
            costs[task] = (tile + 1) * strips / tiles - tile * strips / tiles;
        }
        return WinogradConv.claimedEnd(costs, threads);
    }

    /**
     * The four phase planes of rows [0, pRows) × [0, pw) of {@code channels} image channels: phase (a, b) of
     * channel c at {@code dst[dOff + (4c + 2a + b) · planeStride]}, element (i, j) at {@code i · pw + j} the image's
     * {@code (row0 + 2i + a, col0 + 2j + b)}, zero outside the image.
     */
    void splitPhases(float[] src, int base, int channels, int h, int w, int row0, int col0, int pRows,
                            int pw, float[] dst, int dOff, int planeStride) {
        int ps = planeStride;
        // the phase columns whose both image columns exist (col0 <= 0): a plain loop there, checks at the edges
        int jLo = Math.min(pw, (1 - col0) / 2);
        int jHi = Math.max(jLo, Math.min(pw, Math.floorDiv(w - 2 - col0, 2) + 1));
        for (int c = 0; c < channels; c++) {
            for (int a = 0; a < 2; a++) {
                int even = dOff + (4 * c + 2 * a) * ps;
                int odd = even + ps;
                for (int i = 0; i < pRows; i++) {
                    int r = row0 + 2 * i + a;
                    int e = even + i * pw;
                    int o = odd + i * pw;
                    if (r < 0 || r >= h) {
                        for (int j = 0; j < pw; j++) {
                            dst[e + j] = 0f;
                            dst[o + j] = 0f;
                        }
                        continue;
                    }
                    int row = base + (c * h + r) * w + col0;
                    for (int j = 0; j < jLo; j++) {
                        dst[e + j] = pick(src, row, 2 * j, col0, w);
                        dst[o + j] = pick(src, row, 2 * j + 1, col0, w);
                    }
                    vectors.splitEvenOdd(src, row + 2 * jLo, dst, e + jLo, dst, o + jLo, jHi - jLo);
                    for (int j = jHi; j < pw; j++) {
                        dst[e + j] = pick(src, row, 2 * j, col0, w);
                        dst[o + j] = pick(src, row, 2 * j + 1, col0, w);
                    }
                }
            }
        }
    }

    private static float pick(float[] src, int row, int offset, int col0, int w) {
        int x = col0 + offset;
        return x >= 0 && x < w ? src[row + offset] : 0f;
    }

    // ---------------------------------------------------------------- scatter

    float[] scatter(ConvGeometry g, float[] response, float[] weight) {
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
        int mp = roundUp(cin, mr);
        // phase a's rows i hold image rows 2i + a - pt in [0, h): i in [first, first + count)
        int[] firstRow = new int[2];
        int[] rowCount = new int[2];
        int[] firstCol = new int[2];
        int[] colCount = new int[2];
        for (int a = 0; a < 2; a++) {
            firstRow[a] = Math.floorDiv(pt - a + 1, 2);
            rowCount[a] = Math.max(0, Math.floorDiv(h - 1 + pt - a, 2) + 1 - firstRow[a]);
            firstCol[a] = Math.floorDiv(pl - a + 1, 2);
            colCount[a] = Math.max(0, Math.floorDiv(w - 1 + pl - a, 2) + 1 - firstCol[a]);
        }
        // a bordered response row: the response, then zeros as far as the phases read, and as many more as a phase reads
        // columns left of 0, which are the zeros ending the row before (r3x3-s2: rows of 29, not 30 with a zero
        // on each side, 416 columns a tile, not 448; r3x3-s2-57 reads no column outside: rows of 29, 448 not 480)
        int readsLeftOfRow = columnsLeftOfRow(kw, firstCol, colCount);
        int qw = Math.max(ow + readsLeftOfRow, Math.max(firstCol[0] + colCount[0], firstCol[1] + colCount[1]));
        int upReach = taps(kh, 0) - 1; // response rows above a phase row its taps read
        // row pairs i: image rows 2i - pt and 2i + 1 - pt, both phases of a pair in one task
        int pairLo = Math.min(firstRow[0], firstRow[1]);
        int pairs = Math.max(firstRow[0] + rowCount[0], firstRow[1] + rowCount[1]) - pairLo;
        // the sub-kernels, packed once: phase (a, b) reduces over (co, t, u), tap (a + 2t, b + 2u)
        int[] aOff = new int[5];
        int[] kOff = new int[5];
        for (int ph = 0; ph < 4; ph++) {
            kOff[ph + 1] = kOff[ph] + m * taps(kh, ph >> 1) * taps(kw, ph & 1);
            aOff[ph + 1] = aOff[ph] + mp * (kOff[ph + 1] - kOff[ph]);
        }
        float[] packedW = packedWeights.floats(aOff[4]);
        // a task per phase and strip: on the calling thread alone this took ~0.5 ms of r3x3-s2's ~8 before the split
        int strips = mp / mr;
        if (kh == 3 && kw == 3) {
            // s2b56: 3×3 a strip's four phases at once, the weights read in order (a task per strip)
            Parallel.forEach(strips, s -> packSubKernels3x3(weight, cin, m, s, packedW, aOff));
        } else {
            Parallel.forEach(4 * strips, job -> packSubKernel(weight, cin, m, kh, kw, job / strips >> 1,
                    job / strips & 1, job % strips, packedW, aOff[job / strips]));
        }
        // runs of about NT columns of one phase: row pairs a bordered row apart
        int pairsPerTile = Math.max(1, NT / qw);
        int tiles = scatterTiles(pairs, pairsPerTile, g.batch(), Parallel.threads(), g.macs());
        int ldc = roundUp(((pairs + tiles - 1) / tiles) * qw, nr) + 16;
        // every image element is one phase element, written once: no zeroing
        float[] image = Storage.floats(g.imageSize());
        Parallel.forEach(g.batch() * tiles, task -> {
            int n = task / tiles;
            int tile = task % tiles;
            int i0 = pairLo + tile * pairs / tiles;
            int i1 = pairLo + (tile + 1) * pairs / tiles;
            // the tile reads bordered rows [i0, i1 + upReach): response rows [i0 - upReach, i1)
            int band = (i1 - i0 + upReach) * qw;
            int dyOff = 4 * mp * ldc + readsLeftOfRow; // columns left of the first row: zeros before the band
            int slack = dyOff + m * band;
            float[] work = scratch.floats(slack + 2 * nr);
            java.util.Arrays.fill(work, dyOff - readsLeftOfRow, dyOff, 0f);
            borderRows(response, n * m * oh * ow, m, oh, ow, i0 - upReach, i1 - i0 + upReach, qw, work, dyOff, band);
            java.util.Arrays.fill(work, slack, slack + 2 * nr, 0f);
            int[] koff = scratch.ints(kOff[4]);
            int[] rs = new int[2];
            int[] re = new int[2];
            for (int a = 0; a < 2; a++) {
                rs[a] = Math.max(i0, firstRow[a]);
                re[a] = Math.min(i1, firstRow[a] + rowCount[a]);
            }
            for (int ph = 0; ph < 4; ph++) {
                int a = ph >> 1;
                int b = ph & 1;
                int ta = taps(kh, a);
                int tb = taps(kw, b);
                if (re[a] <= rs[a] || colCount[b] == 0) {
                    continue;
                }
                // C column (i - rs) · qw + j - firstCol[b] of phase element (i, j) reads response (i - t, j - u) at
                // bordered row i - t + upReach - i0
                for (int co = 0; co < m; co++) {
                    for (int t = 0; t < ta; t++) {
                        for (int u = 0; u < tb; u++) {
                            koff[kOff[ph] + (co * ta + t) * tb + u] = dyOff + co * band + (rs[a] - i0 - t + upReach) * qw
                                    + firstCol[b] - u;
                        }
                    }
                }
                int k = kOff[ph + 1] - kOff[ph];
                int nt = (re[a] - rs[a] - 1) * qw + colCount[b];
                gemm(packedW, aOff[ph], k, mp, (k + KC - 1) / KC, work, koff, kOff[ph], 0, nt, work,
                        ph * mp * ldc, ldc);
            }
            // image row 2i + a - pt: columns 2j + b - pl from phase (a, b)'s element j
            int headCols = Math.min(w, pl & 1); // an odd left padding starts the row with an odd phase's column
            int pairCols = (w - headCols) / 2;
            int tailCol = headCols + 2 * pairCols;
            for (int a = 0; a < 2; a++) {
                if (re[a] <= rs[a]) {
                    continue;
                }
                int even = (2 * a) * mp * ldc - firstCol[0];
                int odd = (2 * a + 1) * mp * ldc - firstCol[1];
                for (int ci = 0; ci < cin; ci++) {
                    int plane = (n * cin + ci) * h * w;
                    for (int i = rs[a]; i < re[a]; i++) {
                        int at = plane + (2 * i + a - pt) * w;
                        int from = ci * ldc + (i - rs[a]) * qw;
                        if (headCols > 0) {
                            image[at] = work[odd + from + (pl >> 1)];
                        }
                        vectors.interleave2(work, even + from + ((headCols + pl) >> 1), work,
                                odd + from + ((headCols + pl) >> 1), image, at + headCols, pairCols);
                        if (tailCol < w) {
                            image[at + tailCol] = work[even + from + ((tailCol + pl) >> 1)];
                        }
                    }
                }
            }
        });
        return image;
    }

    /**
     * Row-pair tiles a scatter image splits into: runs of about NT columns ({@code pairsPerTile} pairs); but for one
     * image at more than one thread, where its tiles are fewer than {@value #FEW_TASKS_PER_THREAD} a thread and do not
     * divide evenly among the threads, the next tile count that does, if each tile keeps {@link #MIN_TILE_MACS}
     * multiply-adds (s2g49: one image of 65² was 3 tasks, 2 of them on one thread). Only the tiles' boundaries move: a
     * column's sum does not depend on the tile it falls in, so the bits do not depend on the thread count. Batches keep
     * their tiles: s2g49's 3 images of 29² read slower split from 3 tasks into 6, and s2b30's two tasks a thread at
     * least (bench/s2b30/scatter-tiles.patch) 12-50 % more CPU on batches that already divided evenly.
     */
    static int scatterTiles(int pairs, int pairsPerTile, int batch, int threads, long macs) {
        int tiles = Math.max(1, (pairs + pairsPerTile - 1) / pairsPerTile);
        if (threads < 2 || batch > 1 || tiles >= FEW_TASKS_PER_THREAD * threads) {
            return tiles;
        }
        for (int more = tiles; more <= pairs && more < FEW_TASKS_PER_THREAD * threads; more++) {
            if (more % threads == 0) {
                return macs / more >= MIN_TILE_MACS ? more : tiles;
            }
        }
        return tiles;
    }

    /** Tiles a thread below which an uneven share is worth more tiles: past it the busiest thread's extra is small. */
    static final int FEW_TASKS_PER_THREAD = 4;

    /**
     * Multiply-adds a scatter tile keeps at least when tiles are added for an even share (about 0.1 ms of the
     * micro-kernel): s2b30 measured a 0.2 ms one-image scatter of 27² slower split in two.
     */
    static final long MIN_TILE_MACS = 1L << 24;

    /**
     * Rows [r0, r0 + rows) of each response plane followed by zeros, {@code qw >= ow} wide:
     * {@code dst[dOff + co·planeStride + (r - r0)·qw + c] = dy[co][r][c]}, zero for rows outside [0, oh) and for
     * c in [ow, qw), so column -1 of a row is the zero ending the one before where qw > ow.
     */
    private static void borderRows(float[] dy, int base, int m, int oh, int ow, int r0, int rows, int qw, float[] dst,
                                   int dOff, int planeStride) {
        for (int co = 0; co < m; co++) {
            int plane = dOff + co * planeStride;
            for (int r = 0; r < rows; r++) {
                int row = plane + r * qw;
                int src = r0 + r;
                if (src < 0 || src >= oh) {
                    java.util.Arrays.fill(dst, row, row + qw, 0f);
                    continue;
                }
                System.arraycopy(dy, base + (co * oh + src) * ow, dst, row, ow);
                java.util.Arrays.fill(dst, row + ow, row + qw, 0f);
            }
        }
    }

    /** Response columns left of 0 the phases read: phase b's tap u reads column j - u, j from firstCol[b]. */
    private static int columnsLeftOfRow(int kw, int[] firstCol, int[] colCount) {
        int left = 0;
        for (int b = 0; b < 2; b++) {
            if (colCount[b] > 0) {
                left = Math.max(left, taps(kw, b) - 1 - firstCol[b]);
            }
        }
        return left;
    }

    /** Taps of a kernel side of {@code side} taps in phase {@code a}: a, a + 2, ... below side (3: 0 and 2, or 1). */
    private static int taps(int side, int a) {
        return (side - a + 1) / 2;
    }

    /**
     * Packs strip {@code s} of the sub-kernel of phase (a, b) of a kh × kw kernel (MR strips over the image channels):
     * row ci, reduction index {@code (co·ta + t)·tb + u}, the weight {@code w[co][ci][a + 2t][b + 2u]}; rows past cin
     * zero. A reduction index's MR rows at a time, so the stores run in order.
     */
    void packSubKernel(float[] weight, int cin, int m, int kh, int kw, int a, int b, int s, float[] p, int pOff) {
        int ta = taps(kh, a);
        int tb = taps(kw, b);
        int k = m * ta * tb;
        int real = Math.min(mr, cin - s * mr);
        int dst = pOff + s * k * mr;
        for (int co = 0; co < m; co++) {
            for (int t = 0; t < ta; t++) {
                for (int u = 0; u < tb; u++) {
                    int at = dst + ((co * ta + t) * tb + u) * mr;
                    int src = ((co * cin + s * mr) * kh + a + 2 * t) * kw + b + 2 * u;
                    for (int i = 0; i < real; i++) {
                        p[at + i] = weight[src + i * kh * kw];
                    }
                    for (int i = real; i < mr; i++) {
                        p[at + i] = 0f;
                    }
                }
            }
        }
    }

    /**
     * {@link #packSubKernel} of strip {@code s} for all four phases of a 3×3 kernel at once (phase (a, b)'s packed
     * weights from {@code aOff[2a + b]}): each (co, ci)'s nine weights read in order and stored to their phases, where the
     * phase-at-a-time pack read them nine floats apart, a strip's rows four times over (s2b55: 14 % of
     * h54-s2-1img-49's input gradient). Data movement only: the same packed weights.
     */
    void packSubKernels3x3(float[] weight, int cin, int m, int s, float[] p, int[] aOff) {
        int real = Math.min(mr, cin - s * mr);
        // phase (0, 0) packs 4 taps a response channel, (0, 1) and (1, 0) 2, (1, 1) 1
        int p00 = aOff[0] + s * 4 * m * mr;
        int p01 = aOff[1] + s * 2 * m * mr;
        int p10 = aOff[2] + s * 2 * m * mr;
        int p11 = aOff[3] + s * m * mr;
        for (int co = 0; co < m; co++) {
            int d00 = p00 + co * 4 * mr;
            int d01 = p01 + co * 2 * mr;
            int d10 = p10 + co * 2 * mr;
            int d11 = p11 + co * mr;
            int src = (co * cin + s * mr) * 9;
            for (int i = 0; i < real; i++, src += 9) {
                p[d00 + i] = weight[src];
                p[d01 + i] = weight[src + 1];
                p[d00 + mr + i] = weight[src + 2];
                p[d10 + i] = weight[src + 3];
                p[d11 + i] = weight[src + 4];
                p[d10 + mr + i] = weight[src + 5];
                p[d00 + 2 * mr + i] = weight[src + 6];
                p[d01 + mr + i] = weight[src + 7];
                p[d00 + 3 * mr + i] = weight[src + 8];
            }
            for (int i = real; i < mr; i++) {
                p[d00 + i] = 0f;
                p[d01 + i] = 0f;
                p[d00 + mr + i] = 0f;
                p[d10 + i] = 0f;
                p[d11 + i] = 0f;
                p[d10 + mr + i] = 0f;
                p[d00 + 2 * mr + i] = 0f;
                p[d01 + mr + i] = 0f;
                p[d00 + 3 * mr + i] = 0f;
            }
        }
    }

    // ---------------------------------------------------------------- the GEMM

    /**
     * {@code C[mp × nt] = A · B} into {@code c} (row stride ldc): A packed in MR strips, reduction k, from
     * {@code aOff}; B's row kk read in place, columns [v0, v0 + nt) of {@code src} from {@code koff[kk]}
     * (the last strip reads up to NR - 1 columns past, into columns nobody keeps). Reduction blocks in order,
     * the first stores and the others add, so every element sums its k in one order. A last strip of at most NR/2
     * columns runs its other register tiles at half width (s2b25: a scatter phase's columns end in one, 30² p0's 225 =
     * 7·32 + 1, 23² p0's 131 = 4·32 + 3; s2f61: the narrow forward's too); each kept column is the same chain: the
     * same bits.
     */
    private void gemm(float[] a, int aOff, int k, int mp, int blocks, float[] src, int[] koff, int kBase, int v0, int nt,
                      float[] c, int cOff, int ldc) {
        int strips = (nt + nr - 1) / nr;
        float[] b = packedStrip.floats(KC * nr);
        for (int blk = 0; blk < blocks; blk++) {
            int k0 = blk * k / blocks;
            int kc = (blk + 1) * k / blocks - k0;
            // BLIS order: one B strip stays in L1 while the A strips stream past it
            for (int ns = 0; ns < strips; ns++) {
                // the first register tile reads the strip in place and packs it; the others read it packed
                micro.multiplyRowsPacking(kc, a, aOff + k0 * mr, src, koff, kBase + k0, v0 + ns * nr, b, 0, c,
                        cOff + ns * nr, ldc, blk > 0);
                boolean half = nt - ns * nr <= nr / 2;
                for (int ms = 1; ms < mp / mr; ms++) {
                    if (half) {
                        micro.multiplyHalf(kc, a, aOff + ms * k * mr + k0 * mr, b, 0, c, cOff + ms * mr * ldc + ns * nr,
                                ldc, blk > 0);
                    } else if (blk > 0) {
                        // s2b57: a whole block as one loop, then C added (the carried runs of multiply's accumulating
                        // form ran 1.13-1.17x slower on the Intel host): the same chain, the same bits
                        micro.multiplyAddBlock(kc, a, aOff + ms * k * mr + k0 * mr, b, 0, c, cOff + ms * mr * ldc + ns * nr,
                                ldc);
                    } else {
                        micro.multiply(kc, a, aOff + ms * k * mr + k0 * mr, b, 0, c, cOff + ms * mr * ldc + ns * nr,
                                ldc, false);
                    }
                }
            }
        }
    }

    /**
     * Packs rows [0, rows) × columns [0, k) of a row-major matrix into MR strips, rows past the last zero. From
     * {@value #PARALLEL_PACK} floats, runs of strips as tasks (s2t49: on the caller alone a one-image forward's
     * second thread waited for it; 160 × 1440 weights take ~0.1 ms).
     */
    private void packRows(float[] m, int ld, int rows, int k, float[] p, int pOff) {
        int strips = roundUp(rows, mr) / mr;
        int tasks = (long) rows * k >= PARALLEL_PACK ? Math.min(strips, 2 * Parallel.threads()) : 1;
        Parallel.forEach(tasks, task -> {
            for (int s = task * strips / tasks; s < (task + 1) * strips / tasks; s++) {
                FastConv.packStrip(m, 0, ld, rows, k, s, mr, p, pOff);
            }
        });
    }

    /** Weights from which {@link #packRows} splits its strips over the threads (a pass costs a hand-off). */
    private static final int PARALLEL_PACK = 1 << 16;
}
