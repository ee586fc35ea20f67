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

/** PoolProbe DIR(fwd|bwd|both) CALLS THREADS WARMUP_S SUITE [ids]: per shape best wall ms, best caller CPU ms, best all-thread CPU ms, allocated MB. */
public class PoolProbe {
    static com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static long allCpu() {
        long s = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || t.getName().startsWith("convkit")) s += cpu.getThreadCpuTime(t.getId());
        }
        return s;
    }
    public static void main(String[] a) throws Exception {
        String dir = a[0];
        int calls = Integer.parseInt(a[1]);
        int threads = Integer.parseInt(a[2]);
        double warm = Double.parseDouble(a[3]);
        JsonNode suite = new ObjectMapper().readTree(new File(a[4]));
        List<String> only = Arrays.asList(a).subList(5, a.length);
        Parallel.setThreads(threads);
        dev.convkit.core.tensor.Storage.Recycler recycler = new dev.convkit.core.tensor.Storage.Recycler();
        dev.convkit.core.tensor.Storage.use(recycler);
        List<JsonNode> shapes = new ArrayList<>();
        List<Boolean> vol = new ArrayList<>();
        for (String list : new String[] {"pool2d", "pool3d"}) for (JsonNode s : suite.path(list)) { shapes.add(s); vol.add(list.equals("pool3d")); }
        List<Integer> order = new ArrayList<>();
        if (only.isEmpty()) for (int i = 0; i < shapes.size(); i++) order.add(i);
        else for (String id : only) for (int i = 0; i < shapes.size(); i++) if (shapes.get(i).get("id").asText().equals(id)) order.add(i);
        for (int idx : order) {
            JsonNode s = shapes.get(idx);
            String id = s.get("id").asText();
            Map<String, Object> raw = new LinkedHashMap<>();
            s.fields().forEachRemaining(f -> {
                if (!Set.of("id", "op", "N", "C", "D", "H", "W").contains(f.getKey()))
                    raw.put(f.getKey(), new ObjectMapper().convertValue(f.getValue(), Object.class));
            });
            Op op = Catalogue.require(s.get("op").asText());
            int[] shape = vol.get(idx)
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
            float[] gv = new float[(int) y.numel()];
            for (int i = 0; i < gv.length; i++) gv[i] = (float) r.nextGaussian();
            Tensor gy = Tensor.of(gv, y.shape());
            var context = op.forward(in, params);
            for (String d : dir.equals("both") ? new String[] {"fwd", "bwd"} : new String[] {dir}) {
                Runnable call = d.equals("fwd") ? () -> op.infer(in, params) : () -> context.backward(gy);
                long end = System.nanoTime() + (long) (warm * 1e9);
                while (System.nanoTime() < end) { recycler.reclaim(); call.run(); }
                double bw = 1e9, bc = 1e9, ba = 1e9;
                double[] ws = new double[calls], cs = new double[calls], as = new double[calls];
                long bytes = Long.MAX_VALUE;
                for (int i = 0; i < calls; i++) {
                    recycler.reclaim();
                    long b0 = cpu.getCurrentThreadAllocatedBytes();
                    long a0 = allCpu();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    call.run();
                    long w1 = System.nanoTime();
                    long c1 = cpu.getCurrentThreadCpuTime();
                    long a1 = allCpu();
                    bytes = Math.min(bytes, cpu.getCurrentThreadAllocatedBytes() - b0);
                    bw = Math.min(bw, (w1 - w0) / 1e6);
                    bc = Math.min(bc, (c1 - c0) / 1e6);
                    ba = Math.min(ba, (a1 - a0) / 1e6);
                    ws[i] = (w1 - w0) / 1e6; cs[i] = (c1 - c0) / 1e6; as[i] = (a1 - a0) / 1e6;
                }
                Arrays.sort(ws); Arrays.sort(cs); Arrays.sort(as);
                System.out.printf("%-20s %s best wall %8.3f caller %8.3f all %8.3f | median wall %8.3f caller %8.3f all %8.3f | %7.3f MB%n", id, d, bw, bc, ba, ws[calls/2], cs[calls/2], as[calls/2], bytes / 1e6);
            }
        }
    }
}
