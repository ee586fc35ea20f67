import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Tensor;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.*;

/**
 * Pool forwards of a suite file, fastest of `calls`: thread CPU time at 1 thread, wall time at more. With
 * -Dpass=forward (P8OPT in cpu.sh) the training forward (a context that keeps the indices of max pools), with
 * -Dpass=backward that context's backward of a random gradient; the default (infer) is the inference forward. With
 * HASH=1 in the environment each line ends with a hash of the result's bits (the input gradient for -Dpass=backward),
 * so two jars or thread counts can be shown to give the same bits. With STATS=1 each line also gives the median
 * thread CPU and the fastest and median wall time of the calls (the bench command reports the median wall time).
 */
public class PoolCpuTime {
    public static void main(String[] a) throws Exception {
        int calls = Integer.parseInt(a[0]);
        int threads = Integer.parseInt(a[1]);
        JsonNode suite = new ObjectMapper().readTree(new File(a[2]));
        Set<String> only = new HashSet<>(Arrays.asList(a).subList(3, a.length));
        Parallel.setThreads(threads);
        dev.convkit.core.tensor.Storage.Recycler recycler = new dev.convkit.core.tensor.Storage.Recycler();
        dev.convkit.core.tensor.Storage.use(recycler);
        var cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String list : new String[] {"pool2d", "pool3d"}) {
            for (JsonNode s : suite.path(list)) {
                String id = s.get("id").asText();
                if (!only.isEmpty() && !only.contains(id)) continue;
                Map<String, Object> raw = new LinkedHashMap<>();
                s.fields().forEachRemaining(f -> {
                    if (!Set.of("id", "op", "N", "C", "D", "H", "W").contains(f.getKey()))
                        raw.put(f.getKey(), new ObjectMapper().convertValue(f.getValue(), Object.class));
                });
                Op op = Catalogue.require(s.get("op").asText());
                int[] shape = list.equals("pool3d")
                        ? new int[] {s.get("N").asInt(), s.get("C").asInt(), s.get("D").asInt(), s.get("H").asInt(), s.get("W").asInt()}
                        : new int[] {s.get("N").asInt(), s.get("C").asInt(), s.get("H").asInt(), s.get("W").asInt()};
                int n = 1;
                for (int d : shape) n *= d;
                Random r = new Random(id.hashCode());
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
                Tensor x = Tensor.of(v, shape);
                Params params = op.params(raw);
                Operands in = Operands.of("input", x);
                Tensor y = op.infer(in, params);
                String pass = System.getProperty("pass", "infer");
                var context = op.forward(in, params);
                float[] gv = new float[(int) y.numel()];
                for (int i = 0; i < gv.length; i++) gv[i] = (float) r.nextGaussian();
                Tensor gy = Tensor.of(gv, y.shape());
                Runnable call = pass.equals("forward") ? () -> op.forward(in, params)
                        : pass.equals("backward") ? () -> context.backward(gy) : () -> op.infer(in, params);
                double best = 1e9;
                long bytes = Long.MAX_VALUE;
                double[] cpus = new double[calls];
                double[] walls = new double[calls];
                for (int i = 0; i < calls; i++) {
                    recycler.reclaim();
                    long b0 = cpu.getCurrentThreadAllocatedBytes();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    call.run();
                    long w1 = System.nanoTime();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    bytes = Math.min(bytes, cpu.getCurrentThreadAllocatedBytes() - b0);
                    best = Math.min(best, (threads == 1 ? c1 - c0 : w1 - w0) / 1e6);
                    cpus[i] = (c1 - c0) / 1e6;
                    walls[i] = (w1 - w0) / 1e6;
                }
                String stats = "";
                if ("1".equals(System.getenv("STATS"))) {
                    Arrays.sort(cpus);
                    Arrays.sort(walls);
                    stats = String.format(" cpu median %.4f wall min %.4f median %.4f", cpus[calls / 2], walls[0],
                            walls[calls / 2]);
                }
                double gb = (n + y.numel()) * 4.0 / best / 1e6;
                String hash = "";
                if ("1".equals(System.getenv("HASH"))) {
                    recycler.reclaim();
                    Tensor result = pass.equals("backward") ? context.backward(gy).get("input")
                            : pass.equals("forward") ? op.forward(in, params).output() : op.infer(in, params);
                    int h = 1;
                    for (float f : result.data()) h = 31 * h + Float.floatToRawIntBits(f); // NaN payloads too
                    hash = String.format(" bits %08x", h);
                }
                System.out.printf("%-18s %8.4f ms %6.1f GB/s %8.3f MB/call(caller)%s%s%n", id, best, gb, bytes / 1e6, hash,
                        stats);
            }
        }
    }
}
