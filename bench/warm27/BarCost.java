import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.lang.management.ManagementFactory;

/**
 * What one epoch's progress bar costs the process before it has drawn twice, as `convkit train` (main)
 * built it: ConsoleProgressBarConsumer(System.err) asks progressbar's TerminalUtils for the width, which
 * builds a JLine terminal on the bar's render thread (system-stream probes: tty and test -t processes,
 * ~100 classes), and closes it again when the bar closes. "fixed" gives the consumer a width instead.
 * Process CPU and the JIT's compile count after 1.2 s (two renders at 500 ms), in a fresh JVM each.
 *
 * java -Xbatch -cp JAR bench/warm27/BarCost.java probe|fixed 2>/dev/null
 */
public class BarCost {
    public static void main(String[] args) throws Exception {
        long cpu0 = cpu();
        var consumer = args[0].equals("fixed") ? new ConsoleProgressBarConsumer(System.err, 79)
                : new ConsoleProgressBarConsumer(System.err);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("epoch 1/1").setInitialMax(300)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(consumer).setUpdateIntervalMillis(500).build()) {
            for (int i = 0; i < 12; i++) {
                bar.stepTo(i + 1);
                bar.setExtraMessage(String.format(" loss %.4f acc %.4f %.0f img/s", 1.0 / (i + 1), 0.5, 100.0 * i));
                Thread.sleep(100);
            }
        }
        System.out.printf("%s: process CPU %d ms%n", args[0], cpu() - cpu0);
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                / 1_000_000;
    }
}
