import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.*;

/**
 * pool61: a global average as a network runs it: each call's input is an activation its producer has just written first
 * to last (a ReLU over a fresh source, the ResNet case), not the same input re-read call after call as in the bench.
 * Times the global average's call only (thread CPU at one thread, wall at more), fastest and median of CALLS, and the
 * producer's call for reference; "bench" also times the bench's way (the same input again, no producer between).
 * Prints a hash of the last result's bits. Usage:
 * java --add-modules jdk.incubator.vector -cp DIR:JAR PairProbe61 N C H W CALLS ROUNDS [THREADS]
 */
public class PairProbe61 {
    static float sink;
    static final jdk.incubator.vector.VectorSpecies<Float> S = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;

    static void relu(float[] src, float[] dst) {
        int i = 0;
        for (; i <= src.length - S.length(); i += S.length()) {
            jdk.incubator.vector.FloatVector.fromArray(S, src, i).max(0f).intoArray(dst, i);
        }
        for (; i < src.length; i++) dst[i] = Math.max(src[i], 0f);
    }

    public static void main(String[] a) {
        int nImg = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]);
        int count = Integer.parseInt(a[4]), rounds = Integer.parseInt(a[5]);
        int threads = a.length > 6 ? Integer.parseInt(a[6]) : 1;
        Parallel.setThreads(threads);
        Storage.Recycler recycler = new Storage.Recycler();
        Storage.use(recycler);
        int n = nImg * c * h * w;
        // two sources, alternated, so the producer's reads are as cold as its writes are fresh
        float[][] sources = new float[2][n];
        Random r = new Random(5);
        for (float[] s : sources) for (int i = 0; i < n; i++) s[i] = (float) r.nextGaussian();
        float[] act = new float[n];
        Tensor x = Tensor.of(act, new int[] {nImg, c, h, w});
        float[] data = x.data();
        Op op = Catalogue.require("adaptive_avg_pool2d");
        Params params = op.params(Map.of("output_size", 1));
        Operands in = Operands.of("input", x);
        var cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            double[] pool = new double[count], prod = new double[count], bench = new double[count];
            int hash = 0;
            for (int k = 0; k < count; k++) {
                recycler.reclaim();
                float[] src = sources[k & 1];
                long p0 = cpu.getCurrentThreadCpuTime();
                relu(src, data); // the producer: a ReLU, first to last
                long p1 = cpu.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                Tensor y = op.infer(in, params);
                long c1 = cpu.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                recycler.reclaim();
                long b0 = System.nanoTime();
                long bc0 = cpu.getCurrentThreadCpuTime();
                Tensor y2 = op.infer(in, params); // the bench's way: the same input again
                long bc1 = cpu.getCurrentThreadCpuTime();
                long b1 = System.nanoTime();
                pool[k] = (threads == 1 ? c1 - c0 : w1 - w0) / 1e6;
                bench[k] = (threads == 1 ? bc1 - bc0 : b1 - b0) / 1e6;
                prod[k] = (p1 - p0) / 1e6;
                if (k == count - 1) {
                    hash = 1;
                    for (float f : y.data()) hash = 31 * hash + Float.floatToRawIntBits(f);
                }
                sink += y.data()[0] + y2.data()[0];
            }
            Arrays.sort(pool);
            Arrays.sort(prod);
            Arrays.sort(bench);
            System.out.printf("%dx%dx%dx%d T=%d r%d: after-producer %.4f (med %.4f)  re-read %.4f (med %.4f)  producer %.4f  bits %08x%n",
                    nImg, c, h, w, threads, round, pool[0], pool[count / 2], bench[0], bench[count / 2], prod[0], hash);
        }
    }
}
