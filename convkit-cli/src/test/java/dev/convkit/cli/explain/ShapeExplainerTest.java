package dev.convkit.cli.explain;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code convkit shape} is exact for any int parameters, arithmetic for huge sizes, and checks what the ops check. */
class ShapeExplainerTest {
    @Test
    void hugePaddingIsExactInLongArithmetic() {
        CliRun run = CliRun.of("shape", "conv", "--input", "5", "--kernel", "3", "--padding", "1500000000");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("output size: 3000000003");
    }

    @Test
    void hugeTransposedStrideIsNotClamped() {
        CliRun run = CliRun.of("shape", "conv-transpose", "--input", "3", "--kernel", "3", "--stride", "2000000000");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("output size: 4000000003");
    }

    @Test
    void aHugeInputIsArithmeticNotAllocation() {
        CliRun run = CliRun.of("shape", "conv", "--input", "100000001", "--kernel", "1", "--stride", "3");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("output size: 33333334")
                .contains("the floor drops a remainder of 1: input positions [100000000] (0-based) are never read")
                .contains("between windows, input positions that no tap o*3 - 0 + j*1 (j < 1) lands on are never read");
    }

    @Test
    void unreadPositionsAreListedAsRanges() {
        CliRun run = CliRun.of("shape", "conv", "--input", "100", "--kernel", "2", "--stride", "40");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("input positions [2..39, 42..79] (76 in all) (0-based) are never read")
                .contains("input positions [82..99] (18 in all) (0-based) are never read,");
    }

    @Test
    void shapeRejectsTheDilatedPoolThatPoolRejects() {
        CliRun shape = CliRun.of("shape", "pool", "--input", "2", "--kernel", "2", "--dilation", "3", "--padding", "1");
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.err()).contains("window 0 of spatial dimension 0 reads no input element");
    }
}
