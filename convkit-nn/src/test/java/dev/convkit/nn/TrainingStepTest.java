package dev.convkit.nn;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Arena;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Architecture;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.optim.Optimizer;
import dev.convkit.nn.train.Evaluation;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The training step's storage and threads change no number: steps inside an {@link Arena} give
 * bitwise the parameters of steps outside one, at 1, 2 and 3 threads alike; and a steady step in an
 * arena takes nn's storage from it instead of the heap.
 */
class TrainingStepTest {
    private static final String SPEC = "conv2d(1,4,3,1,1);bn2d(4);relu;maxpool2d(2,2,0);conv2d(4,8,3,1,1);bn2d(8);relu;"
            + "maxpool2d(2,2,0);dropout(0.25);flatten;linear(72,16);elu(1);linear(16,10)";

    private static Tensor images(long seed, int batch, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[batch * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return Tensor.wrap(x, batch, 1, size, size);
    }

    /** The parameters after {@code steps} steps of {@code optimizer}, each step in the arena when one is given. */
    private static List<float[]> train(String optimizer, int steps, Arena arena) {
        Sequential model = Architecture.build(SPEC, 5);
        model.train();
        Optimizer opt = Optimizer.named(optimizer, model.parameters(), 0.01, 0.01);
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5};
        for (int s = 0; s < steps; s++) {
            Arena.Scope scope = arena == null ? () -> { } : arena.step();
            try (scope) {
                Variable loss = Ops.crossEntropy(model.forward(Variable.constant(images(s % 2, 16, 12))), labels);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        }
        List<float[]> values = new ArrayList<>();
        for (Variable p : model.parameters().values()) {
            values.add(p.value().data().clone());
        }
        for (float[] buffer : model.buffers().values()) {
            values.add(buffer.clone());
        }
        return values;
    }

    @Test
    void stepsInAnArenaAndAtAnyThreadCountGiveBitwiseTheSameParameters() {
        int before = Parallel.threads();
        try {
            for (String optimizer : List.of("adam", "adamw", "sgd")) {
                Parallel.setThreads(1);
                List<float[]> expected = train(optimizer, 4, null);
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    List<float[]> actual = train(optimizer, 4, new Arena());
                    for (int i = 0; i < expected.size(); i++) {
                        assertThat(actual.get(i)).as("%s, %d threads, tensor %d", optimizer, threads, i)
                                .containsExactly(expected.get(i));
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aSteadyStepInAnArenaAllocatesAlmostNothing() {
        int before = Parallel.threads();
        Parallel.setThreads(1);
        try {
            Sequential model = Architecture.build("flatten;linear(784,64);relu;dropout(0.5);linear(64,10)", 3);
            Optimizer opt = Optimizer.named("adam", model.parameters(), 1e-3, 0);
            Variable x = Variable.constant(images(1, 32, 28));
            int[] labels = new int[32];
            Arena arena = new Arena();
            long[] perStep = new long[2];
            for (int round = 0; round < 2; round++) {
                boolean inArena = round == 1;
                long end = System.nanoTime() + 30_000_000_000L;
                // in the arena, until a step is steady (C2 compiled; on a loaded machine 20 steps may not be)
                for (int s = 0; s < 20 || (inArena && perStep[1] >= 16_000 && System.nanoTime() < end); s++) {
                    long a0 = allocatedBytes();
                    Arena.Scope scope = inArena ? arena.step() : () -> { };
                    try (scope) {
                        Variable loss = Ops.crossEntropy(model.forward(x), labels);
                        opt.zeroGrad();
                        loss.backward();
                        opt.step();
                    }
                    perStep[round] = allocatedBytes() - a0; // the last, steady step's
                }
            }
            // without the arena the step allocates its activations, gradients and the 200 KB weight gradient
            assertThat(perStep[0]).isGreaterThan(200_000);
            assertThat(perStep[1]).isLessThan(16_000);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aSteadyBatchNormStepInAnArenaAllocatesAlmostNothing() {
        int before = Parallel.threads();
        Parallel.setThreads(1);
        try {
            // 32 images x 8 channels of 12x12 planes: one small object per plane would be 256 per pass
            Sequential model = Architecture.build("bn2d(8);relu;flatten;linear(1152,10)", 3);
            model.train();
            Optimizer opt = Optimizer.named("adam", model.parameters(), 1e-3, 0);
            Tensor images = images(2, 32, 12);
            float[] channels = new float[32 * 8 * 144];
            for (int i = 0; i < channels.length; i++) {
                channels[i] = images.data()[i % images.data().length] * (1 + i % 8);
            }
            Variable x = Variable.constant(Tensor.wrap(channels, 32, 8, 12, 12));
            int[] labels = new int[32];
            Arena arena = new Arena();
            // steady: once C2 has compiled the step (until then vector kernels allocate their vectors, and on a
            // loaded machine 20 steps were not enough: 24.6 MB a step); an arena that leaks never gets there
            long steady = Long.MAX_VALUE;
            long end = System.nanoTime() + 30_000_000_000L;
            for (int s = 0; s < 20 || (steady >= 16_000 && System.nanoTime() < end); s++) {
                long a0 = allocatedBytes();
                try (Arena.Scope scope = arena.step()) {
                    Variable loss = Ops.crossEntropy(model.forward(x), labels);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
                steady = Math.min(steady, allocatedBytes() - a0);
            }
            assertThat(steady).isLessThan(16_000);
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void evaluatingInTheTrainersArenaGivesTheNumbersOfAFreshOne() {
        Sequential model = Architecture.build(SPEC, 5);
        byte[] pixels = new byte[40 * 12 * 12];
        byte[] classes = new byte[40];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (byte) random.nextInt(10);
        }
        Dataset data = new Dataset(pixels, classes, 40, 12, 12);
        Evaluation fresh = Evaluation.of(model, data, 16, 10);
        Arena arena = new Arena();
        model.eval(); // a forward and backward that leave the parameters and statistics as they are
        try (Arena.Scope scope = arena.step()) { // the trainer's last step leaves its arrays in the arena
            Ops.crossEntropy(model.forward(Variable.constant(images(1, 16, 12))), new int[16]).backward();
        }
        model.train();
        Evaluation reused = Evaluation.of(model, data, 16, 10, arena);
        assertThat(reused.accuracy()).isEqualTo(fresh.accuracy());
        assertThat(reused.loss()).isEqualTo(fresh.loss());
        assertThat(reused.confusion()).isDeepEqualTo(fresh.confusion());
        assertThat(model.training()).as("the training flag is restored").isTrue();
        assertThatThrownBy(() -> Evaluation.of(model, data, 0, 10, arena)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("batch");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
