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
 * PoolThreads PASS(forward|backward|infer) CALLS THREADS SUITE [ids]: per shape, over CALLS back-to-back calls (results
 * recycled, as the bench command runs them), the fastest and median wall ms, and the median thread CPU ms of the caller
 * and of the pool's helper threads (convkit-*) per call: shows who did the work of a two-thread pass. HASH=1 adds the
 * result's bit hash.
 */
public class PoolThreads {
    public static void main(String[] a) throws Exception {
        String pass = a[0];
        int calls = Integer.parseInt(a[1]);
        int threads = Integer.parseInt(a[2]);
        JsonNode suite = new ObjectMapper().readTree(new File(a[3]));
        Set<String> only = new HashSet<>(Arrays.asList(a).subList(4, a.length));
        Parallel.setThreads(threads);
        Storage.Recycler recycler = new Storage.Recycler();
        Storage.use(recycler);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
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
                var context = op.forward(in, params);
                float[] gv = new float[(int) y.numel()];
                for (int i = 0; i < gv.length; i++) gv[i] = (float) r.nextGaussian();
                Tensor gy = Tensor.of(gv, y.shape());
                Runnable call = pass.equals("forward") ? () -> op.forward(in, params)
                        : pass.equals("backward") ? () -> context.backward(gy) : () -> op.infer(in, params);
                double[] walls = new double[calls], callers = new double[calls], helpers = new double[calls];
                double[] work = new double[calls], helperShare = new double[calls];
                long handed0 = counter("HANDED"), executed0 = counter("EXECUTED"), calmed0 = counter("CALMED");
                for (int i = 0; i < calls; i++) {
                    recycler.reclaim();
                    long n0 = counter("TASK_NANOS"), k0 = counter("HELPER_TASKS"), t0 = counter("TASKS");
                    long h0 = helperCpu(mx);
                    long c0 = mx.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    call.run();
                    long w1 = System.nanoTime();
                    long c1 = mx.getCurrentThreadCpuTime();
                    long h1 = helperCpu(mx);
                    work[i] = (counter("TASK_NANOS") - n0) / 1e6;
                    long tasks = counter("TASKS") - t0;
                    helperShare[i] = tasks == 0 ? 0 : (double) (counter("HELPER_TASKS") - k0) / tasks;
                    walls[i] = (w1 - w0) / 1e6;
                    callers[i] = (c1 - c0) / 1e6;
                    helpers[i] = (h1 - h0) / 1e6;
                }
                String hash = "";
                if ("1".equals(System.getenv("HASH"))) {
                    recycler.reclaim();
                    Tensor result = pass.equals("backward") ? context.backward(gy).get("input")
                            : pass.equals("forward") ? op.forward(in, params).output() : op.infer(in, params);
                    int h = 1;
                    for (float f : result.data()) h = 31 * h + Float.floatToRawIntBits(f);
                    hash = String.format(" bits %08x", h);
                }
                double callerMin = Arrays.stream(callers).min().getAsDouble();
                Arrays.sort(walls);
                Arrays.sort(callers);
                Arrays.sort(helpers);
                double[] split = new double[calls];
                int splits = 0;
                for (int i = 0; i < calls; i++) {
                    if (helperShare[i] >= 0.3 && helperShare[i] <= 0.7) split[splits++] = work[i];
                }
                Arrays.sort(split, 0, splits);
                String splitWork = splits == 0 ? "none" : String.format("%d calls, min %.4f med %.4f", splits, split[0], split[splits / 2]);
                Arrays.sort(work);
                Arrays.sort(helperShare);
                if (TIMED != null) {
                    hash += String.format(" | task time (both threads) min %.4f med %.4f | helper's share of tasks med %.2f",
                            work[0], work[calls / 2], helperShare[calls / 2]);
                    hash += " | task time of the calls split 30-70 %: " + splitWork;
                    hash += String.format(" | passes handed to an awake helper %d, helpers woken %d, calm %d",
                            counter("HANDED") - handed0, counter("EXECUTED") - executed0, counter("CALMED") - calmed0);
                }
                System.out.printf("%-18s T%d wall min %.4f med %.4f | caller cpu min %.4f med %.4f | helper cpu med %.4f%s%n",
                        id, threads, walls[0], walls[calls / 2], callerMin, callers[calls / 2], helpers[calls / 2], hash);
            }
        }
    }

    /** The CPU time so far of the shared pool's helper threads (the spin between passes included). */
    static long helperCpu(com.sun.management.ThreadMXBean mx) {
        if (helperIds == null || Thread.activeCount() != threadCount) { // the pool starts its workers as it needs them
            threadCount = Thread.activeCount();
            helperIds = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("convkit-"))
                    .mapToLong(Thread::getId).toArray();
        }
        long sum = 0;
        for (long t : helperIds) sum += Math.max(0, mx.getThreadCpuTime(t));
        return sum;
    }

    /** An instrumented throwaway jar's task counters (Parallel.Pass's static LongAdders), or 0 without them. */
    static long counter(String name) {
        try {
            return TIMED == null ? 0 : ((java.util.concurrent.atomic.LongAdder) TIMED.getField(name).get(null)).sum();
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    static final Class<?> TIMED = timed();

    static Class<?> timed() {
        try {
            return Boolean.getBoolean("p21.time") ? Class.forName("dev.convkit.core.kernels.Parallel$Pass") : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The helper threads' ids, looked up once (a look-up walks every thread's stack: slower than a pass). */
    static long[] helperIds;
    static int threadCount;
}
