package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad suite file is one line and exit 2, naming the shape and the field. */
class BenchCommandTest {
    @TempDir
    Path temp;

    private CliRun bench(String shape) throws IOException {
        Path suite = temp.resolve("suite.json");
        Files.writeString(suite, "{\"conv2d\": [" + shape + "], \"pool2d\": []}");
        return CliRun.of("bench", "--suite", suite.toString(), "--ops", "conv", "--quick", "--threads", "1");
    }

    @Test
    void zeroGroupsIsAOneLineError() throws IOException {
        CliRun run = bench("{\"id\": \"g0\", \"N\": 1, \"Cin\": 4, \"H\": 8, \"W\": 8, \"Cout\": 4, \"K\": 3, "
                + "\"stride\": 1, \"padding\": 1, \"groups\": 0}");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("convkit: suite shape g0: \"groups\" must be at least 1, got 0");
    }

    @Test
    void aZeroSizedDimensionIsAOneLineError() throws IOException {
        CliRun run = bench("{\"id\": \"empty\", \"N\": 0, \"Cin\": 4, \"H\": 8, \"W\": 8, \"Cout\": 4, \"K\": 3, "
                + "\"stride\": 1, \"padding\": 1}");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("\"N\" must be at least 1");
    }
}
