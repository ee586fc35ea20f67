package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleCommandTest {
    @Test
    void printsTheExerciseRows() {
        CliRun run = CliRun.of("example");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        String out = run.out();
        assertThat(out).containsPattern("= floor\\(2 / 1\\) \\+ 1 = 3");
        for (String row : new String[] {"109 +92 +72", "108 +85 +74", "110 +74 +79",
                "\\n *4 +7 +10 +6 +3\\n", "\\n *9 +17 +25 +16 +8\\n", "\\n *11 +23 +34 +23 +11\\n",
                "\\n *7 +16 +24 +17 +8\\n", "\\n *2 +6 +9 +7 +3\\n", "\\n *109 +92\\n *110 +85\\n",
                "\\n *30 +24 +19\\n"}) {
            assertThat(out).containsPattern(row);
        }
        // the five pooling types on C, each with its formula
        assertThat(out).contains("max:", "average:", "LP, p = 1:", "LP, p = 2:", "LP, p = inf:",
                "adaptive average to 2x2:", "fractional max, seed");
        assertThat(out).containsPattern("\\n *98.5 +80.75\\n *94.25 +78\\n");
        assertThat(out).containsPattern("\\n *394 +323\\n *377 +312\\n");
    }

    @Test
    void helpShowsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("example", "compute");
    }
}
