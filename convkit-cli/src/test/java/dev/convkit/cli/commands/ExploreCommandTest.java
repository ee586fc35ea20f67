package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code convkit explore}: its help, and bad options as one line with exit code 2 (the server itself is tested in convkit-explore). */
class ExploreCommandTest {
    @Test
    void helpShowsUsageAndTheExercise() {
        CliRun run = CliRun.of("explore", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: convkit explore").contains("--no-open").contains("--host").contains("exercise");
    }

    @Test
    void aPortOutOfRangeIsOneLine() {
        CliRun run = CliRun.of("explore", "--port", "70000", "--no-open");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("convkit: --port must be between 0 and 65535, got 70000");
    }

    @Test
    void anUnknownHostIsOneLine() {
        CliRun run = CliRun.of("explore", "--host", "no.such.host.invalid", "--port", "0", "--no-open");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("convkit: cannot resolve host 'no.such.host.invalid'");
    }

    @Test
    void theNamedKernelsReachTheExplorer() {
        assertThat(ExploreCommand.namedKernels().keySet())
                .containsExactly("identity", "box", "gaussian", "sharpen", "sobel-x", "sobel-y", "laplacian", "emboss");
        assertThat(ExploreCommand.namedKernels().get("laplacian")[1]).containsExactly(1, -4, 1);
    }
}
