package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.tensor.Storage;

/**
 * c5s2f21: a 5×5 or 7×7 stride-2 correlation (groups 1, no dilation) as a stride-1 one over the image's four phase
 * planes stacked as 4·Cin channels, run by Winograd ({@link WinogradConv}). Tap (i, j) of the K×K kernel reads phase
 * (i % 2, j % 2) at phase offset (i / 2, j / 2) ({@link PhaseSplitConv}), so it is tap (i / 2, j / 2) of stacked
 * channel 4·ci + 2·(i % 2) + j % 2 of an R×R kernel, zero where 2t + a or 2u + b reaches K: R = 3 for 5×5, and 5 for
 * 7×7 (its 4×4 sub-kernels in Winograd's 5×5 tiles, a zero row and column). Plane (a, b) of image channel ci holds the
 * padded image's (2i + a, 2j + b), zero outside the image, for i, j below oh + R - 1 and ow + R - 1, so the stacked
 * correlation is unpadded and its response is the stride-2 one's.
 *
 * <p>The input gradient is the stacked correlation's (its flipped correlation, Winograd again) over the same planes,
 * de-interleaved back into the image: every image element is one phase element, written once.
 *
 * <p>Multiplications an output and image channel: 5×5 direct 25; on F(4×4, 3×3) 36 / 16 · 4 = 9, on F(2×2, 3×3) 16.
 * Images run in chunks of at most {@link #CHUNK_FLOATS} stacked floats, so the planes are a bounded per-thread
 * workspace. Every output element is one Winograd tile's, whose arithmetic does not depend on its task or chunk:
 * the bits do not depend on the thread count.
 */
final class PhaseStackedConv {
    /** Stacked floats a chunk of images holds at most (8 MB): the planes' workspace, whatever the batch. */
    static final int CHUNK_FLOATS = 1 << 21;

    private final WinogradConv winograd;
    private final PhaseSplitConv phases;
    private final int chunkFloats;
    /** A chunk's stacked planes (forward) or their gradient (scatter). */
    private final ThreadScratch planes = new ThreadScratch();
    private final ThreadScratch stackedWeights = new ThreadScratch();
    /** The scatter's flipped, transposed stacked kernel, for 5×5 tiles (the 3×3 ones read it in place). */
    private final ThreadScratch flippedWeights = new ThreadScratch();
    /** A chunk's response, where the batch runs in more than one chunk (the scatter's Winograd reads from 0). */
    private final ThreadScratch chunkResponse = new ThreadScratch();

    PhaseStackedConv(WinogradConv winograd, PhaseSplitConv phases) {
        this(winograd, phases, CHUNK_FLOATS);
    }

    /** With chunks of at most {@code chunkFloats} stacked floats (tests run a batch in several). */
    PhaseStackedConv(WinogradConv winograd, PhaseSplitConv phases, int chunkFloats) {
        this.winograd = winograd;
        this.phases = phases;
        this.chunkFloats = chunkFloats;
    }

    /**
     * Square 5×5 or 7×7 stride-2 correlations ({@link PhaseSplitConv#applies}) whose stacked correlation and its input
     * gradient have Winograd tiles ({@link WinogradConv#tile}: 16 channels and more on both sides, the reduction limits).
     */
    static boolean applies(ConvGeometry g) {
        int k = g.kernel()[1];
        if (!PhaseSplitConv.applies(g) || g.kernel()[2] != k || (k != 5 && k != 7)) {
            return false;
        }
        ConvGeometry s = stacked(g, g.batch());
        return WinogradConv.tile(s) != null && WinogradConv.tile(ConvDispatch.flipped(s)) != null;
    }

    /**
     * Whether the dispatch runs a forward and input gradient here: {@link #applies}, from
     * {@link PhaseSplitConv#MIN_WIDE_CHANNELS} image channels (fewer not measured).
     */
    static boolean pays(ConvGeometry g) {
        return g.imageChannels() >= PhaseSplitConv.MIN_WIDE_CHANNELS && applies(g);
    }

    /** The stacked kernel's side: ⌈K / 2⌉, 4 rounded up to Winograd's 5. */
    static int stackedSide(int k) {
        return k == 5 ? 3 : 5;
    }

    /** The stacked stride-1 correlation of {@code images} images of {@code g}: 4·Cin channels, unpadded. */
    static ConvGeometry stacked(ConvGeometry g, int images) {
        int r = stackedSide(g.kernel()[1]);
        int oh = g.response()[1];
        int ow = g.response()[2];
        return new ConvGeometry(images, 1, 4 * g.imageChannels(), g.responseChannels(), new int[] {1, oh + r - 1, ow + r - 1},
                new int[] {1, oh, ow}, new int[] {1, r, r}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0});
    }

    /** Images a chunk takes: as many as its stacked floats hold, at least one. */
    private int chunkImages(ConvGeometry s) {
        return Math.max(1, chunkFloats / (s.imageChannels() * s.imagePlane()));
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        ConvGeometry s = stacked(g, g.batch());
        WinogradConv.Tile tile = WinogradConv.tile(s);
        float[] w = stackWeights(g, weight);
        int chunk = chunkImages(s);
        int perImage = g.responseChannels() * g.responsePlane();
        float[] out = Storage.floats(g.responseSize()); // every response element is one tile's
        for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
            ConvGeometry c = stacked(g, Math.min(chunk, g.batch() - n0));
            float[] p = planes.floats(c.imageSize());
            split(g, image, n0, c, p);
            winograd.correlateInto(c, p, w, tile, false, out, n0 * perImage);
        }
        return out;
    }

    float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        ConvGeometry s = stacked(g, g.batch());
        WinogradConv.Tile tile = WinogradConv.tile(ConvDispatch.flipped(s));
        float[] w = stackWeights(g, weight);
        boolean inPlace = tile.r == 3; // WinogradConv.readsFlipped
        float[] kernel = inPlace ? w : FastConv.flipTransposed(s, w, flippedWeights.floats(w.length));
        int chunk = chunkImages(s);
        int perImage = g.responseChannels() * g.responsePlane();
        float[] image = Storage.floats(g.imageSize()); // every image element is one phase element, written once
        for (int n0 = 0; n0 < g.batch(); n0 += chunk) {
            int images = Math.min(chunk, g.batch() - n0);
            ConvGeometry c = ConvDispatch.flipped(stacked(g, images));
            float[] dy = response;
            if (images < g.batch()) {
                dy = chunkResponse.floats(images * perImage);
                System.arraycopy(response, n0 * perImage, dy, 0, images * perImage);
            }
            float[] p = planes.floats(c.responseSize());
            winograd.correlateInto(c, dy, kernel, tile, inPlace, p, 0);
            merge(g, p, n0, c, image);
        }
        return image;
    }

    /** The stacked planes of images [n0, n0 + c.batch()) into {@code p}: a task per image channel. */
    private void split(ConvGeometry g, float[] image, int n0, ConvGeometry c, float[] p) {
        int cin = g.imageChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int ph = c.image()[1];
        int pw = c.image()[2];
        int plane = ph * pw;
        Parallel.forEach(c.batch() * cin, job -> phases.splitPhases(image, (n0 * cin + job) * h * w, 1, h, w,
                -g.padLeft()[1], -g.padLeft()[2], ph, pw, p, job * 4 * plane, plane));
    }

    /** Images [n0, n0 + c.batch()) from their stacked planes' gradient {@code p} (c: the flipped geometry). */
    private void merge(ConvGeometry g, float[] p, int n0, ConvGeometry c, float[] image) {
        int cin = g.imageChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int pt = g.padLeft()[1];
        int pl = g.padLeft()[2];
        int pw = c.response()[2];
        int plane = c.response()[1] * pw;
        Parallel.forEach(c.batch() * cin, job -> {
            for (int y = 0; y < h; y++) {
                // padded row y + pt: row (y + pt) / 2 of the phases (y + pt) % 2
                int even = (job * 4 + 2 * ((y + pt) & 1)) * plane + ((y + pt) >> 1) * pw;
                phases.interleavePhaseRow(p, even, even + plane, image, ((n0 * cin + job) * h + y) * w, w, pl);
            }
        });
    }

    /**
     * The stacked R×R kernel, Cout × 4·Cin: {@code [co][4ci + 2a + b][t][u] = w[co][ci][2t + a][2u + b]}, zero past
     * the K×K kernel; in this thread's scratch.
     */
    private float[] stackWeights(ConvGeometry g, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int k = g.kernel()[1];
        int r = stackedSide(k);
        float[] s = stackedWeights.floats(cout * 4 * cin * r * r);
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                int src = (co * cin + ci) * k * k;
                for (int ph = 0; ph < 4; ph++) {
                    int dst = (co * 4 * cin + 4 * ci + ph) * r * r;
                    for (int t = 0; t < r; t++) {
                        for (int u = 0; u < r; u++) {
                            int i = 2 * t + (ph >> 1);
                            int j = 2 * u + (ph & 1);
                            s[dst + t * r + u] = i < k && j < k ? weight[src + i * k + j] : 0f;
                        }
                    }
                }
            }
        }
        return s;
    }
}
