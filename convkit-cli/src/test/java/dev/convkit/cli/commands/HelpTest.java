package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every subcommand has --help, with an example taken from the course exercise. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"example", "shape", "conv", "pool", "compute", "bench", "train", "evaluate", "predict"})
    void helpShowsUsageAndAnExerciseExample(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: convkit " + command);
        assertThat(run.out()).containsAnyOf("exercise", "Exercise");
    }
}
