package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.window.Windows;

/**
 * Which kernel computes each pass of a convolution: the size policy, decided here and nowhere else.
 * The {@link dev.convkit.core.backend.Backend} owns one; tests build their own to force a path.
 *
 * <ul>
 *   <li>{@link Path#REFERENCE}: no fast kernels (reference provider), a problem below the small-size
 *       cutoff, or a padded copy larger than the memory budget (the reference loops pad virtually,
 *       by bounds);</li>
 *   <li>{@link Path#DEPTHWISE}: one image and one response channel per group (a strided scatter there too);</li>
 *   <li>{@link Path#WINOGRAD}: a 2-d 3×3 correlation with unit stride and per group at least
 *       {@value WinogradConv#MIN_CHANNELS} channels on both sides, unless Winograd is turned off (then the exact
 *       GEMM path runs); by shape only, never by thread count. The tile: F(4×4, 3×3) up to
 *       {@value WinogradConv#MAX_REDUCTION} image channels and {@value WinogradConv#MAX_CHANNEL_PAIRS} channel
 *       pairs per group, on responses higher or wider than {@value WinogradConv#SMALL_SIDE} (and on dense 9-11 × 9-11
 *       calls of more than {@value WinogradConv#SHORT_GROUP} channels and {@value WinogradConv#SMALL_PLANE_F4_TILES} 4×4
 *       tiles, sm54), but for groups of at most
 *       {@value WinogradConv#SHORT_GROUP} image and response channels only where the 4×4 tiles keep 17/20 of
 *       their outputs (else the GEMM, grp16: 14-23 planes; {@link WinogradConv#shortGroupPays}); else F(2×2, 3×3) (but the
 *       GEMM for grouped short groups, grp20), whose error stays far smaller on long reductions, up to
 *       {@value WinogradConv#MAX_REDUCTION_2} image channels and {@value WinogradConv#MAX_CHANNEL_PAIRS_2} pairs
 *       where a call has at least {@value WinogradConv#MIN_WIDE_TILES} 2×2 tiles (else, and beyond, the GEMM). A 2-d 5×5
 *       correlation with unit stride and the same channel minimum runs F(2×2, 5×5) up to
 *       {@value WinogradConv#MAX_REDUCTION_25} image channels (small9; c5x5-27 and its flipped scatter). But 16 to 64 response
 *       channels a group on a 16-lane backend run the direct grouped kernel first (grp28, g32-29, {@code groupLanesFirst}),
 *       but forwards of 5×5 groups of 48 or more channels on 512 or more tiles a group (256 on a large L2 where the
 *       response is at least 8 wide, grp60;
 *       {@link #wideGroupsWinogradPays}, grp54).
 *       The weight gradient of a 2-d 3×3 stride-1 convolution with at least
 *       {@value WinogradWeightGradient#MIN_CHANNELS} channels per group on both sides runs Winograd's F(2×2, 3×3)
 *       ({@link WinogradWeightGradient}), also unless Winograd is turned off; a 5×5 one with at least
 *       {@value WinogradFiveWeightGradient#MIN_CHANNELS} channels per group on both sides F(5×5, 3×3)
 *       ({@link WinogradFive3WeightGradient}, five14), or F(5×5, 2×2) ({@link WinogradFiveWeightGradient}, small10)
 *       where its 2×2 tiles have fewer transform points ({@link WinogradFiveWeightGradient#tile}). The input gradient
 *       of a 3×3 stride-2 convolution runs the phase split, Winograd on or off (s2b26: the transposed strided
 *       Winograd, removed, measured 1.0-1.27x slower than it on every shape it took);</li>
 *   <li>{@link Path#SMALL_CHANNEL}: a short reduction (first layers) with unit stride, no groups; for the
 *       scatter, a 2-d one into few image channels without horizontal padding ({@link SmallChannelScatter}); the
 *       forward of a stride-2 first layer (at most {@value StemConv#MAX_IMAGE_CHANNELS} image channels, kernel sides
 *       {@value StemConv#MIN_SIDE} to 7), direct on the image's phases ({@link StemConv}, stem21); a 2-d forward into at
 *       most 4 channels with rows of 16 or more and up to {@value SmallChannelConv#MAX_FEW_OUTPUT_COLUMNS_REDUCTION}
 *       taps, so the flipped input gradient of a first layer ({@link SmallChannelConv#fewOutputColumns}, stem25);</li>
 *   <li>{@link Path#FLIPPED}: a scatter with unit stride, run as the correlation of the response with
 *       the flipped, transposed kernel (itself dispatched as a correlation);</li>
 *   <li>{@link Path#PHASE_SPLIT}: the correlation and the scatter (but the Winograd ones above) of a plain 2-d stride-2 convolution with one group
 *       and kernel sides 2 to 7, past 3×3 from 16 image channels (c5s2-19; 3×3 in s2conv8), and the weight gradient of
 *       any of them, over the image's phases ({@link PhaseSplitConv}; {@link PhaseSplitWeightGradient}, s2conv9,
 *       c5s2wg20); from 16 image channels, a forward whose rows the phases' GEMM would compute past their ends runs
 *       direct with the response channels in the lanes ({@link ChannelBlockConv}, c5s2-24, 3×3 since cb25, same
 *       bits);</li>
 *   <li>{@link Path#COL2IM}: any other scatter, a GEMM folded back into the image (a strided unpadded 1×1 one, ResNet's
 *       shortcut, as its unit-stride twin's input gradient spread over the strided positions,
 *       {@link FastConv#subsampledPointwise}, r1x55);</li>
 *   <li>{@link Path#GEMM}: the packed GEMM over an implicit im2col (a strided unpadded 1×1 weight gradient, and forward of
 *       more than {@value FastConv#KC} image channels,
 *       on the subsampled image, r1x55); the weight gradient of grouped short groups on
 *       compact rows ({@link ShortGroupWeightGradient}, grp25), of 16 to 64 response channels a group in the lanes
 *       form where {@code groupLaneWeights} (grp29, g32-30: before the Winograd weight gradients).</li>
 * </ul>
 *
 * <pre>{@code
 * ConvDispatch d = new ConvDispatch(KernelProvider.scalar(), 0);
 * ConvPlan plan = ConvPlan.resolve(ConvOptions.conv2d(), new int[] {1, 1, 9, 9}, new int[] {8, 1, 3, 3}, null);
 * assert d.path(plan.geometry(), ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.SMALL_CHANNEL; // 1 channel x 9 taps
 * assert d.path(plan.geometry(), ConvDispatch.Pass.SCATTER) == ConvDispatch.Path.SMALL_CHANNEL;  // unpadded columns
 * ConvGeometry padded = ConvPlan.resolve(ConvOptions.conv2d().padding(1), new int[] {1, 1, 9, 9},
 *         new int[] {8, 1, 3, 3}, null).geometry();
 * assert d.path(padded, ConvDispatch.Pass.SCATTER) == ConvDispatch.Path.FLIPPED;                 // unit stride
 * ConvGeometry wide = ConvPlan.resolve(ConvOptions.conv2d().padding(1), new int[] {1, 64, 16, 16},
 *         new int[] {64, 64, 3, 3}, null).geometry();
 * assert d.path(wide, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.WINOGRAD;
 * assert ConvDispatch.winogradTile(wide) == 4;  // F(4x4, 3x3)
 * ConvGeometry shortGroups = ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(4), new int[] {8, 128, 14, 14},
 *         new int[] {128, 32, 3, 3}, null).geometry();
 * assert d.path(shortGroups, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.GEMM; // 32 a group, 0.77 of 16 x 16 kept
 * ConvGeometry shortGroups28 = ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(4), new int[] {8, 128, 28, 28},
 *         new int[] {128, 32, 3, 3}, null).geometry();
 * assert ConvDispatch.winogradTile(shortGroups28) == 4; // 7 x 7 whole tiles
 * ConvGeometry deep = ConvPlan.resolve(ConvOptions.conv2d().padding(1), new int[] {4, 256, 16, 16},
 *         new int[] {256, 256, 3, 3}, null).geometry();
 * assert ConvDispatch.winogradTile(deep) == 2;  // F(2x2, 3x3): 256 image channels, 4 x 64 tiles
 * ConvGeometry single = ConvPlan.resolve(ConvOptions.conv2d().padding(1), new int[] {1, 256, 8, 8},
 *         new int[] {256, 256, 3, 3}, null).geometry();
 * assert ConvDispatch.winogradTile(single) == 0; // the GEMM: 16 tiles do not pay for the weight transform
 * ConvGeometry small = ConvPlan.resolve(ConvOptions.conv2d().padding(1), new int[] {1, 16, 9, 9},
 *         new int[] {16, 16, 3, 3}, null).geometry();
 * assert ConvDispatch.winogradTile(small) == 2; // F(2x2, 3x3): 9 x 9 response
 * ConvDispatch exact = new ConvDispatch(KernelProvider.scalar(), 0, false); // -Dconvkit.winograd=off
 * assert exact.path(wide, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.GEMM;
 * }</pre>
 */
public final class ConvDispatch implements ConvEngine {
    /** The default small-size cutoff: below this many multiply-adds the reference loops beat packing and dispatch. */
    public static final long DEFAULT_SMALL_MACS = 1 << 12;

    /** The three passes over a {@link ConvGeometry}. */
    public enum Pass { CORRELATE, SCATTER, WEIGHT_GRADIENT }

    /** The kernels a pass can run on. */
    public enum Path { REFERENCE, GEMM, WINOGRAD, DEPTHWISE, SMALL_CHANNEL, FLIPPED, COL2IM, PHASE_SPLIT }

    private final FastConv gemm;
    private final DepthwiseConv depthwise;
    private final SmallChannelConv smallChannel;
    private final SmallChannelScatter smallScatter;
    private final WinogradConv winograd;
    /** The 3×3 stride-2 forward by the strided F(2×2, 3×3) (s2w15); null where Winograd is off. */
    private final StridedWinogradConv stridedWinograd;
    private final PhaseSplitConv phaseSplit;
    final PhaseSplitWeightGradient phaseSplitWeightGradient; // package-visible: tests check its L2 wiring (s2b60)
    /** The phase split's forwards on narrow rows, direct with the response channels in the lanes (c5s2-24, cb25). */
    private final ChannelBlockConv channelBlock;
    /** Grouped weight gradients with few response channels a group, on compact rows (grp25). */
    private final ShortGroupWeightGradient shortGroupWeightGradient;
    /** Their weight gradients with 16 response channels a group, the channels in the lanes (grp29). */
    private final GroupLaneWeightGradient groupLaneWeightGradient;
    /** host55's large-L2 rule ({@link WinogradConv#largeL2}): grouped 5×5 forwards leave the lanes kernel on fewer tiles (grp60). */
    private final boolean largeL2;
    /** Stride-2 first layers' forwards on the phases, direct (stem21). */
    private final StemConv stem;
    private final long smallMacs;

    /**
     * A dispatch with Winograd on.
     *
     * @param provider  the kernels; the reference provider sends every pass to the reference loops
     * @param smallMacs problems with fewer multiply-adds run the reference loops (0: none do)
     */
    public ConvDispatch(KernelProvider provider, long smallMacs) {
        this(provider, smallMacs, true);
    }

    /**
     * @param provider  the kernels; the reference provider sends every pass to the reference loops
     * @param smallMacs problems with fewer multiply-adds run the reference loops (0: none do)
     * @param winograd  whether 3×3 stride-1 correlations may run Winograd's F(4×4, 3×3) or F(2×2, 3×3); off,
     *                  they run the exact GEMM path
     */
    public ConvDispatch(KernelProvider provider, long smallMacs, boolean winograd) {
        this(provider, smallMacs, winograd, KernelProvider.l2CacheBytes());
    }

    /** As {@link #ConvDispatch(KernelProvider, long, boolean)} on a core of {@code l2Bytes} of L2 (tests force each size). */
    ConvDispatch(KernelProvider provider, long smallMacs, boolean winograd, long l2Bytes) {
        boolean fast = provider.fast();
        this.gemm = fast ? new FastConv(provider.microKernel(), provider.vectorOps()) : null;
        this.winograd = fast && winograd
                ? new WinogradConv(provider.microKernel(), provider.vectorOps(), provider.vectorOps().interleave4Parts(), l2Bytes)
                : null;
        this.stridedWinograd = fast && winograd
                ? new StridedWinogradConv(provider.microKernel(), provider.vectorOps(), l2Bytes) : null;
        this.depthwise = fast ? new DepthwiseConv(provider.vectorOps()) : null;
        this.smallChannel = fast ? new SmallChannelConv(provider.vectorOps()) : null;
        this.smallScatter = fast ? new SmallChannelScatter(provider.vectorOps()) : null;
        this.phaseSplit = fast ? new PhaseSplitConv(provider.microKernel(), provider.vectorOps()) : null;
        this.phaseSplitWeightGradient = fast
                ? new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps(), l2Bytes) : null;
        this.shortGroupWeightGradient = fast ? new ShortGroupWeightGradient(provider.microKernel(), provider.vectorOps()) : null;
        this.groupLaneWeightGradient = fast ? new GroupLaneWeightGradient(provider.vectorOps()) : null;
        this.largeL2 = WinogradConv.largeL2(l2Bytes);
        this.stem = fast ? new StemConv(provider.vectorOps(), phaseSplit) : null;
        this.channelBlock = fast ? new ChannelBlockConv(provider.vectorOps()) : null;
        this.smallMacs = smallMacs;
    }

    /** The small-size cutoff in multiply-adds. */
    public long smallMacs() {
        return smallMacs;
    }

    /** Whether 3×3 stride-1 correlations may run Winograd. */
    public boolean winograd() {
        return winograd != null;
    }

    /** The kernel that runs {@code pass} over {@code g}. */
    public Path path(ConvGeometry g, Pass pass) {
        if (gemm == null || g.macs() < smallMacs || !ImageLayout.fitsBudget(g)) {
            return Path.REFERENCE;
        }
        if (pass == Pass.CORRELATE && StemConv.pays(g)) {
            return Path.SMALL_CHANNEL; // stem21: a stride-2 first layer, direct on the phases
        }
        if (pass == Pass.CORRELATE && stridedWinograd != null && stridedWinograd.pays(g)) {
            return Path.WINOGRAD;
        }
        if (phaseSplitPays(g, pass)) {
            return Path.PHASE_SPLIT;
        }
        if (pass == Pass.SCATTER && SmallChannelScatter.applies(g)) {
            return Path.SMALL_CHANNEL; // a gather over zero-extended response planes, no flipped copy
        }
        if (pass == Pass.SCATTER && flipped(g) != null) {
            return Path.FLIPPED;
        }
        if (DepthwiseConv.applies(g)) {
            return Path.DEPTHWISE;
        }
        if (pass == Pass.SCATTER) {
            return Path.COL2IM;
        }
        if (pass == Pass.CORRELATE && winograd != null && WinogradConv.applies(g) && !groupLanesFirst(g)) {
            return Path.WINOGRAD;
        }
        if (pass == Pass.WEIGHT_GRADIENT && winograd != null && !groupLaneWeights(g)
                && (WinogradWeightGradient.applies(g) || WinogradFiveWeightGradient.applies(g))) {
            return Path.WINOGRAD;
        }
        return SmallChannelConv.applies(g, pass) ? Path.SMALL_CHANNEL : Path.GEMM;
    }

    /**
     * Whether a correlation Winograd would take runs the direct grouped kernel instead: every shape
     * {@link FastConv#groupLanesPay} takes but the forwards {@link #wideGroupsWinogradPays} takes (16 to 64 response
     * channels a group in the vector lanes, rows of 7 or more where a group fills whole vectors, else 8: grp59;
     * grp27's kernel with grp28's row broadcasts). Measured on every such plane Winograd took, 3×3 on 19-56 and 5×5 on
     * 15-21, one image to eight, forward and input gradient: 1.3-2.3x faster in thread CPU (h44-g8-3x3-19-128 2.09 ->
     * 0.95 ms, g4-5x5-21 2.74 -> 1.19), exact (Winograd's error was 3-5e-6 of the largest output, the direct sums'
     * 4-6e-7). g32-29: 20-64 a group too, two vectors of channels sharing each broadcast (h43-g2-5x5-17-64 2.10 -> 1.43,
     * g4-3x3-28 3.43 -> 3.04 in its input gradient, h28-g4-3x3-16-96 1.04 -> 0.66).
     */
    private boolean groupLanesFirst(ConvGeometry g) {
        return gemm.groupLanesPay(g) && !wideGroupsWinogradPays(g, largeL2);
    }

    /** The fewest channels a group, on both sides, for which a grouped 5×5 correlation may leave the lanes kernel. */
    static final int WIDE_GROUP_5 = 48;
    /** The fewest 2×2 response tiles a group (images × tiles an image) for which it does. */
    static final long WIDE_GROUP_TILES_5 = 512;
    /**
     * grp60: the same on a large L2 ({@link WinogradConv#largeL2}, the Xeon of stops 55-60): 48-64 a group on 288-484
     * tiles a group ran Winograd 1.05-1.52x faster than the lanes kernel (thread CPU, one thread, load 22-33:
     * h53-g2-5x5-21, 48 a group and 484 tiles, 3.28 -> 2.67 ms; 56 a group on 363 tiles 1.52x; 64 on 288 1.05x).
     * Only on responses at least {@value #LARGE_L2_WIDE_GROUP_MIN_WIDTH} wide.
     */
    static final long LARGE_L2_WIDE_GROUP_TILES_5 = 256;
    /**
     * The narrowest responses {@link #LARGE_L2_WIDE_GROUP_TILES_5} applies to: the lanes kernel's 7-wide rows (grp59)
     * keep 7 × 7 planes up to {@value #WIDE_GROUP_TILES_5} tiles (16 images of 64 a group, 256 tiles: lanes 2.07-2.27
     * ms, Winograd 2.65-2.77, idle, one thread, stop 60's merge). Widths 8-10 were not measured.
     */
    static final int LARGE_L2_WIDE_GROUP_MIN_WIDTH = 8;

    /**
     * grp54: whether a grouped 5×5 correlation that Winograd takes runs it rather than the lanes kernel: at least
     * {@value #WIDE_GROUP_5} channels a group on both sides (the transform points' GEMMs fill their register tiles) and
     * at least {@value #WIDE_GROUP_TILES_5} 2×2 tiles a group (each group transforms its own weights, ~200 tiles' worth
     * of work). Thread CPU, one thread, load 24-36, forwards: 1.34-1.55x on five such shapes (h50-g2-5x5-25-128, 64
     * a group and 676 tiles, 7.24 -> 5.39 ms; h54-g3-5x5-23-144, 48 and 576, 4.69 -> 3.22); slower where the tiles
     * were fewer (on Zen 5's 1 MB L2: 64 a group on 11-15 planes, 256-392 tiles: 0.71-0.84x; h53-g2-5x5-21, 48 and 484:
     * 0.82x and 1.11x; on a 2 MB L2 those pay from {@value #LARGE_L2_WIDE_GROUP_TILES_5} tiles, grp60)
     * or the groups narrower (32 a group: 0.87x on 800 tiles, 16: 0.57x; 3×3 at 64 a group: 0.79-0.98x).
     * Winograd's bits, not the direct sums': error within the F(2×2, 5×5) / F(3×3, 5×5) tolerance. The forward only:
     * the input gradient's flipped correlation keeps the lanes kernel ({@code flippedCorrelation}; Winograd's read
     * 0.88-0.99x there on four of five such shapes, 1.15x on h50-g2-5x5-25-128).
     */
    static boolean wideGroupsWinogradPays(ConvGeometry g, boolean largeL2) {
        int cin = g.imageChannels() / g.groups();
        int cout = g.responseChannels() / g.groups();
        long tiles = WinogradConv.tiles2x2(g);
        return g.groups() > 1 && g.kernel()[1] == 5 && g.kernel()[2] == 5 && Math.min(cin, cout) >= WIDE_GROUP_5
                && tiles >= (largeL2 && g.response()[2] >= LARGE_L2_WIDE_GROUP_MIN_WIDTH
                        ? LARGE_L2_WIDE_GROUP_TILES_5 : WIDE_GROUP_TILES_5);
    }

    /**
     * Whether a short-group weight gradient runs in the lanes form ({@link GroupLaneWeightGradient#pays}: 16 response
     * channels a group in the vector lanes, kernel rows of 3 or 5 taps, response rows of 7 or more, grp59) rather than on
     * grp25's compact rows. Measured on every 16-a-group shape of the focus lists and three held out (3×3 and 5×5,
     * planes 9-25, one image to eight), one thread: 1.13-2.0x faster in thread CPU (g4-5x5-21 1.65 -> 1.06 ms,
     * h44-g8-3x3-19-128 1.32 -> 0.72, g8-3x3-13 0.55 -> 0.38-0.49), new bits with 1.1-3x grp25's error (at most 6.1e-7 of
     * the largest weight gradient). g32-30: 20-64 response channels a group too, in slices of one vector, taken before
     * the Winograd weight gradients: 1.1-2.4x on 21 of 23 such shapes (g4-3x3-28 3.89 -> 2.74 ms, h43-g2-5x5-17-64
     * 1.87 -> 1.19), even to 0.84x on 64 a group with one image or 28-wide planes; error at most 6.6e-7 (the 5×5
     * Winograd's 3-4.6e-6).
     */
    private boolean groupLaneWeights(ConvGeometry g) {
        return groupLaneWeightGradient.pays(g);
    }

    /**
     * The m of the Winograd tile F(m×m, 3×3) a correlation over {@code g} runs when its path is {@link Path#WINOGRAD}:
     * 4 or 2; 0 when no tile applies (for the bench tools that print it).
     */
    public static int winogradTile(ConvGeometry g) {
        WinogradConv.Tile tile = WinogradConv.tile(g);
        return tile == null ? 0 : tile.m;
    }

    /** The response: the cross-correlation of {@code image} with {@code weight}. */
    @Override
    public float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        switch (path(g, Pass.CORRELATE)) {
            case DEPTHWISE: return depthwise.correlate(g, image, weight);
            case WINOGRAD: return g.stride()[1] == 1 ? winograd.correlate(g, image, weight)
                    : stridedWinograd.correlate(g, image, weight);
            case SMALL_CHANNEL: return StemConv.pays(g) ? stem.correlate(g, image, weight)
                    : smallChannel.correlate(g, image, weight);
            case GEMM: return gemm.correlate(g, image, weight);
            case PHASE_SPLIT: return directChannelBlocks(g) ? channelBlock.correlate(g, image, weight)
                    : phaseSplit.correlate(g, image, weight);
            default: return ReferenceConv.correlate(g, image, weight);
        }
    }

    /**
     * The response plus {@code bias[c]} on every element of channel c ({@code bias} null: {@link #correlate}). The
     * stride-1 Winograd path adds it in its output transform, the others after the pass: the same bits either way.
     */
    public float[] correlate(ConvGeometry g, float[] image, float[] weight, float[] bias) {
        if (bias != null && path(g, Pass.CORRELATE) == Path.WINOGRAD && g.stride()[1] == 1) {
            return winograd.correlate(g, image, weight, bias);
        }
        float[] out = correlate(g, image, weight);
        if (bias != null) {
            Conv.addBias(out, bias, g.batch(), g.responseChannels(), g.responsePlane());
        }
        return out;
    }

    /** The image: every response element scattered back through the kernel. */
    @Override
    public float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        switch (path(g, Pass.SCATTER)) {
            case DEPTHWISE: return depthwise.scatter(g, response, weight);
            case SMALL_CHANNEL: return smallScatter.scatter(g, response, weight);
            case FLIPPED: return flippedCorrelation(g, response, weight);
            case COL2IM: return gemm.scatter(g, response, weight);
            case PHASE_SPLIT: return phaseSplit.scatter(g, response, weight);
            default: return ReferenceConv.scatter(g, response, weight);
        }
    }

    /** The weight gradient: the sum of image × response over every triple. */
    @Override
    public float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        switch (path(g, Pass.WEIGHT_GRADIENT)) {
            case DEPTHWISE: return depthwise.weightGradient(g, image, response);
            case SMALL_CHANNEL: return smallChannel.weightGradient(g, image, response);
            case WINOGRAD: return winograd.weightGradient(g, image, response);
            case GEMM: return groupLaneWeights(g) ? groupLaneWeightGradient.weightGradient(g, image, response)
                    : ShortGroupWeightGradient.applies(g) ? shortGroupWeightGradient.weightGradient(g, image, response)
                    : gemm.weightGradient(g, image, response);
            case PHASE_SPLIT: return phaseSplitWeightGradient.weightGradient(g, image, response);
            default: return ReferenceConv.weightGradient(g, image, response);
        }
    }

    /**
     * For unit strides, scattering equals correlating the response with the transposed, flipped
     * kernel and the padding {@link Windows#flippedPadding}; null when a stride is not 1 or that
     * padding would be negative.
     */
    public static ConvGeometry flipped(ConvGeometry g) {
        int[] pad = new int[3];
        for (int i = 0; i < 3; i++) {
            long p = Windows.flippedPadding(g.kernel()[i], g.dilation()[i], g.padLeft()[i]);
            if (g.stride()[i] != 1 || p < 0 || p > Shape.ARRAY_LIMIT) {
                return null;
            }
            pad[i] = (int) p;
        }
        return new ConvGeometry(g.batch(), g.groups(), g.responseChannels(), g.imageChannels(), g.response(),
                g.image(), g.kernel(), g.stride(), g.dilation(), pad);
    }

    // ---- s2conv8: 3×3 stride-2 convolutions split into the image's four phases

    /**
     * Whether a pass runs on {@link PhaseSplitConv}: the correlation and the scatter of every plain 2-d stride-2
     * convolution with one group and kernel sides 2 to 7 (sizes past the small-size cutoff, as every fast path; c5s2-19
     * took it past 3×3: the 5×5 and 7×7 ones packed a strided im2col and folded back a col2im; from
     * {@value PhaseSplitConv#MIN_WIDE_CHANNELS} image channels). Their
     * strided im2col packed through index arrays and padded bands, and their scatter folded back element by
     * element; the phases read with unit spacing and write each image element once. The weight gradient of all of
     * them, stems too ({@link PhaseSplitWeightGradient}, s2conv9 for 3×3, c5s2wg20 past it): GEMMs over the phases'
     * contiguous rows, where the GEMM path gathered a strided im2col.
     */
    private boolean phaseSplitPays(ConvGeometry g, Pass pass) {
        if (phaseSplit == null) {
            return false;
        }
        // c5s2wg20: the weight gradient from any image channels, stems too (first-c3-7x7-s2-65 2.5 -> 1.3-1.8 ms,
        // resnet-stem 46 -> 22, 8 channels 1.2 -> 0.6: the tap rows' planes cost little where the taps are few)
        return pass == Pass.WEIGHT_GRADIENT ? PhaseSplitConv.applies(g) : PhaseSplitConv.pays(g);
    }

    /**
     * Whether the forward of a phase-split shape runs direct with the response channels in the lanes
     * ({@link ChannelBlockConv}, c5s2-24): where the phases' GEMM would compute and drop the columns past each row
     * end (rows narrower than NR / 2 - 1, 15 on 512-bit vectors, {@link PhaseSplitConv#dropsColumns}). Those gained 1.12-1.36x (c5x5-s2-27-48 4.22 -> 3.76 ms, c5x5-s2-23-40
     * 2.03 -> 1.49, 8x56x19² -> 112 3.19 -> 2.69); on wider rows the GEMM keeps its columns and its micro-kernel's 115
     * GFLOP/s beat the direct kernel's ~95 (h31 3.37 -> 3.67, h45 6.59 -> 6.74; c7x7-s2-29 3.01 -> 2.99). cb25: 3×3
     * too where its phase split drops columns (rows narrower than NR / 2 - 1 since s2f61, NR / 2 before; the same bits): 4x160x23 -> 160 p0 3.22 ->
     * 2.69 ms; on wider 3×3 rows the direct kernel lost (r3x3-s2 9.81 -> 10.80, r3x3-s2-33-112 6.11 -> 6.52).
     */
    private boolean directChannelBlocks(ConvGeometry g) {
        return ChannelBlockConv.pays(g) && phaseSplit.dropsColumns(g);
    }

    /**
     * The scatter of {@code g} as the correlation of the response with the flipped, transposed kernel: a 3×3 Winograd
     * one reads that kernel straight from {@code weight} (small19), a 1×1 GEMM one packs its transpose straight from
     * it (r1x24), as does a grouped one on {@link FastConv#correlateGroupLanes} (grp51) and a depthwise one of narrow
     * rows ({@link DepthwiseConv#readsFlipped}, dws53), the others from a flipped copy.
     */
    private float[] flippedCorrelation(ConvGeometry g, float[] response, float[] weight) {
        ConvGeometry f = flipped(g);
        Path path = path(f, Pass.CORRELATE);
        if (path == Path.WINOGRAD && WinogradConv.readsFlipped(f)) {
            return winograd.correlateFlipped(f, response, weight);
        }
        if (path == Path.GEMM && f.kernelVolume() == 1) {
            return gemm.correlateTransposed(f, response, weight);
        }
        // grp54: wide groups' input gradients stay on the lanes kernel (Winograd's read 0.88-0.99x on four of five)
        if ((path == Path.GEMM || path == Path.WINOGRAD && wideGroupsWinogradPays(f, largeL2)) && gemm.groupLanesPay(f)) {
            return gemm.correlateGroupLanesFlipped(f, response, weight);
        }
        if (path == Path.DEPTHWISE && depthwise.readsFlipped(f)) {
            return depthwise.correlateFlipped(f, response, weight);
        }
        return correlate(f, response, flippedWeights(g, weight));
    }

    // ---- wino10: the flipped kernel of a Winograd input gradient in per-thread scratch

    /** The flipped kernels for Winograd input gradients: read once into its transformed weights, never kept. */
    private final ThreadScratch flippedScratch = new ThreadScratch();

    /**
     * The transposed, flipped kernel for the input gradient's correlation: in this thread's scratch where that
     * correlation runs Winograd (it transforms the kernel on entry and keeps only the transform) or the GEMM path
     * (it packs the kernel on the calling thread before its parallel pass and reads only the packed copy), else a
     * new array. A new array per call cost r3x3-14's input gradient 0.8-1.2 ms of 8.5 in the harness, mostly the
     * fresh pages; for the GEMM path (gemm15) it was 64 KB a call for r1x1-56, 256 KB for r1x1-512to128 and 1 MB
     * for a 1024 -> 256 1×1, serially before the pass.
     */
    private float[] flippedWeights(ConvGeometry g, float[] weight) {
        Path path = path(flipped(g), Pass.CORRELATE);
        return path == Path.WINOGRAD || path == Path.GEMM
                ? FastConv.flipTransposed(g, weight, flippedScratch.floats(weight.length))
                : FastConv.flipTransposed(g, weight);
    }
}
