import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.*;

/**
 * pool29: the pools' allocation a call in one JVM, several shapes in a row (boxing that shows only after other kernels
 * were compiled first). AllocMix CALLS SUITES(comma-separated) ID...: for each id in the order given, the inference
 * forward then the backward, CALLS calls each at one thread, results recycled; prints the least kB a call of each pass
 * and the fastest thread CPU ms. Run with -Xbatch so no measured call runs C1 code.
 */
public class AllocMix {
    public static void main(String[] a) throws Exception {
        int calls = Integer.parseInt(a[0]);
        Map<String, JsonNode> shapes = new LinkedHashMap<>();
        Map<String, Boolean> is3d = new HashMap<>();
        for (String f : a[1].split(",")) {
            JsonNode suite = new ObjectMapper().readTree(new File(f));
            for (String list : new String[] {"pool2d", "pool3d"}) {
                for (JsonNode s : suite.path(list)) {
                    shapes.put(s.get("id").asText(), s);
                    is3d.put(s.get("id").asText(), list.equals("pool3d"));
                }
            }
        }
        Parallel.setThreads(1);
        Storage.Recycler recycler = new Storage.Recycler();
        Storage.use(recycler);
        var cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String id : Arrays.asList(a).subList(2, a.length)) {
            JsonNode s = shapes.get(id);
            Map<String, Object> raw = new LinkedHashMap<>();
            s.fields().forEachRemaining(f -> {
                if (!Set.of("id", "op", "N", "C", "D", "H", "W").contains(f.getKey()))
                    raw.put(f.getKey(), new ObjectMapper().convertValue(f.getValue(), Object.class));
            });
            Op op = Catalogue.require(s.get("op").asText());
            int[] shape = is3d.get(id)
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
            var context = op.forward(in, params);
            float[] gv = new float[(int) y.numel()];
            for (int i = 0; i < gv.length; i++) gv[i] = (float) r.nextGaussian();
            Tensor gy = Tensor.of(gv, y.shape());
            StringBuilder line = new StringBuilder(String.format("%-22s", id));
            for (String pass : new String[] {"infer", "backward"}) {
                Runnable call = pass.equals("backward") ? () -> context.backward(gy) : () -> op.infer(in, params);
                long bytes = Long.MAX_VALUE;
                double best = 1e9;
                for (int i = 0; i < calls; i++) {
                    recycler.reclaim();
                    long b0 = cpu.getCurrentThreadAllocatedBytes();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    call.run();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    bytes = Math.min(bytes, cpu.getCurrentThreadAllocatedBytes() - b0);
                    best = Math.min(best, (c1 - c0) / 1e6);
                }
                line.append(String.format("  %s %8.1f kB %8.4f ms", pass, bytes / 1e3, best));
            }
            System.out.println(line);
        }
    }
}
