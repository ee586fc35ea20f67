import dev.convkit.core.kernels.*;
import java.lang.management.*;

/**
 * p1x52: where r1x1-56's forward (8 × 256 × 56² -> 64, 1×1) loses the kernel's rate, its direct path rebuilt from the
 * provider's micro-kernel: 8 images × 7 column tiles of up to 512 (the last 64), B packed KC × NT (256 × 512) per tile
 * from the image rows, A the 64 × 256 packed weights. Modes (fastest of REPS whole passes, thread CPU, ms):
 * kernel-scratch: the multiplies only, one B reused, C into a 64 × 528 tile (all in cache);
 * kernel-inplace: the multiplies only, one B reused, C written in place into the 6.4 MB response;
 * pass-scratch / pass-inplace: B packed per tile from the 25.7 MB image, then the same;
 * pack-only: B's packing alone; *-turned: the A strip outer, B strips inner; *-a-l1: every row strip reads the first
 * A strip (8 kB, L1) instead of its own (64 kB of A, L2); *-touch: a few lines of the row TOUCH_AHEAD rows on read
 * before each row's packing (-Dahead, -Dlines); pass-interleaved: B double-buffered, the next tile's rows packed a
 * few after each kernel call.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp JAR bench/p1x52/PassParts.java REPS [NT [MODE,MODE...]]
 * </pre>
 */
public class PassParts {
    static final int N = 8, C = 256, PLANE = 56 * 56, M = 64, KC = 256;

    static float sink;
    static final int TOUCH_AHEAD = Integer.getInteger("ahead", 8), TOUCH_LINES = Integer.getInteger("lines", 2);

    public static void main(String[] args) {
        MicroKernel mk = KernelProvider.panama().microKernel();
        int reps = Integer.parseInt(args[0]);
        int NT = args.length > 1 ? Integer.parseInt(args[1]) : 512; // the column tile
        String[] only = args.length > 2 ? args[2].split(",") : null;
        int mr = mk.mr(), nr = mk.nr();
        float[] image = new float[N * C * PLANE];
        float[] a = new float[M * KC];
        float[] b = new float[KC * NT + mr * nr];
        float[] out = new float[N * M * PLANE];
        float[] b2 = new float[2 * KC * NT];
        float[] tile = new float[M * (NT + 16)];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < image.length; i++) image[i] = (float) r.nextGaussian();
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        String[] modes = {"kernel-scratch", "kernel-inplace", "kernel-inplace-turned", "pack-only", "pass-scratch",
                "pass-inplace", "pass-inplace-turned", "pack-only-touch", "pass-inplace-touch", "pass-interleaved", "kernel-scratch-a-l1", "kernel-inplace-a-l1"};
        if (only != null) {
            modes = only;
        }
        for (int round = 0; round < 2; round++) {
            for (String mode : modes) {
                boolean pack = mode.startsWith("pass") || mode.startsWith("pack-only");
                boolean mult = !mode.startsWith("pack-only");
                boolean inPlace = mode.contains("inplace");
                boolean turned = mode.endsWith("turned");
                double best = 1e18;
                for (int rep = 0; rep < reps; rep++) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    if (mode.equals("pass-interleaved")) {
                        interleaved(mk, image, a, b2, out, NT);
                        best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
                        continue;
                    }
                    for (int n = 0; n < N; n++) {
                        for (int v0 = 0; v0 < PLANE; v0 += NT) {
                            int nt = Math.min(NT, PLANE - v0);
                            int strips = (nt + nr - 1) / nr;
                            if (pack) {
                                int ahead = mode.contains("touch") ? TOUCH_AHEAD : 0;
                                for (int kk = 0; kk < KC; kk++) {
                                    if (ahead > 0 && kk + ahead < KC) { // a few lines of a row ahead: the prefetcher's cue
                                        int at = (n * C + kk + ahead) * PLANE + v0;
                                        for (int t = 0; t < TOUCH_LINES; t++) {
                                            sink += image[at + 16 * t];
                                        }
                                    }
                                    mk.packStrips(image, (n * C + kk) * PLANE + v0, nt, b, kk * nr, KC * nr);
                                }
                            }
                            if (!mult) {
                                continue;
                            }
                            int cBase = inPlace ? n * M * PLANE + v0 : 0;
                            int ldc = inPlace ? PLANE : NT + 16;
                            float[] c = inPlace ? out : tile;
                            if (turned) {
                                for (int ms = 0; ms < M / mr; ms++) {
                                    for (int ns = 0; ns < strips; ns++) {
                                        mk.multiply(KC, a, ms * KC * mr, b, ns * KC * nr, c, cBase + ms * mr * ldc + ns * nr, ldc, false);
                                    }
                                }
                            } else {
                                int aStride = mode.endsWith("a-l1") ? 0 : KC * mr; // one A strip (8 kB) for every row strip
                                for (int ns = 0; ns < strips; ns++) {
                                    for (int ms = 0; ms < M / mr; ms++) {
                                        mk.multiply(KC, a, ms * aStride, b, ns * KC * nr, c, cBase + ms * mr * ldc + ns * nr, ldc, false);
                                    }
                                }
                            }
                        }
                    }
                    best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
                }
                double flops = 2.0 * N * PLANE * M * C;
                System.out.printf("NT %d round %d %-22s %7.3f ms %5.0f GFLOP/s%n", NT, round, mode, best / 1e6,
                        !mult ? 0 : flops / best);
            }
        }
        System.out.println(sink == 12345f ? "" : "");
    }
    /**
     * The pass with B double-buffered: while one tile's kernels run, the next tile's B rows are packed a few after
     * each kernel call, so their image reads stand next to the multiply-adds (out of order) rather than in a block.
     */
    static void interleaved(MicroKernel mk, float[] image, float[] a, float[] b2, float[] out, int ntMax) {
        int mr = mk.mr(), nr = mk.nr();
        int tilesPerImage = (PLANE + ntMax - 1) / ntMax;
        int units = N * tilesPerImage;
        packRows(mk, image, 0, 0, ntMax, b2, 0, 0, KC);
        for (int u = 0; u < units; u++) {
            int n = u / tilesPerImage, v0 = u % tilesPerImage * ntMax, nt = Math.min(ntMax, PLANE - v0);
            int bOff = (u & 1) * KC * ntMax;
            int next = u + 1;
            int nn = next / tilesPerImage, nv0 = next % tilesPerImage * ntMax, nnt = Math.min(ntMax, PLANE - nv0);
            int nOff = (next & 1) * KC * ntMax;
            int strips = (nt + nr - 1) / nr;
            int calls = strips * (M / mr);
            int perCall = (KC + calls - 1) / calls;
            int packed = 0;
            int cBase = n * M * PLANE + v0;
            for (int ns = 0; ns < strips; ns++) {
                for (int ms = 0; ms < M / mr; ms++) {
                    mk.multiply(KC, a, ms * KC * mr, b2, bOff + ns * KC * nr, out, cBase + ms * mr * PLANE + ns * nr, PLANE, false);
                    if (next < units && packed < KC) {
                        int to = Math.min(KC, packed + perCall);
                        packRows(mk, image, nn, nv0, nnt, b2, nOff, packed, to);
                        packed = to;
                    }
                }
            }
        }
    }

    static void packRows(MicroKernel mk, float[] image, int n, int v0, int nt, float[] b, int bOff, int from, int to) {
        int nr = mk.nr();
        for (int kk = from; kk < to; kk++) {
            mk.packStrips(image, (n * C + kk) * PLANE + v0, nt, b, bOff + kk * nr, KC * nr);
        }
    }
}
