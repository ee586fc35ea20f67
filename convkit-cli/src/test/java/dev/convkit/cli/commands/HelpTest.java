package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import dev.convkit.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every subcommand has --help, with an example taken from the course exercise; the help itself reads whole. */
class HelpTest {
    static final List<String> COMMANDS = List.of("example", "shape", "conv", "pool", "compute", "bench", "train", "evaluate", "predict",
            "export", "import");

    @ParameterizedTest
    @ValueSource(strings = {"example", "shape", "conv", "pool", "compute", "bench", "train", "evaluate", "predict"})
    void helpShowsUsageAndAnExerciseExample(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: convkit " + command);
        assertThat(run.out()).containsAnyOf("exercise", "Exercise");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example", "shape", "conv", "pool", "compute", "bench", "train", "evaluate", "predict"})
    void examplesKeepTheirCommentsOnOneLine(String command) {
        String help = CliRun.of(command, "--help").out();
        CommandLine.Model.CommandSpec spec = new CommandLine(new Main()).getSubcommands().get(command).getCommandSpec();
        String[] description = spec.usageMessage().description();
        long examples = Arrays.stream(description).filter(line -> line.contains("  # ") || line.contains(" # ")).count();
        for (String line : description) {
            if (line.contains(" # ")) {
                assertThat(help.lines()).as("the example line '%s' of %s --help", line, command).contains(line);
            }
        }
        if (List.of("conv", "pool", "shape").contains(command)) {
            assertThat(examples).as("commented examples in %s --help", command).isPositive();
        }
    }

    @Test
    void theCommandListShowsWholeOneLineSummaries() {
        String help = CliRun.of("--help").out();
        for (String command : COMMANDS) {
            String line = help.lines().filter(l -> l.startsWith("  " + command + " ")).findFirst().orElseThrow();
            assertThat(line).as("summary of %s", command).endsWith(".");
            int index = help.lines().toList().indexOf(line);
            String next = help.lines().toList().get(index + 1);
            assertThat(next).as("the line after %s's summary starts another command", command).matches("  [a-z]+ .*");
        }
    }

    @Test
    void versionIsTheProjectVersionFromTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow()).matches("convkit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void typosGetSuggestionsOnOneLine() {
        CliRun option = CliRun.of("conv", "--input", "A.txt", "--kernel", "K.txt", "--strid", "2");
        assertThat(option.err()).isEqualTo("convkit: unknown option '--strid'; did you mean --stride? "
                + "(convkit conv --help lists the options)" + System.lineSeparator());
        CliRun command = CliRun.of("covn");
        assertThat(command.err()).startsWith("convkit: unknown command 'covn'; did you mean conv");
        assertThat(command.exitCode()).isEqualTo(2);
    }
}
