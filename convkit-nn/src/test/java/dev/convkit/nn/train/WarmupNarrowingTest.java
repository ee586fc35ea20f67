package dev.convkit.nn.train;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.Optimizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training's first steps run on the calling thread alone until the JIT compiler goes quiet (two steps
 * in a row that compiled for at most 5 ms), then on every kernel thread; never more than 100 narrow
 * steps; only with no core to spare; and the narrow steps change no number.
 */
class WarmupNarrowingTest {
    private int threadsBefore;

    @BeforeEach
    void twoThreads() {
        threadsBefore = Parallel.threads();
        Parallel.setThreads(2);
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    @Test
    void narrowsOnlyWhenThereIsNoCoreToSpare() {
        assertThat(WarmupNarrowing.applies(1, 1)).isFalse();
        assertThat(WarmupNarrowing.applies(1, 2)).isFalse();
        assertThat(WarmupNarrowing.applies(2, 2)).isTrue();
        assertThat(WarmupNarrowing.applies(4, 2)).isTrue();
        assertThat(WarmupNarrowing.applies(2, 8)).isFalse();
    }

    /** The threads that ran the tasks of one step's pass of 64 tasks. */
    private static Set<Thread> threadsOfAStep(WarmupNarrowing warmup) {
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        warmup.step(() -> Parallel.forEach(64, i -> ran.add(Thread.currentThread())));
        return ran;
    }

    @Test
    void widensAfterTwoQuietStepsAndStaysWide() {
        long[] compileMillis = {0};
        WarmupNarrowing warmup = WarmupNarrowing.watching(() -> compileMillis[0]);
        long[] compiledPerStep = {900, 40, 3, 30, 5, 0, 200};
        for (int s = 0; s < 6; s++) {
            Set<Thread> ran = new java.util.HashSet<>();
            long compiled = compiledPerStep[s];
            warmup.step(() -> {
                compileMillis[0] += compiled;
                Parallel.forEach(64, i -> ran.add(Thread.currentThread())); // a HashSet: one thread only
            });
            assertThat(ran).as("step %d", s + 1).containsExactly(Thread.currentThread());
            assertThat(warmup.wide()).as("after step %d", s + 1).isEqualTo(s == 5);
        }
        assertThat(warmup.narrowSteps()).isEqualTo(6);
        compileMillis[0] += compiledPerStep[6];
        threadsOfAStep(warmup);
        assertThat(warmup.wide()).isTrue();
        assertThat(warmup.narrowSteps()).isEqualTo(6);
    }

    @Test
    void widensAfterAHundredStepsWhateverTheCompilerDoes() {
        long[] compileMillis = {0};
        WarmupNarrowing warmup = WarmupNarrowing.watching(() -> compileMillis[0] += 50);
        for (int s = 1; s < WarmupNarrowing.MAX_NARROW_STEPS; s++) {
            assertThat(threadsOfAStep(warmup)).containsExactly(Thread.currentThread());
        }
        assertThat(warmup.wide()).isFalse();
        threadsOfAStep(warmup);
        assertThat(warmup.wide()).isTrue();
    }

    /** The parameters after four Adam steps of a small network, each step run through {@code warmup}. */
    private static List<float[]> train(WarmupNarrowing warmup) {
        Sequential model = Architecture.build("conv2d(1,4,3,1,1);bn2d(4);relu;maxpool2d(2,2,0);conv2d(4,8,3,1,1);"
                + "bn2d(8);relu;maxpool2d(2,2,0);flatten;linear(72,10)", 3);
        model.train();
        Optimizer opt = Optimizer.named("adam", model.parameters(), 0.01, 0);
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5};
        float[] x = new float[16 * 12 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37);
        }
        for (int s = 0; s < 4; s++) {
            warmup.step(() -> {
                Variable loss = Ops.crossEntropy(model.forward(Variable.constant(Tensor.wrap(x.clone(), 16, 1, 12, 12))), labels);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            });
        }
        List<float[]> values = new ArrayList<>();
        model.parameters().values().forEach(p -> values.add(p.value().data().clone()));
        model.buffers().values().forEach(b -> values.add(b.clone()));
        return values;
    }

    @Test
    void narrowStepsGiveBitwiseTheNumbersOfWideOnes() {
        List<float[]> narrow = train(WarmupNarrowing.watching(() -> 100)); // a constant clock: quiet from step 2
        long[] busy = {0};
        List<float[]> stillNarrow = train(WarmupNarrowing.watching(() -> busy[0] += 100));
        List<float[]> wide = train(WarmupNarrowing.forTraining()); // narrow or not, as this machine decides
        Parallel.setThreads(1);
        List<float[]> oneThread = train(WarmupNarrowing.forTraining());
        for (int i = 0; i < oneThread.size(); i++) {
            assertThat(narrow.get(i)).as("tensor %d", i).containsExactly(oneThread.get(i));
            assertThat(stillNarrow.get(i)).as("tensor %d", i).containsExactly(oneThread.get(i));
            assertThat(wide.get(i)).as("tensor %d", i).containsExactly(oneThread.get(i));
        }
    }
}
