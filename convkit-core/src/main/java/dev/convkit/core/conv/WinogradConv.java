package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The 3×3, stride-1 correlation by Winograd's minimal filtering F(m×m, 3×3) (Lavin and Gray, 2016), in two
 * tile sizes ({@link Tile}): F(4×4, 3×3) computes each 4×4 block of the response from a 6×6 block of the image
 * with 36 multiplications per channel pair instead of 144; F(2×2, 3×3) each 2×2 block from a 4×4 block with 16
 * instead of 36, and transform constants 0, ±1, ±1/2 that round far less, so its error stays small on long
 * reductions. {@link #tile} chooses. Used for the forward and, through {@link ConvDispatch#flipped}, for the
 * input gradient. Groups run one after the other, each a correlation of its own channels.
 *
 * <ul>
 *   <li>The weights are transformed once per call, {@code U = G w Gᵀ}, in double, and packed in the
 *       micro-kernel's MR strips, one (Cout × Cin) matrix per transform point (m+2)²; the array is kept for the
 *       next call.</li>
 *   <li>The tiles are numbered across the whole batch (row-major in each image, image after image) and go
 *       NR at a time, one packed micro-kernel strip, so strips are full except the very last. A task takes a
 *       few strips (more when U is large, so that U passes through the cache once per task, not once per
 *       strip). Per channel it reads the image by rows ({@link WinogradFiveInput}: F(4×4) and the 5×5 tiles) or
 *       gathers each lane's (m+2)×(m+2) window ({@link VectorOps#gather}, zero in the padding: F(2×2), and F(4×4) on
 *       narrow planes of a large-L2 host, {@link #gathersInput}) and runs the input transform {@code V = Bᵀ d B} as
 *       element-wise vector loops over the lanes
 *       ({@link VectorOps#winogradInput}, {@link VectorOps#winograd2Input}); then (m+2)² products {@code M = U · V} per strip on the micro-kernel,
 *       and the output transform {@code Y = Aᵀ M A}, element-wise over the strip's tiles.</li>
 *   <li>Workspaces are per thread and reused across calls; nothing of activation size is allocated but
 *       the response.</li>
 * </ul>
 * Every response element is computed by one task in one order, and a tile's arithmetic does not depend
 * on its strip or task, so results do not depend on the thread count. The transforms round differently
 * from the direct sum; the error against the double-precision reference is in docs/PERFORMANCE.md.
 */
final class WinogradConv {
    /** Fewer channels than this on either side, and the transforms cost more than the multiplications save. */
    static final int MIN_CHANNELS = 16;
    /**
     * More image channels (the reduction) than this, and F(4×4)'s error nears the conformance tolerance: it grows
     * with the reduction, to 0.7-1.0 of it at 256 (docs/PERFORMANCE.md), whatever the response channels; F(2×2)
     * runs instead.
     */
    static final int MAX_REDUCTION = 128;
    /**
     * More channel pairs than this, and F(4×4)'s transformed weights (36 × Cin × Cout floats, 9.4 MB on 256 × 256)
     * are streamed from memory; F(2×2) runs instead.
     */
    static final int MAX_CHANNEL_PAIRS = 128 * 128;
    /**
     * Responses at most this high and wide run F(2×2) even where F(4×4) is accurate enough: 4×4 tiles cover them
     * poorly (3 × 3 tiles, 12 × 12 outputs, for a 10 × 10 response) and F(2×2) measured 0-18 % faster there; from
     * 12 × 12 on, F(4×4) was within 2 % or up to 15 % faster (docs/PERFORMANCE.md). But see {@link #SMALL_PLANE_F4_TILES}.
     */
    static final int SMALL_SIDE = 11;
    /**
     * sm54: dense 11 × 11 responses (win56: from 9 × 9) with more than {@link #SHORT_GROUP} channels on a side run F(4×4)
     * from this many 4×4 tiles a call (nine an image) up. Both tiles cover 11 × 11 as 12 × 12, and F(4×4) does 36 products for 16
     * outputs where F(2×2) does 64: 1.24-1.35x faster forwards and 1.15-1.83x faster input gradients on 16 and 32
     * images (the rule had been set before F(4×4) read its input by rows). Fewer tiles are four 32-tile strips or
     * fewer (one at one to three images), too few for two threads to share evenly where F(2×2) also splits its rows,
     * and were not measured: those keep F(2×2). A shape rule, as every tile rule here: the bits never depend on the
     * thread count.
     */
    static final int SMALL_PLANE_F4_TILES = 128;
    /**
     * win56: the rule of {@link #SMALL_PLANE_F4_TILES} from responses this high and wide up to {@link #SMALL_SIDE}: 9 × 9 and
     * 10 × 10 (and 9-11 × 9-11) are 3 × 3 tiles of 4×4 too, 36 products a tile for 16 outputs against F(2×2)'s 25-30
     * tiles of 16: input gradients 1.66-1.8x (h54-c3-9, h55-c3-10), thread CPU, one thread, on the Xeon host. New bits,
     * F(4×4)'s, within its tolerance. sm58: from 8 × 8 (2 × 2 tiles of 4×4, none cut; 32 images make the
     * {@link #SMALL_PLANE_F4_TILES}) of at most {@link #EIGHT_F4_MAX_PAIRS} channel pairs: forwards and input gradients
     * 1.3-2.2x on 32-64 channels, thread CPU, one thread. New bits there too.
     */
    static final int SMALL_F4_MIN_SIDE = 8;
    /**
     * sm58: responses under 9 high or wide run F(4×4) by {@link #SMALL_F4_MIN_SIDE}'s rule only up to this many channel
     * pairs (U 1.2 MB): 128 × 128 on 8 × 8 (U 2.4 MB, past half the Xeon's L2, streamed once a task) measured level to
     * 10 % slower than F(2×2) (whose U is 1 MB); 96 × 64 1.4x faster.
     */
    static final int EIGHT_F4_MAX_PAIRS = 8192;
    /**
     * More image channels than this, and F(2×2) is not measured: its error was a tenth of the tolerance at 2048
     * (docs/PERFORMANCE.md).
     */
    static final int MAX_REDUCTION_2 = 2048;
    /**
     * More channel pairs than this, and F(2×2)'s transformed weights (16 × Cin × Cout floats, 64 MB at the limit) are
     * not measured; at 1024 × 1024 it was still faster than the GEMM.
     */
    static final int MAX_CHANNEL_PAIRS_2 = 1024 * 1024;
    /**
     * Where F(2×2) runs only because F(4×4) is not accurate enough (more image channels or channel pairs than F(4×4)
     * takes), fewer tiles per call than this (batch × ⌈H/2⌉ × ⌈W/2⌉), and the GEMM runs instead: F(2×2) transforms the
     * weights on every call (4 ms for 512 × 512, 0.8 ms for 256 × 256), which few tiles do not pay for. Against the
     * GEMM, one thread, thread CPU time (ConvCpuTime WINOGRAD_OFF=1, small19, Zen 4; docs/PERFORMANCE.md): 512 × 512
     * on 7 × 7 even at 16 and 32 tiles, 1.4x at 64, 1.5x at 128 (r3x3-7); 256 × 256 on 7 × 7 even at 32, 1.36x at 64;
     * 256 × 256 on 16 × 16 at 64 tiles 1.3x. (Stop 23 measured 0.70x at 64 and 1.06x at 128 on Zen 5 and set 256.)
     */
    static final int MIN_WIDE_TILES = 64;
    /**
     * Groups with at most this many image and response channels are short (grp16): their transforms weigh as much as
     * their products, and F(4×4) beats the GEMM only on planes its tiles cover with little waste
     * ({@link #shortGroupPays}); from 48 channels a group it was 13-65 % faster than the GEMM on every plane measured
     * (docs/PERFORMANCE.md).
     */
    static final int SHORT_GROUP = 32;
    /**
     * Floats added to each transform point's matrix of U: the transform writes every point of a channel pair
     * together, and at coutP·cin apart (a power of two) they fell into one cache set (wino9: r3x3-14's F(2×2) weight
     * transform 3 ms a call).
     */
    private static final int U_SKEW = 16;
    /**
     * Floats added to each transform point of a strip's packed image and products (g4w12): at 32 image channels or
     * 32 response rows a point is 4 KB, and the transforms, which write or read a tile's points together, hit one
     * cache set and 4K-aliased their loads on their stores.
     */
    private static final int POINT_SKEW = 16;
    /** Response rows per output transform block: the block's (m+2)² products stay in L2. */
    private static final int ROW_BLOCK = 64;
    /** At most this many strips per task. */
    private static final int MAX_GROUP = 4;
    /**
     * A task takes one strip per this many bytes of transformed weights (up to {@link #MAX_GROUP}), but F(4×4)'s tasks
     * always {@link #MAX_GROUP} ({@link #stripsPerTask}).
     */
    private static final long WEIGHT_BYTES_PER_STRIP = 512 << 10;
    /**
     * host55: cores of at least this much L2 ({@link KernelProvider#l2CacheBytes}; Intel Xeons' 2 MB, in front of a
     * mesh L3 much slower per core than Zen's) run F(4×4) in tasks of {@link #LARGE_L2_F4_STRIPS} strips and blocks of
     * {@link #LARGE_L2_F4_ROW_BLOCK} response rows, so that a task's packed strips, products and U stay in L2 (1.5 MB
     * at 64 channels, against 3 MB for {@link #MAX_GROUP} and {@link #ROW_BLOCK}, which went to L3 between the input
     * transform, the multiplies and the output transform). Smaller L2s (Zen 5's 1 MB, whose L3 is fast) keep those.
     * Only the tasks and row blocks change, never a sum's order: the same bits.
     */
    static final long LARGE_L2_BYTES = 2L << 20;
    static final int LARGE_L2_F4_STRIPS = 2;
    static final int LARGE_L2_F4_ROW_BLOCK = 32;

    /** Whether a core of {@code l2Bytes} of L2 (0 if unknown) takes the large-L2 rules ({@link #LARGE_L2_BYTES}). */
    static boolean largeL2(long l2Bytes) {
        return l2Bytes >= LARGE_L2_BYTES;
    }
    /**
     * win56: on those same large-L2 hosts, F(4×4) on responses of at most this many tiles a row gathers each lane's
     * window ({@link #transformInput}) instead of reading the image by rows ({@link WinogradFiveInput}): by rows, every
     * run of 3-4 tiles along a row of tiles takes a whole 16-float vector through the row pass (4-5x the work), and this
     * Xeon's gathers are cheap. Input gradients 1.15-1.5x, forwards 1.1-1.4x on 11-14 planes (thread CPU, one thread);
     * 28-wide (7 tiles a row) level. Zen 5 keeps the row input (wino14 measured it faster there on 14 × 14). The
     * gathering transform runs the same two passes in the same order: the same bits.
     */
    static final int GATHER_F4_MAX_COLS = 4;
    /**
     * d5i58: the 5×5 tiles gather too on large-L2 hosts where the response has at most this many tiles a row (the
     * same bits, as for F(4×4)): h57-5x5-11's F(3×3, 5×5) input gradient 1.13-1.22x in thread CPU at one thread (4
     * tiles a row); d5b57 measured 5-7 tiles a row (15 and 19 planes) level.
     */
    static final int GATHER_5_MAX_COLS = 4;

    /**
     * A tile size m: m×m response blocks from (m+2)×(m+2) image blocks, (m+2)² transform points. Per axis the input
     * transform Bᵀ and the output transform Aᵀ; the filter transforms G are {@link VectorOps#winogradWeights}' (3×3)
     * and {@link VectorOps#winograd5Weights}' (5×5).
     */
    enum Tile {
        /** F(4×4, 3×3): 36 points, constants up to 1/24 and 8. */
        F4(4, 3) {
            @Override
            void input(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winogradInput(in, x, x + inStep, x + 2 * inStep, x + 3 * inStep, x + 4 * inStep, x + 5 * inStep,
                        out, o, outStep, n);
            }

            @Override
            void output(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winogradOutput(in, x, inStep, out, o, outStep, n);
            }
        },
        /** F(2×2, 3×3): 16 points, constants 0, ±1, ±1/2. */
        F2(2, 3) {
            @Override
            void input(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winograd2Input(in, x, inStep, out, o, outStep, n);
            }

            @Override
            void output(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winograd2Output(in, x, inStep, out, o, outStep, n);
            }
        },
        /**
         * F(2×2, 5×5) (small9): the 36 points 0, ±1, ±2, ∞ of F(4×4, 3×3), so the same input transform Bᵀ; 36
         * multiplications per channel pair instead of 100.
         */
        F25(2, 5) {
            @Override
            void input(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winogradInput(in, x, x + inStep, x + 2 * inStep, x + 3 * inStep, x + 4 * inStep, x + 5 * inStep,
                        out, o, outStep, n);
            }

            @Override
            void output(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winograd25Output(in, x, inStep, out, o, outStep, n);
            }
        },
        /**
         * F(3×3, 5×5) (five13): the 49 points 0, ±1, ±2, 1/2, ∞, 49 multiplications per channel pair for 9 outputs
         * (F25: 36 for 4); its error against the double reference is in docs/PERFORMANCE.md (five13).
         */
        F35(3, 5) {
            @Override
            void input(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winograd35Input(in, x, x + inStep, x + 2 * inStep, x + 3 * inStep, x + 4 * inStep, x + 5 * inStep,
                        x + 6 * inStep, out, o, outStep, n);
            }

            @Override
            void output(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n) {
                ops.winograd35Output(in, x, inStep, out, o, outStep, n);
            }
        };

        /** Response rows and columns per tile. */
        final int m;
        /** Kernel rows and columns. */
        final int r;
        /** Image rows and columns per tile: m + r - 1. */
        final int alpha;
        /** Transform points: alpha². */
        final int points;

        Tile(int m, int r) {
            this.m = m;
            this.r = r;
            this.alpha = m + r - 1;
            this.points = alpha * alpha;
        }

        /** Bᵀ d along one axis for n positions: d_s at in[x + s*inStep + i], the alpha outputs at out[o + k*outStep + i]. */
        abstract void input(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n);

        /** Aᵀ M along one axis for n positions: M_s at in[x + s*inStep + i], the m outputs at out[o + k*outStep + i]. */
        abstract void output(VectorOps ops, float[] in, int x, int inStep, float[] out, int o, int outStep, int n);
    }

    private final MicroKernel micro;
    private final VectorOps ops;
    private final int mr;
    private final int nr;
    /**
     * Whether F(4×4)'s four side-by-side tiles cut by the response's right edge are written a row of them at a time
     * ({@link VectorOps#interleave4Parts}, c2t50): on 13-16 wide responses every row of tiles is such a group, and the
     * element loop wrote all their outputs (cnn2's 14 × 14 conv2d(32, 64) forward and input gradient).
     */
    private final boolean edgeGroups;
    /** F(4×4)'s tasks and row blocks sized for a large L2 ({@link #LARGE_L2_BYTES}). */
    private final boolean largeL2;
    /** Strips' output transforms that wrote edge groups, over every instance: for the tests to see the path taken. */
    static final LongAdder EDGE_GROUP_STRIPS = new LongAdder();
    /** Strips' output transforms that wrote runs of tiles ({@link #RUN_MAX_COLS}), over every instance: for the tests. */
    static final LongAdder RUN_STRIPS = new LongAdder();
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);
    /** The 5×5 weight transform's doubles ({@link VectorOps#winograd5Weights}). */
    private final ThreadScratch weightScratch = new ThreadScratch();
    private final WinogradWeightGradient gradient;
    private final WinogradFiveWeightGradient gradientFive;
    private final WinogradFive3WeightGradient gradientFive3;
    /** The input transform by image rows, no gathers: F(2×2, 5×5)'s (five11), F(3×3, 5×5)'s, F(4×4, 3×3)'s (wino14; but {@link #gathersInput}). */
    private final WinogradFiveInput fiveInput;

    WinogradConv(MicroKernel micro, VectorOps ops) {
        this(micro, ops, ops.interleave4Parts());
    }

    /** {@code edgeGroups}: as {@link #edgeGroups}, if {@code ops} {@link VectorOps#interleave4Parts} (tests turn it off). */
    WinogradConv(MicroKernel micro, VectorOps ops, boolean edgeGroups) {
        this(micro, ops, edgeGroups, KernelProvider.l2CacheBytes());
    }

    /** {@code l2Bytes}: a core's L2 cache, 0 if unknown ({@link #LARGE_L2_BYTES}; tests force each size). */
    WinogradConv(MicroKernel micro, VectorOps ops, boolean edgeGroups, long l2Bytes) {
        this.largeL2 = largeL2(l2Bytes);
        this.micro = micro;
        this.ops = ops;
        this.gradient = new WinogradWeightGradient(micro, ops, largeL2);
        this.gradientFive = new WinogradFiveWeightGradient(micro, ops);
        this.gradientFive3 = new WinogradFive3WeightGradient(micro, ops);
        this.fiveInput = new WinogradFiveInput(ops, micro.nr());
        this.mr = micro.mr();
        this.nr = micro.nr();
        this.edgeGroups = edgeGroups && ops.interleave4Parts();
    }

    /**
     * The weight gradient by Winograd's F(2×2, 3×3) ({@link WinogradWeightGradient}) or, for 5×5 kernels,
     * F(5×5, 2×2) ({@link WinogradFiveWeightGradient}) or F(5×5, 3×3) ({@link WinogradFive3WeightGradient}) by
     * {@link WinogradFiveWeightGradient#tile}, for the geometries their {@code applies} accept; {@link ConvDispatch}
     * decides when it runs.
     */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        if (g.kernel()[2] != 5) {
            return gradient.weightGradient(g, image, response);
        }
        return (WinogradFiveWeightGradient.tile(g) == 3 ? gradientFive3 : gradientFive).weightGradient(g, image, response);
    }

    /** Whether {@link #tile} has a tile for {@code g}. */
    static boolean applies(ConvGeometry g) {
        return tile(g) != null;
    }

    /**
     * The tile for plain 2-d 3×3 correlations with unit stride and dilation and per group enough channels on both
     * sides (the limits are a group's: groups are independent correlations): {@link Tile#F4} up to
     * {@link #MAX_REDUCTION} image channels and {@link #MAX_CHANNEL_PAIRS} channel pairs on responses higher or wider
     * than {@link #SMALL_SIDE} (and on dense 9-11 × 9-11 calls of {@link #SMALL_PLANE_F4_TILES} tiles), else {@link Tile#F2}
     * (but null for grouped {@link #SHORT_GROUP short groups}) up to {@link #MAX_REDUCTION_2} and {@link #MAX_CHANNEL_PAIRS_2}
     * (beyond F(4×4)'s limits, with at least {@link #MIN_WIDE_TILES} tiles per call); null for anything else.
     */
    static Tile tile(ConvGeometry g) {
        int[] k = g.kernel();
        int[] s = g.stride();
        int[] d = g.dilation();
        int cin = g.imageChannels() / g.groups();
        int cout = g.responseChannels() / g.groups();
        if (k[0] != 1 || g.image()[0] != 1 || g.response()[0] != 1 || g.padLeft()[0] != 0
                || k[1] != k[2] || s[1] != 1 || s[2] != 1 || d[1] != 1 || d[2] != 1
                || cin < MIN_CHANNELS || cout < MIN_CHANNELS) {
            return null;
        }
        if (k[1] == 5) {
            return tile5(g, cin, cout);
        }
        if (k[1] != 3) {
            return null;
        }
        long pairs = (long) cin * cout;
        boolean small = g.response()[1] <= SMALL_SIDE && g.response()[2] <= SMALL_SIDE;
        if (cin <= MAX_REDUCTION && pairs <= MAX_CHANNEL_PAIRS) {
            boolean shortGroup = cin <= SHORT_GROUP && cout <= SHORT_GROUP;
            if (small) { // grouped short groups on small planes: the GEMM (grp20, g8-256-11: 20 % faster than F(2×2))
                return shortGroup && g.groups() > 1 ? null : smallPlaneF4(g, shortGroup, pairs) ? Tile.F4 : Tile.F2;
            }
            return !shortGroup || shortGroupPays(g) ? Tile.F4 : null;
        }
        long tiles = tiles2x2(g);
        return cin <= MAX_REDUCTION_2 && pairs <= MAX_CHANNEL_PAIRS_2 && tiles >= MIN_WIDE_TILES ? Tile.F2 : null;
    }

    /** The 2×2 response tiles of a call, all images': what F(2×2)'s and grouped 5×5 calls' minimums count. */
    static long tiles2x2(ConvGeometry g) {
        return (long) g.batch() * ((g.response()[1] + 1) / 2) * ((g.response()[2] + 1) / 2);
    }

    /**
     * {@link #SMALL_PLANE_F4_TILES}: a dense response of 8-11 rows and columns ({@link #SMALL_F4_MIN_SIDE}; the caller
     * takes at most {@link #SMALL_SIDE}; 8 only up to {@link #EIGHT_F4_MAX_PAIRS}), not a short group, of enough 4×4
     * tiles (nine an image from 9 × 9, four on 8 × 8).
     */
    private static boolean smallPlaneF4(ConvGeometry g, boolean shortGroup, long pairs) {
        int side = Math.min(g.response()[1], g.response()[2]);
        return g.groups() == 1 && !shortGroup && side >= SMALL_F4_MIN_SIDE && (side > 8 || pairs <= EIGHT_F4_MAX_PAIRS)
                && tiles4x4(g) >= SMALL_PLANE_F4_TILES;
    }

    /** The 4×4 response tiles of a call, all images'. */
    static long tiles4x4(ConvGeometry g) {
        return (long) g.batch() * ((g.response()[1] + 3) / 4) * ((g.response()[2] + 3) / 4);
    }

    /**
     * Whether a short group ({@link #SHORT_GROUP}) runs F(4×4) rather than the GEMM: where its 4×4 tiles keep at least
     * 17/20 of their outputs (14 × 14 keeps 0.77, 17 × 17 0.72, 21 × 21 0.77; 23 × 23 0.92, 30 × 30 0.88, 27 × 27 0.93,
     * multiples of 4 all). One thread, grp16: the GEMM was 8-25 % faster at 0.72-0.77 kept; at 0.88-1.0 F(4×4) was
     * 0-17 % faster or even, but for 16 channels a group on 23 × 23 (the GEMM 20 % faster, not separated by shape from
     * 16 a group on 28, 32 and 56, where F(4×4) was even or faster: docs/PERFORMANCE.md). F(2×2) was slower than both
     * on every one of them.
     */
    static boolean shortGroupPays(ConvGeometry g) {
        long rows = (g.response()[1] + 3) / 4;
        long cols = (g.response()[2] + 3) / 4;
        long kept = (long) g.response()[1] * g.response()[2];
        return 20 * kept >= 17 * 16 * rows * cols;
    }

    /** Per-thread buffers, grown as needed and reused across calls. */
    private static final class Workspace {
        float[] windows = new float[0];
        float[] packed = new float[0];
        float[] products = new float[0];
        float[] rows = new float[0];
        int[] windowIndex = new int[0];
        boolean[] windowValid = new boolean[0];
        int[] laneTarget = new int[0];
        int[] laneExtent = new int[0];
        /** Per group of four lanes: where its four side-by-side whole tiles start in the response, or -1. */
        int[] groupTarget = new int[0];
        /**
         * Per group of four lanes: where its four side-by-side tiles start when they are cut by the response's edges, the
         * last's columns or all four's rows (c2t50), or -1; and their rows and the floats of each row.
         */
        int[] edgeTarget = new int[0];
        int[] edgeRows = new int[0];
        int[] edgeWidth = new int[0];
        /**
         * sm59: per run of side-by-side tiles in one row of tiles (responses of at most {@link #RUN_MAX_COLS} tiles a row):
         * its first lane, where it starts in the response, its rows and the floats of each row; {@link #runs} of them.
         */
        int[] runLane = new int[0];
        int[] runTarget = new int[0];
        int[] runRows = new int[0];
        int[] runWidth = new int[0];
        int runs;
        /** Whether any group of the strip last looked at has a groupTarget, an edgeTarget. */
        boolean anyWhole;
        boolean anyEdge;

        static float[] grow(float[] a, long size) {
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("Winograd workspace of " + size + " floats exceeds an array");
            }
            return a.length >= size ? a : new float[(int) size];
        }

        /** The call and task the lanes were last described for (g4w12), or null. */
        Object describedCall;
        int describedTask;

        void lanes(int lanes, int points) {
            if (laneTarget.length < lanes || windowIndex.length < points * lanes) {
                describedCall = null;
                windowIndex = new int[points * lanes];
                windowValid = new boolean[points * lanes];
                laneTarget = new int[lanes];
                laneExtent = new int[lanes];
            }
            if (groupTarget.length < lanes / 4) {
                groupTarget = new int[lanes / 4];
                edgeTarget = new int[lanes / 4];
                edgeRows = new int[lanes / 4];
                edgeWidth = new int[lanes / 4];
            }
            if (runLane.length < lanes) {
                runLane = new int[lanes];
                runTarget = new int[lanes];
                runRows = new int[lanes];
                runWidth = new int[lanes];
            }
        }
    }

    /** The transformed weights of the last call, reused when the next call's fit (taken while in use, so calls may overlap). */
    private final AtomicReference<float[]> spareWeights = new AtomicReference<>();

    /** The response by the tile {@link #tile} chooses. */
    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        return correlate(g, image, weight, tile(g));
    }

    /**
     * The response plus {@code bias[c]} on every element of channel c, added to each tile's outputs in the output
     * transform (c2x52: the separate pass over the response was a tenth of cnn2-c2's forward in the training step):
     * the same float additions as adding it afterwards, so the same bits.
     */
    float[] correlate(ConvGeometry g, float[] image, float[] weight, float[] bias) {
        return correlate(g, image, weight, tile(g), false, bias);
    }

    /** The response by {@code tile} (tests and measurements force one). */
    float[] correlate(ConvGeometry g, float[] image, float[] weight, Tile tile) {
        return correlate(g, image, weight, tile, false, null);
    }

    /**
     * Whether {@link #correlateFlipped} takes {@code g}: a 3×3 tile, or a dense 5×5 one (d5i58; grouped 5×5 input
     * gradients keep their copy, as {@link ConvDispatch} sends the wide groups' to the lanes kernel first), so the
     * input gradient need not flip the kernel into a copy first (small19: 2.1 ms of r3x3-7's 18.7).
     */
    static boolean readsFlipped(ConvGeometry g) {
        Tile tile = tile(g);
        return tile != null && (tile.r == 3 || g.groups() == 1);
    }

    /**
     * The correlation over {@code g} (a {@link ConvDispatch#flipped} geometry that {@link #readsFlipped} takes) with
     * the flipped, transposed kernel of {@code weight} ({@link FastConv#flipTransposed}), which the weight transform
     * reads in place: the same transformed weights, so the same bits, as the correlation with the flipped copy.
     */
    float[] correlateFlipped(ConvGeometry g, float[] image, float[] weight) {
        return correlate(g, image, weight, tile(g), true, null);
    }

    /**
     * The response by {@code tile}; {@code flippedWeight}: {@code weight} is the kernel {@link #correlateFlipped} reads;
     * {@code bias}: null, or one value a response channel added to its outputs.
     */
    private float[] correlate(ConvGeometry g, float[] image, float[] weight, Tile tile, boolean flippedWeight,
                              float[] bias) {
        int cin = g.imageChannels() / g.groups();
        int cout = g.responseChannels() / g.groups();
        int m = tile.m;
        int points = tile.points;
        int cols = (g.response()[2] + m - 1) / m;
        int tilesPerImage = (g.response()[1] + m - 1) / m * cols;
        long tiles = (long) g.batch() * tilesPerImage;
        int coutP = (cout + mr - 1) / mr * mr;
        boolean l2Sized = tile == Tile.F4 && largeL2;
        int rowBlock = Math.min(coutP, l2Sized ? LARGE_L2_F4_ROW_BLOCK : ROW_BLOCK);
        // strips of NR tiles numbered across the whole batch; a task takes a few consecutive strips per pass over
        // the transformed weights (splitStrips). A tile's arithmetic does not depend on its task, so neither do the
        // results.
        int strips = (int) ((tiles + nr - 1) / nr);
        long weightBytes = 4L * points * coutP * cin;
        int group = l2Sized ? LARGE_L2_F4_STRIPS : stripsPerTask(tile, weightBytes);
        int lastTiles = (int) (tiles - (long) (strips - 1) * nr);
        int threads = Parallel.threads();
        int[] bySplit = splitStrips(strips, lastTiles, nr, group, threads, g.groups());
        // small23: where the strips are too few to split evenly, every task's response rows in parts instead
        int parts = tile == Tile.F2 && g.groups() == 1
                ? rowParts(bySplit, strips, lastTiles, nr, group, coutP, rowBlock, threads) : 1;
        int[] split = parts == 1 ? bySplit : oneThreadSplit(strips, group);
        int tasks = split.length - 1;
        int blocks = (coutP + rowBlock - 1) / rowBlock;

        // five11, five13, wino14: by image rows, no gathers (F(4×4)'s 36 lane gathers per channel were half its forward
        // on Zen); win56: F(4×4) on narrow planes gathers on large-L2 hosts
        boolean byRows = !gathersInput(tile, g);
        // every response element is written by exactly one tile
        float[] out = Storage.floats(g.responseSize());
        // every group's weights transformed first, then one pass over every group's tasks: a pass per group
        // left a thread idle at each group's end (g4-3x3-28: 13 one-strip tasks per group on two threads)
        int pointFloats = pointFloats(coutP, cin);
        int groupFloats = points * pointFloats;
        float[] u = transformWeights(tile, weight, flippedWeight, g.groups(), cin, cout, coutP);
        // g4w12: the jobs task by task, each task's groups in a row, so that a thread describes a task's lanes (where its
        // tiles read and write, the same for every group) once for the groups it takes in a row
        Object call = new Object();
        int groups = g.groups();
        Parallel.forEach(parts * groups * tasks, job -> {
            int part = job / (groups * tasks); // part after part, so each thread streams its own rows of U
            int task = job % (groups * tasks) / groups;
            int group0 = job % groups;
            int rowFrom = part * blocks / parts * rowBlock;
            int rowTo = Math.min(cout, (part + 1) * blocks / parts * rowBlock);
            int imageChannel0 = group0 * cin;
            int responseChannel0 = group0 * cout;
            int first = split[task];
            int stripsHere = split[task + 1] - first;
            Workspace w = workspaces.get();
            // g4w12: the points of a strip skewed off one cache set, as U's (F(2x2, 5x5)'s stay unskewed, as measured)
            int packedPoint = tile == Tile.F25 ? cin * nr : cin * nr + POINT_SKEW;
            int productPoint = rowBlock * nr + POINT_SKEW;
            long packedStrip = (long) points * packedPoint;
            long productStrip = (long) points * productPoint;
            w.windows = Workspace.grow(w.windows, (long) points * nr);
            w.packed = Workspace.grow(w.packed, stripsHere * packedStrip);
            w.products = Workspace.grow(w.products, stripsHere * productStrip);
            w.rows = Workspace.grow(w.rows, (long) (points + m * m) * nr);
            w.lanes(stripsHere * nr, points);
            boolean described = w.describedCall == call && w.describedTask == task;
            w.describedCall = call;
            w.describedTask = task;
            for (int s = 0; s < stripsHere; s++) {
                long t0 = (long) (first + s) * nr;
                int count = (int) Math.min(nr, tiles - t0);
                if (!described) {
                    describeLanes(tile, g, w, s * nr, t0, count, tilesPerImage, cols, !byRows);
                }
                if (!byRows) {
                    transformInput(tile, g, image, imageChannel0, w, s * nr, (int) (s * packedStrip), packedPoint, count,
                            cin);
                }
            }
            if (byRows) {
                long firstTile = (long) first * nr;
                fiveInput.transform(tile, g, image, imageChannel0, cin, firstTile,
                        (int) Math.min((long) stripsHere * nr, tiles - firstTile), cols, tilesPerImage, w.packed,
                        (int) packedStrip, packedPoint);
            }
            for (int co0 = rowFrom; co0 < rowTo; co0 += rowBlock) {
                int rowsHere = Math.min(rowBlock, coutP - co0);
                for (int p = 0; p < points; p++) {
                    int a = group0 * groupFloats + p * pointFloats + co0 * cin;
                    for (int s = 0; s < stripsHere; s++) {
                        int b = (int) (s * packedStrip) + p * packedPoint;
                        int c = (int) (s * productStrip) + p * productPoint;
                        // small21: a last strip of at most nr/2 tiles (72 = 2·32 + 8 on 5×5 and 6×6 planes) at half
                        // the multiply-adds; its other columns are never read
                        boolean half = tiles - (long) (first + s) * nr <= nr / 2;
                        for (int ms = 0; ms < rowsHere; ms += mr) {
                            if (half) {
                                micro.multiplyHalf(cin, u, a + ms * cin, w.packed, b, w.products, c + ms * nr, nr, false);
                            } else {
                                micro.multiply(cin, u, a + ms * cin, w.packed, b, w.products, c + ms * nr, nr, false);
                            }
                        }
                    }
                }
                for (int s = 0; s < stripsHere; s++) {
                    int count = (int) Math.min(nr, tiles - (long) (first + s) * nr);
                    transformOutput(tile, g, w, s * nr, (int) (s * productStrip), productPoint, out, count,
                            responseChannel0 + co0, Math.min(rowBlock, cout - co0), bias);
                }
            }
        });
        spareWeights.set(u);
        return out;
    }

    /**
     * Whether {@code tile} on {@code g} gathers its input windows ({@link #transformInput}): F(2×2) always, F(4×4) on a
     * large-L2 host where the response has at most {@link #GATHER_F4_MAX_COLS} tiles a row, the 5×5 tiles at most
     * {@link #GATHER_5_MAX_COLS}; the others read by rows.
     */
    boolean gathersInput(Tile tile, ConvGeometry g) {
        return tile == Tile.F2
                || tile == Tile.F4 && largeL2 && (g.response()[2] + tile.m - 1) / tile.m <= GATHER_F4_MAX_COLS
                || tile.r == 5 && largeL2 && (g.response()[2] + tile.m - 1) / tile.m <= GATHER_5_MAX_COLS;
    }

    /**
     * Strips a task takes per pass over the transformed weights. F(4×4): {@link #MAX_GROUP} whatever their size (grp22:
     * with 32-64 channels a group, 150-600 KB of weights, one strip a task cost 5-14 % more CPU at one and two threads,
     * g4-3x3-28 and g4-64-28 the most); the other tiles: one per {@link #WEIGHT_BYTES_PER_STRIP}. Only the tasks
     * change, never a tile's arithmetic, so not the bits.
     */
    static int stripsPerTask(Tile tile, long weightBytes) {
        return tile == Tile.F4 ? MAX_GROUP : (int) Math.max(1, Math.min(MAX_GROUP, weightBytes / WEIGHT_BYTES_PER_STRIP));
    }

    /** Floats per transform point of U: its coutP × cin, and {@link #U_SKEW}. */
    private static int pointFloats(int coutP, int cin) {
        return coutP * cin + U_SKEW;
    }

    /**
     * U[p] = G w G^T for every (co, ci), in MR strips: u[p*pointFloats + (strip*mr)*cin + ci*mr + co%mr], by
     * {@link VectorOps#winogradWeights} (in double, rounded once). A task is one MR strip of output channels, so that
     * each point's MR values of one input channel are stored together.
     * Group grp's U follows the previous groups', from {@code grp * points*coutP*cin}.
     */
    private float[] transformWeights(Tile tile, float[] weight, boolean flippedWeight, int groups, int cin, int cout,
                                     int coutP) {
        int points = tile.points;
        int pointFloats = pointFloats(coutP, cin);
        int groupFloats = points * pointFloats;
        long size = (long) groups * groupFloats;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("Winograd weights of " + size + " floats exceed an array");
        }
        float[] spare = spareWeights.getAndSet(null);
        float[] u = spare != null && spare.length >= size ? spare : new float[(int) size];
        int stripsPerGroup = coutP / mr;
        int r = tile.r;
        int taps = r * r;
        Parallel.forEach(groups * stripsPerGroup, job -> {
            int strip = job % stripsPerGroup;
            if (r == 3) {
                int grp = job / stripsPerGroup;
                int co0 = strip * mr;
                int lanes = Math.min(mr, cout - co0); // rows past cout multiply into products never read; zeros there
                int u0 = grp * groupFloats + co0 * cin;
                // tap t of (co, ci) flipped is tap 8 - t of the weight's (ci, co): FastConv.flipTransposed
                int src = flippedWeight ? (grp * cin * cout + co0) * 9 + 8 : (grp * cout + co0) * cin * 9;
                int laneStride = flippedWeight ? 9 : cin * 9;
                int channelStride = flippedWeight ? cout * 9 : 9;
                int tapStep = flippedWeight ? -1 : 1;
                if (tile == Tile.F2) { // wino22: in float, the taps halved first (its error: docs/PERFORMANCE.md)
                    ops.winograd2Weights(weight, src, laneStride, channelStride, tapStep, lanes, cin, u, u0, mr,
                            pointFloats);
                } else {
                    ops.winogradWeights(tile.m, weight, src, laneStride, channelStride, tapStep, lanes, cin, u, u0, mr,
                            pointFloats);
                }
                return;
            }
            // d5i58: F(2×2, 5×5) and F(3×3, 5×5), in double vectors across the strip's lanes (the per-lane loops were
            // ~13 % of h56-5x5-15's input gradient); read flipped in place as the 3×3 taps are
            int grp = job / stripsPerGroup;
            int co0 = strip * mr;
            int lanes = Math.min(mr, cout - co0);
            int src = flippedWeight ? (grp * cin * cout + co0) * taps + taps - 1 : (grp * cout + co0) * cin * taps;
            ops.winograd5Weights(tile.m, weight, src, flippedWeight ? taps : cin * taps,
                    flippedWeight ? cout * taps : taps, flippedWeight ? -1 : 1, lanes, cin, u,
                    grp * groupFloats + co0 * cin, mr, pointFloats,
                    weightScratch.doubles(VectorOps.winograd5ScratchDoubles(mr)));
        });
        return u;
    }

    /**
     * Where the tiles of the task's strip {@code at / nr} read and write: with {@code windows} (the gathering input
     * transform, {@link #gathersInput}), for each lane and window element
     * (a, s), its offset in channel 0 of the image and whether it lies inside the image, at
     * {@code windowSlot(at / nr, a*alpha + s) + lane} (outside, it is padding: zero, and the offset is any element
     * of the image); the tile's offset and rows × columns in channel 0 of the response, at {@code at + lane}.
     */
    private void describeLanes(Tile tile, ConvGeometry g, Workspace w, int at, long t0, int count, int tilesPerImage,
                               int cols, boolean windows) {
        int m = tile.m;
        int alpha = tile.alpha;
        int height = g.image()[1];
        int width = g.image()[2];
        int outH = g.response()[1];
        int outW = g.response()[2];
        int group = at / nr;
        for (int lane = 0; lane < count; lane++) {
            long number = t0 + lane;
            int n = (int) (number / tilesPerImage);
            int local = (int) (number - (long) n * tilesPerImage);
            int ty = local / cols;
            int tx = local - ty * cols;
            int source = n * g.imageChannels() * height * width;
            int top = m * ty - g.padLeft()[1];
            int left = m * tx - g.padLeft()[2];
            for (int a = 0; windows && a < alpha; a++) { // the gathers' tables; the row input reads no windows
                boolean rowInside = top + a >= 0 && top + a < height;
                for (int s = 0; s < alpha; s++) {
                    boolean inside = rowInside && left + s >= 0 && left + s < width;
                    int slot = windowSlot(tile, group, a * alpha + s) + lane;
                    w.windowValid[slot] = inside;
                    w.windowIndex[slot] = inside ? source + (top + a) * width + left + s : source;
                }
            }
            w.laneTarget[at + lane] = n * g.responseChannels() * outH * outW + m * ty * outW + m * tx;
            w.laneExtent[at + lane] = Math.min(m, outH - m * ty) * 8 + Math.min(m, outW - m * tx);
        }
    }

    /**
     * Marks the groups of four lanes of the strip at {@code at} whose tiles are whole and side by side in one row of
     * tiles, so that each response row of the four is one 16-float segment ({@link VectorOps#interleave4}): their
     * start in {@code w.groupTarget}, -1 for the others. With {@code edges}, also those side by side with the same
     * rows, cut by the response's edges (the last's columns by the right one, all four's rows by the bottom one;
     * {@link VectorOps#interleave4Part}): their start, rows and row width in {@code w.edgeTarget}, {@code edgeRows},
     * {@code edgeWidth}, -1 for the others. Returns the number of groups looked at.
     */
    private static int wholeGroups(Workspace w, int at, int count, int full, boolean edges) {
        int groups = count / 4;
        for (int g = 0; g < groups; g++) {
            int first = at + 4 * g;
            int start = w.laneTarget[first];
            boolean whole = true;
            boolean sideBySide = true;
            for (int i = 0; i < 4; i++) {
                whole &= w.laneExtent[first + i] == full;
                sideBySide &= w.laneTarget[first + i] == start + 4 * i;
            }
            w.groupTarget[g] = whole && sideBySide ? start : -1;
            w.anyWhole |= whole && sideBySide;
            // rows of 4 in the first three (extent rows·8 + columns), the last's columns cut, all with the same rows
            int rows = w.laneExtent[first] >> 3;
            int last = w.laneExtent[first + 3];
            boolean edge = edges && sideBySide && !whole && last >> 3 == rows
                    && w.laneExtent[first + 1] == w.laneExtent[first] && w.laneExtent[first + 2] == w.laneExtent[first]
                    && (w.laneExtent[first] & 7) == 4;
            w.edgeTarget[g] = edge ? start : -1;
            w.anyEdge |= edge;
            w.edgeRows[g] = rows;
            w.edgeWidth[g] = 12 + (last & 7);
        }
        return groups;
    }

    /**
     * sm59: F(4×4) on responses of at most this many tiles a row writes each row of tiles a strip holds (one to
     * three side by side, the last cut by the right edge) a response row at a time, one masked vector store
     * ({@link VectorOps#interleave4Part}), where the element loop wrote 9-12 floats a row one by one (9-12 wide planes
     * have no groups of four tiles a row for {@link #wholeGroups}). The same floats moved: the same bits.
     */
    static final int RUN_MAX_COLS = 3;

    /**
     * The runs of the strip at {@code at} into {@code w.runLane} ... {@code w.runs}: lanes whose tiles lie side by side
     * in one row of tiles, at most four, all whole but the last's columns, all of one height.
     */
    private static void tileRuns(Workspace w, int at, int count) {
        int runs = 0;
        for (int lane = 0; lane < count; ) {
            int start = w.laneTarget[at + lane];
            int extent = w.laneExtent[at + lane];
            int length = 1;
            while (length < 4 && lane + length < count && (extent & 7) == 4
                    && w.laneTarget[at + lane + length] == start + 4 * length
                    && w.laneExtent[at + lane + length] >> 3 == extent >> 3) {
                extent = w.laneExtent[at + lane + length];
                length++;
            }
            w.runLane[runs] = lane;
            w.runTarget[runs] = start;
            w.runRows[runs] = extent >> 3;
            w.runWidth[runs] = 4 * (length - 1) + (extent & 7);
            runs++;
            lane += length;
        }
        w.runs = runs;
    }

    /** Where the lanes of window element k of the task's strip {@code group} start in windowIndex and windowValid. */
    private int windowSlot(Tile tile, int group, int k) {
        return (group * tile.points + k) * nr;
    }

    /**
     * V = B^T d B for the strip's tiles and every channel, into the packed strip {@code packed[(p*cin + c)*nr + lane]}
     * (zero in lanes past count). Per channel, the lanes' alpha×alpha windows are gathered into
     * {@code windows[(a*alpha + s)*nr + lane]} (zero outside the image), so that both passes of the transform are
     * element-wise vector loops over the lanes.
     */
    private void transformInput(Tile tile, ConvGeometry g, float[] image, int channel0, Workspace w, int at, int packedAt,
                                int packedPoint, int count, int cin) {
        int points = tile.points;
        float[] packed = w.packed;
        int plane = g.image()[1] * g.image()[2];
        int group = at / nr;
        if (count < nr) {
            for (int p = 0; p < points; p++) {
                for (int c = 0; c < cin; c++) {
                    int lanes = packedAt + p * packedPoint + c * nr;
                    Arrays.fill(packed, lanes + count, lanes + nr, 0f);
                }
            }
        }
        for (int c = 0; c < cin; c++) {
            transformInputChannel(tile, image, (channel0 + c) * plane, w, group, packedAt + c * nr, packedPoint, count);
        }
    }

    /**
     * One channel of {@link #transformInput}: its image plane from {@code plane0}, its lanes of the packed strip from
     * {@code packedAt}. A method of its own for the reason {@link #transformOutputRow} is (train14: the loop over the
     * channels was compiled on stack twice in the first training step).
     */
    private void transformInputChannel(Tile tile, float[] image, int plane0, Workspace w, int group, int packedAt,
                                       int packedPoint, int count) {
        int alpha = tile.alpha;
        int points = tile.points;
        float[] windows = w.windows;
        float[] rows = w.rows;
        for (int k = 0; k < points; k++) {
            ops.gather(image, plane0, w.windowIndex, w.windowValid, windowSlot(tile, group, k), windows, k * nr, count);
        }
        // T[r][j] = (d B)[r][j] for window row r, at rows[(r*alpha + j)*nr]
        for (int r = 0; r < alpha; r++) {
            int x = r * alpha * nr;
            tile.input(ops, windows, x, nr, rows, x, nr, count);
        }
        // V[i][j] = (B^T T)[i][j], point i*alpha + j, straight into the packed strip
        int step = alpha * packedPoint;
        for (int j = 0; j < alpha; j++) {
            tile.input(ops, rows, j * nr, alpha * nr, w.packed, packedAt + j * packedPoint, step, count);
        }
    }

    /** Y = A^T M A (+ bias, when not null) for response rows [co0, co0 + rows) of the strip's tiles, written into the response. */
    private void transformOutput(Tile tile, ConvGeometry g, Workspace w, int at, int productsAt, int productPoint, float[] out,
                                 int count, int co0, int rows, float[] bias) {
        int full = tile.m * 8 + tile.m;
        w.anyWhole = false;
        w.anyEdge = false;
        w.runs = 0;
        if (tile.m == 4 && edgeGroups && (g.response()[2] + 3) / 4 <= RUN_MAX_COLS) {
            tileRuns(w, at, count);
            RUN_STRIPS.increment();
        }
        int groups = tile.m == 4 && w.runs == 0 ? wholeGroups(w, at, count, full, edgeGroups) : 0;
        if (w.anyEdge) {
            EDGE_GROUP_STRIPS.increment();
        }
        int plane = g.responsePlane();
        for (int r = 0; r < rows; r++) {
            transformOutputRow(tile, g.response()[2], w, at, productsAt + r * nr, productPoint, out, count, (co0 + r) * plane,
                    groups, bias, co0 + r);
        }
    }

    /**
     * One response channel of {@link #transformOutput}, its products at {@code productsAt}, written from {@code co} on.
     * A method of its own (train14): called once per channel it is compiled as a method after a few calls; as one loop
     * over a call's channels (each call a few hundred thousand loop iterations) the first training step compiled it
     * on stack four times, once for every thread and loop that was inside it, 0.35-0.6 s of the single C2 thread.
     */
    private void transformOutputRow(Tile tile, int outW, Workspace w, int at, int productsAt, int productPoint, float[] out,
                                    int count, int co, int groups, float[] bias, int channel) {
        int m = tile.m;
        int alpha = tile.alpha;
        float[] products = w.products;
        float[] z = w.rows; // Z[i][q] = (M A)[i][q] at z[(q*alpha + i)*nr], then Y[p][q] at z[y + (p*m + q)*nr]
        int y = m * alpha * nr;
        int full = m * 8 + m;
        int[] groupTarget = w.groupTarget;
        for (int i = 0; i < alpha; i++) {
            tile.output(ops, products, productsAt + i * alpha * productPoint, productPoint, z, i * nr, alpha * nr, nr);
        }
        for (int q = 0; q < m; q++) {
            tile.output(ops, z, q * alpha * nr, nr, z, y + q * nr, m * nr, nr);
        }
        if (bias != null) { // Y + b in the workspace, before any path below writes Y out
            float b = bias[channel];
            for (int i = y; i < y + m * m * nr; i++) {
                z[i] += b;
            }
        }
        if (w.runs > 0) { // sm59: every lane is in a run
            for (int r = 0; r < w.runs; r++) {
                int lane = w.runLane[r];
                int width = w.runWidth[r];
                int start = w.runTarget[r] + co;
                for (int p = 0; p < w.runRows[r]; p++) {
                    ops.interleave4Part(z, y + p * 4 * nr, nr, lane, width, out, start + p * outW);
                }
            }
            return;
        }
        if (groups > 0 && w.anyWhole) {
            for (int p = 0; p < 4; p++) {
                ops.interleave4(z, y + p * 4 * nr, nr, groupTarget, groups, co + p * outW, out);
            }
        }
        int[] edgeTarget = w.edgeTarget;
        for (int g = 0; edgeGroups && g < groups; g++) {
            int start = edgeTarget[g];
            for (int p = 0; start >= 0 && p < w.edgeRows[g]; p++) {
                ops.interleave4Part(z, y + p * 4 * nr, nr, 4 * g, w.edgeWidth[g], out, start + co + p * outW);
            }
        }
        for (int lane = 0; lane < count; lane++) {
            if (lane >> 2 < groups && (groupTarget[lane >> 2] >= 0 || edgeGroups && edgeTarget[lane >> 2] >= 0)) {
                continue;
            }
            int dst = w.laneTarget[at + lane] + co;
            int extent = w.laneExtent[at + lane];
            if (extent == full && m == 4) { // most of F(4×4)'s tiles, unrolled: the loop below cost 3-8 %
                for (int p = 0; p < 4; p++) {
                    int yp = y + p * 4 * nr + lane;
                    int d = dst + p * outW;
                    out[d] = z[yp];
                    out[d + 1] = z[yp + nr];
                    out[d + 2] = z[yp + 2 * nr];
                    out[d + 3] = z[yp + 3 * nr];
                }
                continue;
            }
            if (extent == full && m == 3) { // F(3×3, 5×5)'s whole tiles (five13)
                for (int p = 0; p < 3; p++) {
                    int yp = y + p * 3 * nr + lane;
                    int d = dst + p * outW;
                    out[d] = z[yp];
                    out[d + 1] = z[yp + nr];
                    out[d + 2] = z[yp + 2 * nr];
                }
                continue;
            }
            if (extent == full && m == 2) { // F(2×2, 5×5)'s whole tiles, unrolled as F(4×4)'s (small9)
                out[dst] = z[y + lane];
                out[dst + 1] = z[y + nr + lane];
                out[dst + outW] = z[y + 2 * nr + lane];
                out[dst + outW + 1] = z[y + 3 * nr + lane];
                continue;
            }
            int height = extent == full ? m : extent >> 3;
            int width = extent == full ? m : extent & 7;
            for (int p = 0; p < height; p++) {
                int yp = y + p * m * nr + lane;
                int d = dst + p * outW;
                for (int q = 0; q < width; q++) {
                    out[d + q] = z[yp + q * nr];
                }
            }
        }
    }

    // ---- small9: 5×5 correlations by F(2×2, 5×5)

    /**
     * More image channels than this, and F(2×2, 5×5)'s error is not kept within half the conformance tolerance:
     * measured (WinogradFiveTest) 0.25-0.35 of it at 40-128 image channels, 0.45 at 256, like F(4×4, 3×3)'s.
     */
    static final int MAX_REDUCTION_25 = 128;
    /** More channel pairs than this, and F(2×2, 5×5)'s transformed weights (36 × Cin × Cout floats) leave L2. */
    static final int MAX_CHANNEL_PAIRS_25 = 256 * 256;

    /**
     * Fewer 2×2 tiles per call than this (batch × ⌈H/2⌉ × ⌈W/2⌉), and F(2×2, 5×5) runs the GEMM instead: the weight
     * transform on every call is not paid for. Thread CPU time, one thread: 128 × 128 channels on 7 × 7 (16 tiles)
     * 2.0x slower than the GEMM forward; 64 × 64 on 4 × 14 × 14 (196 tiles) 1.2x faster.
     */
    static final int MIN_TILES_25 = 64;

    /**
     * A 5×5 correlation within F(2×2, 5×5)'s limits runs {@link Tile#F35} where {@link #fiveCost} is lower than
     * {@link Tile#F25}'s, else F25; null (the GEMM) outside the limits. F(3×3)'s error stays within the same limits
     * (docs/PERFORMANCE.md, five13).
     */
    private static Tile tile5(ConvGeometry g, int cin, int cout) {
        long tiles = tiles2x2(g);
        if (!(cin <= MAX_REDUCTION_25 && (long) cin * cout <= MAX_CHANNEL_PAIRS_25 && tiles >= MIN_TILES_25)) {
            return null;
        }
        return fiveCost(g, Tile.F35) < fiveCost(g, Tile.F25) ? Tile.F35 : Tile.F25;
    }

    /**
     * The per-call weight transform (in double, per channel pair and point) costs about as much as the products of
     * this many tiles per point (five13, one thread, F(3×3) against F(2×2, 5×5): 128 × 128 channels on 4 × 14 × 14
     * ran 15-20 % slower with F(3×3), 64 × 64 on 8 × 8 × 8 25-35 % slower, 32 × 32 on 16 × 7 × 7 even; c5x5-27 and
     * 16 × 16 on 8 × 33 × 33 30-45 % faster).
     */
    static final int WEIGHT_TILES_5 = 200;

    /** {@code tile}'s transform points per channel pair and call: (its tiles + {@link #WEIGHT_TILES_5}) × points. */
    static long fiveCost(ConvGeometry g, Tile tile) {
        long rows = (g.response()[1] + tile.m - 1) / tile.m;
        long cols = (g.response()[2] + tile.m - 1) / tile.m;
        return ((long) g.batch() * rows * cols + WEIGHT_TILES_5) * tile.points;
    }

    // ---- wino10: the strips' split into tasks, by the idle time it leaves

    /**
     * Where each task's strips start ({@code tasks + 1} entries, the last {@code strips}): the better of two splits by
     * the time the last thread ends when {@code threads} threads claim the tasks in order, each as soon as it is free
     * (as {@link Parallel#forEach} does), every group's tasks one after the other, a task costing its tiles (the last
     * strip has {@code lastTiles}). The first split: tasks of up to {@code group} strips, a multiple of the threads
     * where there are strips enough, sizes even. The second: all but the last 2 × threads strips in tasks of up to
     * {@code group}, sizes even, and those last one per task, so that the last claims are small: a short last strip at the end of two-strip tasks left one
     * thread 16 % idle on r3x3-35x96 (11 strips, the last 4 tiles: 2+2+2 against 2+2+0.125). The second is taken only
     * if it ends at least half a strip sooner, as it passes over the transformed weights more often.
     */
    static int[] splitStrips(int strips, int lastTiles, int nr, int group, int threads, int groups) {
        int evenTasks = Math.min(strips, ((strips + group - 1) / group + threads - 1) / threads * threads);
        int[] even = evenSplit(strips, evenTasks, 0);
        int singles = Math.min(strips, 2 * threads);
        if (threads <= 1 || singles == strips) {
            return even;
        }
        int head = strips - singles;
        int[] headSplit = evenSplit(head, (head + group - 1) / group, 0);
        int[] tailed = java.util.Arrays.copyOf(headSplit, headSplit.length + singles);
        for (int i = 1; i <= singles; i++) {
            tailed[headSplit.length - 1 + i] = head + i;
        }
        long evenEnd = lastEnds(even, strips, lastTiles, nr, threads, groups);
        long tailedEnd = lastEnds(tailed, strips, lastTiles, nr, threads, groups);
        return tailedEnd + nr / 2 <= evenEnd ? tailed : even;
    }

    /** {@code tasks} tasks over {@code strips} strips from {@code from}, sizes differing by at most one, larger first. */
    private static int[] evenSplit(int strips, int tasks, int from) {
        int[] starts = new int[tasks + 1];
        int per = tasks == 0 ? 0 : strips / tasks;
        int extra = tasks == 0 ? 0 : strips % tasks;
        for (int t = 0; t <= tasks; t++) {
            starts[t] = from + t * per + Math.min(t, extra);
        }
        return starts;
    }

    /** When the last of {@code threads} threads ends, in tiles, claiming the split's tasks in order, group after group. */
    private static long lastEnds(int[] starts, int strips, int lastTiles, int nr, int threads, int groups) {
        long[] free = new long[threads];
        for (int grp = 0; grp < groups; grp++) {
            for (int t = 0; t + 1 < starts.length; t++) {
                long cost = (long) (starts[t + 1] - starts[t]) * nr - (starts[t + 1] == strips ? nr - lastTiles : 0);
                int first = 0;
                for (int k = 1; k < threads; k++) {
                    first = free[k] < free[first] ? k : first;
                }
                free[first] += cost;
            }
        }
        long end = 0;
        for (long f : free) {
            end = Math.max(end, f);
        }
        return end;
    }

    // ---- small23: a few strips' response rows in parts

    /**
     * A strip's input transform costs about as much as the multiply of this many response rows of it (small21's
     * profile of r3x3-7's forward, 512 rows: the input transform 4.5 %, the multiply 62 %).
     */
    static final int INPUT_ROWS = 36;

    /**
     * Into how many parts the response rows go, each of whole {@code rowBlock}s, or 1. With parts, every task of the
     * one-thread split (strips in tasks of up to {@code group}) runs once per part, part after part; with 1, the
     * tasks of {@code split} ({@link #splitStrips}) run over all rows. Parts (as many as threads) are taken where
     * their last thread ends at least a tenth of a strip sooner, a job costed as the micro-kernel runs it (a strip of
     * at most nr/2 tiles half, any other whole, times its rows) and its strips' input transform {@link #INPUT_ROWS}
     * rows a strip, the threads claiming as {@link Parallel#forEach} hands out (the caller from the first job, the
     * others from the last): r3x3-6-512's 3 strips ran as 2 and 1/2 on two threads. Every response element is still
     * one task's whole sum, so the bits do not change.
     */
    static int rowParts(int[] split, int strips, int lastTiles, int nr, int group, int coutP, int rowBlock,
                        int threads) {
        int parts = Math.min(threads, (coutP + rowBlock - 1) / rowBlock);
        if (parts <= 1) {
            return 1;
        }
        double whole = claimedEnd(jobCosts(split, strips, lastTiles, nr, coutP, rowBlock, 1), threads);
        double byParts = claimedEnd(jobCosts(oneThreadSplit(strips, group), strips, lastTiles, nr, coutP, rowBlock,
                parts), threads);
        return byParts + coutP / 10.0 <= whole ? parts : 1;
    }

    /** The fewest tasks of up to {@code group} strips, sizes even: the split each part of {@link #rowParts} runs. */
    private static int[] oneThreadSplit(int strips, int group) {
        return evenSplit(strips, (strips + group - 1) / group, 0);
    }

    /** Each job's cost in strip rows, part after part as the pass numbers them (see {@link #rowParts}). */
    private static double[] jobCosts(int[] starts, int strips, int lastTiles, int nr, int coutP, int rowBlock,
                                     int parts) {
        int tasks = starts.length - 1;
        int blocks = (coutP + rowBlock - 1) / rowBlock;
        double[] costs = new double[parts * tasks];
        for (int part = 0; part < parts; part++) {
            int rows = Math.min(coutP, (part + 1) * blocks / parts * rowBlock) - part * blocks / parts * rowBlock;
            for (int t = 0; t < tasks; t++) {
                int count = starts[t + 1] - starts[t];
                double multiplied = starts[t + 1] == strips && lastTiles <= nr / 2 ? count - 0.5 : count;
                costs[part * tasks + t] = rows * multiplied + INPUT_ROWS * count;
            }
        }
        return costs;
    }

    /** When the last of {@code threads} threads ends, the caller claiming jobs from the first, the others from the last. */
    static double claimedEnd(double[] costs, int threads) {
        double[] free = new double[threads];
        int first = 0;
        int last = costs.length - 1;
        while (first <= last) {
            int next = 0;
            for (int k = 1; k < threads; k++) {
                next = free[k] < free[next] ? k : next;
            }
            free[next] += costs[next == 0 ? first++ : last--];
        }
        double end = 0;
        for (double f : free) {
            end = Math.max(end, f);
        }
        return end;
    }
}
