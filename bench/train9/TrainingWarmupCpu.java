import dev.convkit.core.kernels.Parallel;
import dev.convkit.nn.autograd.Arena;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.Optimizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the first epoch of `convkit train` (cnn2, batch 64, Adam, 19,200 images) spends CPU: the thread
 * CPU of the caller and of the kernel pool after steps 1, 10, 30, 100 and 300, and the process CPU (JIT
 * and GC threads included). Thread CPU holds up on a loaded machine where wall clock does not.
 * With -Dsample=true it also samples the caller's stack every 2 ms during step 1 and prints the
 * convkit methods it was in (interpreted Vector API code shows up as jdk.incubator.vector frames).
 *
 * Compile it first (run as a source file, javac's own warm-up lands on the main thread's CPU):
 * javac --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar -d /tmp/warm bench/train9/TrainingWarmupCpu.java
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g \
 *   -cp convkit-cli/target/convkit.jar:/tmp/warm TrainingWarmupCpu 2
 */
public class TrainingWarmupCpu {
    static final String CNN2 = "conv2d(1,32,3,1,1);bn2d(32);relu;maxpool2d(2,2,0);conv2d(32,64,3,1,1);bn2d(64);relu;"
            + "maxpool2d(2,2,0);dropout(0.25);flatten;linear(3136,10)";

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Parallel.setThreads(threads);
        Dataset train = Dataset.load(Path.of("/usr/share/datasets/fashion-mnist"), Dataset.Split.TRAIN).head(19200);
        Sequential model = Architecture.build(CNN2, 1);
        Optimizer opt = Optimizer.named("adam", model.parameters(), 2e-3, 0);
        Arena arena = new Arena();
        Map<String, Integer> frames = new ConcurrentHashMap<>();
        Thread caller = Thread.currentThread();
        Thread sampler = new Thread(() -> {
            while (!Thread.interrupted()) {
                String where = "(outside convkit)";
                for (StackTraceElement f : caller.getStackTrace()) {
                    if (f.getClassName().startsWith("dev.convkit")) {
                        where = f.getClassName().replace("dev.convkit.", "") + "." + f.getMethodName();
                        break;
                    }
                }
                frames.merge(where, 1, Integer::sum);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        if (Boolean.getBoolean("sample")) {
            sampler.start();
        }
        model.train();
        model.reseed(1);
        int[] order = train.order(new SplittableRandom(1));
        long t0 = System.nanoTime();
        for (int b = 0; b < 300; b++) {
            try (Arena.Scope step = arena.step()) {
                Dataset.Batch batch = train.batch(order, b * 64, 64);
                Variable logits = model.forward(Variable.constant(batch.images()));
                Variable loss = Ops.crossEntropy(logits, batch.labels());
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
            if (b == 0 && sampler.isAlive()) {
                sampler.interrupt();
                frames.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(20)
                        .forEach(e -> System.out.printf("  step 1 samples %4d %s%n", e.getValue(), e.getKey()));
            }
            if (b == 0 || b == 9 || b == 29 || b == 99 || b == 299) {
                printCpu(b + 1, System.nanoTime() - t0);
            }
        }
    }

    static void printCpu(int steps, long wallNanos) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        TreeMap<String, Long> byName = new TreeMap<>();
        long allocated = 0; // boxed vectors show up here: a steady step allocates ~0.1 MB unless a kernel boxes
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti != null) {
                allocated += ((com.sun.management.ThreadMXBean) mx).getThreadAllocatedBytes(ti.getThreadId());
                long cpu = mx.getThreadCpuTime(ti.getThreadId()) / 1_000_000;
                if (cpu > 0) {
                    byName.merge(ti.getThreadName().replaceAll("[0-9]+$", "*"), cpu, Long::sum);
                }
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        System.out.printf("after step %3d: wall %6.0f ms, process CPU %6d ms, JVM uptime %6d ms, allocated %5d MB, thread CPU ms %s%n",
                steps, wallNanos / 1e6, process, ManagementFactory.getRuntimeMXBean().getUptime(), allocated >> 20, byName);
    }
}
