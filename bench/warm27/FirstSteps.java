import dev.convkit.core.kernels.Parallel;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.train.Trainer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * Where `convkit train`'s first epoch spends CPU before and during its first steps, through the real
 * Trainer.train (model build, output check, optimizer, the epoch loop): process CPU, JVM uptime and the
 * CPU of each thread group at JVM start (main), after the data is loaded, when the model is built
 * (Listener.started), at the epoch's start, after steps 1, 2, 3, 10, 30, 100, 300 and at the epoch's end.
 *
 * javac --add-modules jdk.incubator.vector -cp JAR -d /tmp/fs bench/warm27/FirstSteps.java
 * java <the launcher's options> -cp JAR:/tmp/fs FirstSteps THREADS [LIMIT]
 */
public class FirstSteps {
    public static void main(String[] args) throws Exception {
        print("main entered");
        int threads = Integer.parseInt(args[0]);
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 19200;
        Parallel.setThreads(threads);
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        Dataset train = Dataset.load(dir, Dataset.Split.TRAIN);
        Dataset test = Dataset.load(dir, Dataset.Split.TEST);
        print("data loaded");
        Trainer.Config config = new Trainer.Config(Architecture.model("cnn2"), 1, 64, 2e-3, 1, "adam", 0, "cosine", limit);
        Path out = Files.createTempDirectory("fs");
        Trainer.train(train, test, config, out, false, new Trainer.Listener() {
            @Override
            public void started(Sequential model, int trainImages, int testImages) {
                print("model built");
            }

            @Override
            public void epochStart(int epoch, int batches) {
                print("epoch start");
            }

            @Override
            public void batch(int epoch, int index, double loss, double accuracy, double imagesPerSecond) {
                int step = index + 1;
                if (step <= 3 || step == 10 || step == 30 || step == 100 || step == 300) {
                    print("after step " + step);
                }
            }

            @Override
            public void epochEnd(Trainer.EpochResult r) {
                print(String.format("epoch end (%.2f s, %.0f img/s)", r.seconds(), r.imagesPerSecond()));
            }
        });
        print("model written");
    }

    /** Field {@code index} + 1 of /proc/self/stat (proc(5) numbers them from 1): 9 minor faults, 14 system-mode ticks. */
    static long stat(int index) {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(s.substring(s.lastIndexOf(')') + 2).split(" ")[index - 2]);
        } catch (Exception e) {
            return -1;
        }
    }

    static void print(String what) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        TreeMap<String, Long> byName = new TreeMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti != null) {
                long cpu = mx.getThreadCpuTime(ti.getThreadId()) / 1_000_000;
                if (cpu > 0) {
                    byName.merge(ti.getThreadName().replaceAll("[0-9]+$", "*"), cpu, Long::sum);
                }
            }
        }
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        var comp = ManagementFactory.getCompilationMXBean();
        System.out.printf("%-28s uptime %6d ms, process CPU %6d ms (sys %5d), minor faults %7d, JIT %6d ms, threads %s%n",
                what, ManagementFactory.getRuntimeMXBean().getUptime(), process, stat(14) * 10, stat(9),
                comp.getTotalCompilationTime(), byName);
    }
}
