package dev.convkit.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.cli.CliRun;
import dev.convkit.cli.io.TensorJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** compute answers bad input per case and keeps going; unreadable files are one line and exit 2. */
class ComputeCommandTest {
    @TempDir
    Path temp;

    private static final String GOOD = "{\"id\": \"good\", \"op\": \"conv2d\", \"params\": {}, \"inputs\": {"
            + "\"input\": {\"shape\": [1, 1, 2, 2], \"data\": [1, 2, 3, NaN]},"
            + "\"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [2]}, \"bias\": null},"
            + "\"grad_output\": {\"shape\": [1, 1, 2, 2], \"data\": [1, 1, 1, 1]}}";

    private Map<String, JsonNode> compute(String... cases) throws IOException {
        Path file = temp.resolve("cases.json");
        Files.writeString(file, "{\"format\": \"convkit-cases/1\", \"cases\": [" + String.join(",\n", cases) + "]}");
        Path out = temp.resolve("out.json");
        CliRun run = CliRun.of("compute", file.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, JsonNode> byId = new HashMap<>();
        TensorJson.MAPPER.readTree(out.toFile()).get("results").forEach(r -> byId.put(r.get("id").asText(), r));
        return byId;
    }

    @Test
    void aGoodCaseIsAnsweredWithNaNAsABareTokenAndNoBiasGradient() throws IOException {
        JsonNode result = compute(GOOD).get("good");
        JsonNode data = result.get("output").get("data");
        assertThat(data.get(0).doubleValue()).isEqualTo(2.0);
        assertThat(data.get(2).doubleValue()).isEqualTo(6.0);
        assertThat(data.get(3).isNumber()).isTrue();
        assertThat(Double.isNaN(data.get(3).doubleValue())).isTrue();
        assertThat(result.get("grad").has("bias")).isFalse();
        assertThat(Double.isNaN(result.get("grad").get("weight").get("data").get(0).doubleValue())).isTrue();
        String raw = Files.readString(temp.resolve("out.json"));
        assertThat(raw).contains("NaN").doesNotContain("\"NaN\"");
    }

    @Test
    void badCasesGetTheirOwnErrorAndTheOthersStillRun() throws IOException {
        Map<String, JsonNode> results = compute(
                GOOD,
                "{\"id\": \"ragged\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"shape\": [1, 1, 2, 2], \"data\": [1, 2, 3]},"
                        + " \"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [2]}}}",
                "{\"id\": \"not-a-number\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"shape\": [1, 1, 1, 1], \"data\": [\"x\"]},"
                        + " \"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [2]}}}",
                "{\"id\": \"wrong-shape\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3, 4]},"
                        + " \"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [2]}}}",
                "{\"id\": \"unknown-op\", \"op\": \"conv4d\", \"inputs\": {}}",
                "{\"id\": \"negative-stride\", \"op\": \"max_pool2d\", \"params\": {\"kernel_size\": 2, \"stride\": -1},"
                        + " \"inputs\": {\"input\": {\"shape\": [1, 1, 4, 4], \"data\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}}}",
                "{\"id\": \"unknown-param\", \"op\": \"avg_pool2d\", \"params\": {\"kernel_size\": 2, \"dilation\": 2},"
                        + " \"inputs\": {\"input\": {\"shape\": [1, 1, 2, 2], \"data\": [1, 2, 3, 4]}}}",
                "{\"id\": \"huge\", \"op\": \"adaptive_avg_pool2d\", \"params\": {\"output_size\": [100000, 100000]},"
                        + " \"inputs\": {\"input\": {\"shape\": [1, 1, 1, 1], \"data\": [1]}}}",
                "{\"op\": \"conv2d\"}",
                "[1, 2]");
        assertThat(results).hasSize(10);
        assertThat(results.get("good").has("output")).isTrue();
        assertThat(results.get("ragged").get("error").asText()).contains("inputs.input: shape [1, 1, 2, 2] needs 4 values, data has 3");
        assertThat(results.get("not-a-number").get("error").asText()).contains("data must hold numbers");
        assertThat(results.get("wrong-shape").get("error").asText()).contains("expected a 3-D (unbatched) or 4-D (batched) input");
        assertThat(results.get("unknown-op").get("error").asText()).startsWith("unknown op 'conv4d'");
        assertThat(results.get("negative-stride").get("error").asText()).contains("stride must be positive, got stride=[-1, -1]");
        assertThat(results.get("unknown-param").get("error").asText()).contains("unknown parameter 'dilation'");
        assertThat(results.get("huge").get("error").asText()).contains("above the limit");
        assertThat(results.get("case[8]").get("error").asText()).contains("inputs");
        assertThat(results.get("case[9]").get("error").asText()).contains("must be a JSON object");
        results.values().forEach(r -> assertThat(r.get("error") == null || !r.get("error").asText().startsWith("internal"))
                .as(r.toString()).isTrue());
    }

    @Test
    void theSizeLimitIsConfigurable() throws IOException {
        Path file = temp.resolve("cases.json");
        Files.writeString(file, "{\"cases\": [" + GOOD + "]}");
        Path out = temp.resolve("limited.json");
        CliRun run = CliRun.of("compute", file.toString(), "--out", out.toString(), "--max-elements", "3");
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(out)).contains("above the limit of 3");
        CliRun.of("compute", file.toString(), "--out", out.toString());
    }

    @Test
    void unreadableOrMalformedFilesAreOneLineAndExitTwo() throws IOException {
        CliRun missing = CliRun.of("compute", temp.resolve("missing.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).contains("missing.json: cannot read: no such file").doesNotContain("\n").doesNotContain("Exception");

        Path broken = temp.resolve("broken.json");
        Files.writeString(broken, "{\"cases\": [{\"id\": \"a\", ");
        CliRun malformed = CliRun.of("compute", broken.toString(), "--out", temp.resolve("never.json").toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err().strip()).startsWith("convkit: ").contains("broken.json: malformed JSON at line 1").doesNotContain("\n");
        assertThat(temp.resolve("never.json")).doesNotExist();
        try (var listing = Files.list(temp)) {
            assertThat(listing.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }

        Path notCases = temp.resolve("list.json");
        Files.writeString(notCases, "[1, 2]");
        CliRun wrong = CliRun.of("compute", notCases.toString());
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("not a cases file");

        CliRun option = CliRun.of("compute", "--bogus", "x.json");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).isEqualTo("convkit: unknown option '--bogus' (convkit compute --help lists the options)"
                + System.lineSeparator());
    }

    @Test
    void anExistingOutputIsReplacedOnlyWhenTheRunSucceeds() throws IOException {
        Path out = temp.resolve("keep.json");
        Files.writeString(out, "previous");
        Path broken = temp.resolve("broken.json");
        Files.writeString(broken, "{\"cases\": [");
        assertThat(CliRun.of("compute", broken.toString(), "--out", out.toString()).exitCode()).isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo("previous");
    }
}
