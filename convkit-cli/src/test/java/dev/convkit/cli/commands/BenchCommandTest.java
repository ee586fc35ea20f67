package dev.convkit.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad suite file is one line and exit 2, naming the shape and the field; --train reports every layer. */
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

    @Test
    void theReportSaysWhereTheResultArraysCameFrom() throws IOException {
        Path suite = temp.resolve("pools.json");
        Files.writeString(suite, "{\"conv2d\": [], \"pool2d\": [{\"id\": \"m\", \"op\": \"max_pool2d\", \"N\": 2, "
                + "\"C\": 3, \"H\": 9, \"W\": 9, \"kernel_size\": 2}]}");
        for (boolean fresh : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("bench", "--suite", suite.toString(), "--ops", "pool", "--quick",
                    "--threads", "1", "--json"));
            if (fresh) {
                args.add("--fresh-arrays");
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode report = new ObjectMapper().readTree(run.out());
            assertThat(report.get("machine").get("result_arrays").asText()).isEqualTo(fresh ? "fresh" : "recycled");
            assertThat(report.get("results").get(0).get("bwd_ms").asDouble()).isGreaterThan(0);
        }
    }

    @Test
    void theTrainingStepReportNamesEveryLayerAndTheStepsHeap() throws IOException {
        CliRun run = CliRun.of("bench", "--train", "--model", "tiny", "--batch", "8", "--quick", "--threads", "1", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        List<String> layers = new ArrayList<>();
        report.get("layers").forEach(layer -> layers.add(layer.get("layer").asText()));
        assertThat(report.get("layers").get(0).get("backward_ms").asDouble()).isGreaterThan(0);
        assertThat(layers).containsExactly("0 conv2d(1,4,3,1,1)", "1 relu", "2 maxpool2d(2,2,0)", "3 flatten",
                "4 linear(784,10)");
        assertThat(report.get("step_ms").asDouble()).isGreaterThan(0);
        assertThat(report.get("step_cpu_ms").asDouble()).isGreaterThan(0); // thread CPU: the measure on a shared machine
        assertThat(report.get("layers").get(0).get("backward_cpu_ms").asDouble()).isGreaterThan(0);
        assertThat(report.get("allocated_bytes_per_step").asLong()).isGreaterThan(0);
        assertThat(report.get("batch").asInt()).isEqualTo(8);
    }

    @Test
    void aBadTrainingBenchSettingIsAOneLineError() {
        CliRun model = CliRun.of("bench", "--train", "--model", "nosuch", "--quick", "--threads", "1");
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err().lines()).hasSize(1).first().asString().contains("unknown model 'nosuch'");
        CliRun batch = CliRun.of("bench", "--train", "--batch", "0", "--quick", "--threads", "1");
        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.err().lines()).hasSize(1).first().asString().contains("--batch must be at least 1, got 0");
    }
}
