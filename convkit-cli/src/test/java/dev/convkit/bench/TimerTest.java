package dev.convkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bench's warm-up does not end while the JIT is still finishing compiles. */
class TimerTest {
    /** A call of a steady 0.2 ms, so that the speed settles at once and only the JIT's clock can prolong the warm-up. */
    private static void steadyCall() {
        long end = System.nanoTime() + 200_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void theWarmUpLastsUntilTheJitHasFinishedNoCompileForTwoBatches() {
        AtomicLong reads = new AtomicLong();
        int compilingReads = 6;
        // the JIT finishes a compile between each of the first reads, then goes quiet
        Timer.measure(TimerTest::steadyCall, 0.2, 0.02, 5, () -> Math.min(reads.incrementAndGet(), compilingReads));
        // read once before the first batch and once after each: quiet only from read compilingReads + 1 on
        assertThat(reads.get()).isGreaterThanOrEqualTo(compilingReads + Timer.QUIET_BATCHES);
    }

    @Test
    void aJitThatNeverGoesQuietEndsTheWarmUpAtItsLimit() {
        AtomicLong clock = new AtomicLong();
        long start = System.nanoTime();
        Timer.measure(TimerTest::steadyCall, 0.02, 0.02, 5, clock::incrementAndGet);
        // five warm-up periods: 0.1 s at least, however fast the machine
        assertThat((System.nanoTime() - start) / 1e9).isGreaterThanOrEqualTo(0.1);
    }

    @Test
    void theJavadocExampleRuns() {
        Timer.Measurement m = Timer.measure(() -> Math.sqrt(2), 0.02, 0.02, 5, () -> 0L);
        assertThat(m.medianMs()).isGreaterThanOrEqualTo(0);
    }
}
