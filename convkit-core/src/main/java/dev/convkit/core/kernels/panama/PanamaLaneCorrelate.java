package dev.convkit.core.kernels.panama;

/**
 * {@link dev.convkit.core.kernels.VectorOps#convChannelLanes} on the Vector API (small11): per group of one or two
 * vectors of response channels, bands of output rows are computed position-major into a per-thread tile and
 * transposed out of it ({@link PanamaTileTranspose#transpose}). A band runs pairs of whole rows
 * ({@link PanamaChannelRows}, a vector of channels at a time) where the rows are at least
 * {@link PanamaChannelRows#MIN_SEGMENT} wide, there are two or more, and the kernel rows are 3 wide (one vector) or 5
 * wide; else {@link PanamaChannelLanes}' blocks of 4- or 5-column segments. Two vectors of 3-wide kernel rows stay on
 * those blocks (c8k3-20: 0.46 against 0.47-0.48 ms thread CPU), as do kernel rows of 7 (measured no faster on row
 * pairs: c3k7-32 1.12-1.23 against 0.95-1.0 ms).
 */
final class PanamaLaneCorrelate {
    private static final int LANES = PanamaChannelLanes.LANES;

    /**
     * Whether rows go in pairs: a pair's 2 × segment sums, its kernel row's weights and a broadcast need up to 28 of
     * 16 lanes' 32 registers; 8 lanes have 16, so there each row runs alone (first256).
     */
    static final boolean PAIRS = LANES >= 16;
    /** The widest lone-row segment with 8 lanes: its sums, 5 or 3 weight vectors and a broadcast in 16 registers. */
    static final int ROW_SEGMENT_5 = 10;
    static final int ROW_SEGMENT_3 = 12;

    private PanamaLaneCorrelate() {
    }

    static void correlate(float[] x, int xo, int[] inStarts, int[] outStarts, int segments, int segment,
                          int width, int[] tapStarts, int taps, int kernelWidth, float[] wT, int wo, int wStride,
                          int channels, float[] out, int oo, int outStride) {
        int perRow = (width + segment - 1) / segment;
        int rows = segments / perRow;
        int group = PAIRS ? 2 * LANES : LANES; // two vectors' blocks spill 16 registers
        for (int c0 = 0; c0 < channels; c0 += group) {
            int count = Math.min(group, channels - c0);
            int vectors = count <= LANES ? 1 : 2;
            int rowSegment = PAIRS ? rows >= 2 && (vectors == 1 || kernelWidth == 5) ? rowSegment(width, kernelWidth) : 0
                    : rowSegment(width, kernelWidth);
            int band = Math.max(1, PanamaChannelLanes.TILE_FLOATS / (width * vectors * LANES)); // output rows per tile
            if (rowSegment > 0 && PAIRS) {
                band = Math.max(2, band & ~1); // whole pairs of rows
            }
            float[] tile = PanamaChannelLanes.TILES.floats(Math.min(rows, band + 1) * width * vectors * LANES);
            for (int r0 = 0; r0 < rows; ) {
                int r1 = Math.min(rows, r0 + band);
                int tileBase = -r0 * width * vectors * LANES;
                if (rowSegment > 0) {
                    r1 = PAIRS && rows - r1 == 1 ? rows : r1; // no band of one row
                    for (int v = 0; v < vectors; v++) {
                        rowPairs(x, xo, inStarts, perRow, r0, r1, width, rowSegment, kernelWidth, tapStarts, taps, wT,
                                wo + c0 + v * LANES, wStride, tile, tileBase + v * LANES, vectors * LANES);
                    }
                } else {
                    PanamaChannelLanes.blocks(x, xo, inStarts, outStarts, r0 * perRow, r1 * perRow, segment,
                            tapStarts, taps, kernelWidth, wT, wo + c0, wStride, vectors, tile, tileBase);
                }
                PanamaTileTranspose.transpose(tile, vectors * LANES, (r1 - r0) * width, count, out,
                        oo + c0 * outStride + r0 * width, outStride);
                r0 = r1;
            }
        }
    }

    /**
     * The segment width of row pairs for output rows {@code width} wide and kernel rows of {@code kernelWidth}
     * adjacent taps: the one that computes the fewest columns per row (the last segment overlaps the one before), the
     * widest on a tie (10 → 10, 11 → 11, 13 → 7, 57 → 12); 0 where no row pair applies.
     */
    static int rowSegment(int width, int kernelWidth) {
        if (kernelWidth != 3 && kernelWidth != 5) {
            return 0;
        }
        int widest = PAIRS ? PanamaChannelRows.MAX_SEGMENT : kernelWidth == 5 ? ROW_SEGMENT_5 : ROW_SEGMENT_3;
        int best = 0;
        int bestColumns = Integer.MAX_VALUE;
        for (int sw = PanamaChannelRows.MIN_SEGMENT; sw <= Math.min(width, widest); sw++) {
            int columns = (width + sw - 1) / sw * sw;
            if (columns <= bestColumns) {
                best = sw;
                bestColumns = columns;
            }
        }
        return best;
    }

    /**
     * Output rows [r0, r1) (at least two) of one vector of channels into the tile, position p of the response plane
     * at {@code tileBase + p·stride}: rows in pairs, the last one alone when their count is odd (small16; it was a pair
     * moved back over a row already computed: lenet-odd-15 computed 12 rows for 11), each cut into segments of
     * {@code segment} columns.
     */
    private static void rowPairs(float[] x, int xo, int[] inStarts, int perRow, int r0, int r1, int width,
                                 int segment, int kernelWidth, int[] tapStarts, int taps, float[] wT, int wo,
                                 int wStride, float[] tile, int tileBase, int stride) {
        for (int y = r0; y < r1; y += PAIRS ? 2 : 1) {
            int i0 = xo + inStarts[y * perRow]; // a row's first segment starts at column 0
            boolean pair = PAIRS && y + 1 < r1;
            int i1 = pair ? xo + inStarts[(y + 1) * perRow] : i0;
            for (int ox0 = 0; ox0 < width; ox0 += segment) {
                int ox = Math.min(ox0, width - segment);
                int o0 = tileBase + (y * width + ox) * stride;
                if (pair) {
                    PanamaChannelRows.pair(x, i0 + ox, i1 + ox, tapStarts, taps, kernelWidth, segment, wT, wo, wStride,
                            tile, o0, o0 + width * stride, stride);
                } else { // an odd count's last row alone, not a pair moved back over a row already computed
                    PanamaChannelRows.row(x, i0 + ox, tapStarts, taps, kernelWidth, segment, wT, wo, wStride, tile, o0,
                            stride);
                }
            }
        }
    }
}
