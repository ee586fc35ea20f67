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

    /** Runs compute on {@code text} with stdout captured (compute writes results to the process's stdout). */
    private static String[] computeToStdout(Path file, String text) throws IOException {
        Files.writeString(file, text);
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        CliRun run;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            run = CliRun.of("compute", file.toString());
        } finally {
            System.setOut(original);
        }
        return new String[] {Integer.toString(run.exitCode()), captured.toString(java.nio.charset.StandardCharsets.UTF_8),
            run.err()};
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = TensorJson.MAPPER.copy()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void aFileThatBreaksAfterSomeAnswersLeavesNoCompleteDocumentOnStdout() throws IOException {
        String whole = "{\"cases\": [" + GOOD.replace("\"good\"", "\"one\"") + ",\n" + GOOD.replace("\"good\"", "\"two\"")
                + ",\n" + GOOD.replace("\"good\"", "\"three\"") + "]}";
        String[] complete = computeToStdout(temp.resolve("whole.json"), whole);
        assertThat(complete[0]).isEqualTo("0");
        assertThat(STRICT.readTree(complete[1]).get("results")).hasSize(3);
        // cut inside the third case: two answers were written before the file turned out truncated
        String truncated = whole.substring(0, whole.indexOf("\"three\"") + 10);
        String[] run = computeToStdout(temp.resolve("truncated.json"), truncated);
        assertThat(run[0]).isEqualTo("2");
        assertThat(run[2].strip()).startsWith("convkit: ").contains("truncated.json: malformed JSON at line 3").doesNotContain("\n");
        assertThat(run[1]).contains("\"id\":\"one\"").contains("\"id\":\"two\"").contains("\"error\":\"")
                .contains("malformed JSON").doesNotContain("\"three\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRICT.readTree(run[1]))
                .as("the partial output must not parse as a complete document").isInstanceOf(IOException.class);
        assertThat(run[1].stripTrailing()).doesNotEndWith("}");

        // trailing content after the object is found after every case was answered: the same ending
        String[] trailing = computeToStdout(temp.resolve("trailing.json"), whole + "\n{\"cases\": []}");
        assertThat(trailing[0]).isEqualTo("2");
        assertThat(trailing[2]).contains("trailing content after the cases object at line 4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> STRICT.readTree(trailing[1])).isInstanceOf(IOException.class);
        String[] garbage = computeToStdout(temp.resolve("garbage.json"), whole + " xyz");
        assertThat(garbage[0]).isEqualTo("2");
        assertThat(garbage[2].strip()).contains("garbage.json: malformed JSON").doesNotContain("\n");
    }

    @Test
    void brokenJsonLimitsAreOneLineAndExitTwo() throws IOException {
        String deep = "{\"cases\": [" + "[".repeat(2000) + "]".repeat(2000) + "]}";
        String longNumber = "{\"cases\": [{\"id\": \"n\", \"op\": \"conv2d\", \"params\": {\"stride\": " + "9".repeat(1500) + "}}]}";
        String longString = "{\"cases\": [{\"id\": \"" + "s".repeat((1 << 20) + 10) + "\"}]}";
        for (String[] c : new String[][] {{"deep", deep, "nesting depth"}, {"number", longNumber, "Number value length"},
            {"string", longString, "String value length"}}) {
            String[] run = computeToStdout(temp.resolve(c[0] + ".json"), c[1]);
            assertThat(run[0]).as(c[0] + ": " + run[2]).isEqualTo("2");
            assertThat(run[2].strip()).as(c[0]).startsWith("convkit: " + temp.resolve(c[0] + ".json") + ": malformed JSON at line 1")
                    .containsIgnoringCase(c[2]).doesNotContain("\n").doesNotContain("internal error")
                    .doesNotContain("StreamReadConstraints");
        }
        // the limits are the documented ones, set explicitly from the size limit
        var constraints = TensorJson.constraints(1L << 28);
        assertThat(constraints.getMaxNestingDepth()).isEqualTo(64);
        assertThat(constraints.getMaxNumberLength()).isEqualTo(1000);
        assertThat(constraints.getMaxStringLength()).isEqualTo(1 << 20);
        assertThat(constraints.getMaxDocumentLength()).isEqualTo(64L * (1L << 28) + (64L << 20));
        assertThat(TensorJson.constraints(Long.MAX_VALUE / 2).getMaxDocumentLength()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shapesAreCheckedBeforeDataIsStoredAndExpectIsNotRead() throws IOException {
        // a declared shape far above the limit and a data list far longer than the shape: both answered at once,
        // with the values counted but never stored; "expect" may hold anything; data may come before shape
        StringBuilder longData = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            longData.append(i == 0 ? "1" : ",1");
        }
        Map<String, JsonNode> results = compute(
                "{\"id\": \"huge-shape\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"shape\": [100000, 100000, 100000, 1],"
                        + " \"data\": [1, 2]}, \"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [2]}}}",
                "{\"id\": \"long-data\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"shape\": [1, 1, 1, 2], \"data\": ["
                        + longData + "]}, \"weight\": {\"shape\": [1, 1, 1, 1], \"data\": [2]}}}",
                "{\"id\": \"data-first\", \"op\": \"conv2d\", \"inputs\": {\"input\": {\"data\": [1, 2, 3, 4], \"shape\": [1, 1, 2, 2]},"
                        + " \"weight\": {\"data\": [2], \"shape\": [1, 1, 1, 1]}}, \"expect\": {\"anything\": [[[{\"x\": NaN}]]]}}",
                "{\"id\": \"indices\", \"op\": \"max_unpool1d\", \"params\": {\"kernel_size\": 2}, \"inputs\": {"
                        + "\"input\": {\"shape\": [1, 1, 2], \"data\": [5, 6]}, \"indices\": {\"shape\": [1, 1, 2], \"data\": [1, 2.5]}}}",
                "{\"id\": \"big-params\", \"op\": \"max_pool1d\", \"params\": {\"kernel_size\": [" + longData.substring(0, 19_999)
                        + "]}, \"inputs\": {\"input\": {\"shape\": [1, 1, 2], \"data\": [5, 6]}}}");
        assertThat(results.get("huge-shape").get("error").asText())
                .isEqualTo("inputs.input: shape [100000, 100000, 100000, 1] has 1000000000000000 elements, at or above the limit of "
                        + dev.convkit.core.tensor.Shape.maxElements() + " (--max-elements)");
        assertThat(results.get("long-data").get("error").asText()).isEqualTo("inputs.input: shape [1, 1, 1, 2] needs 2 values, data has 300000");
        assertThat(results.get("data-first").get("output").get("data").toString()).isEqualTo("[2.0,4.0,6.0,8.0]");
        assertThat(results.get("indices").get("error").asText()).isEqualTo("inputs.indices: data[1] must be an integer index, got 2.5");
        assertThat(results.get("big-params").get("error").asText()).isEqualTo("max_pool1d: params hold more than 4096 values");
    }

    @Test
    void outputFilesAreReadableByEveryone() throws IOException {
        Path file = temp.resolve("cases.json");
        Files.writeString(file, "{\"cases\": [" + GOOD + "]}");
        Path out = temp.resolve("sub/dir/results.json");
        // a temporary file left by a killed run (its process is gone) is cleaned on the next write
        Files.createDirectories(out.getParent());
        Path stale = out.getParent().resolve(dev.convkit.core.io.AtomicFiles.TEMP_PREFIX + "999999999.results.json.x1.tmp");
        Files.writeString(stale, "half");
        assertThat(CliRun.of("compute", file.toString(), "--out", out.toString()).exitCode()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
        assertThat(stale).doesNotExist();
        try (var listing = Files.list(out.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("results.json");
        }
        CliRun directory = CliRun.of("compute", file.toString(), "--out", temp.toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err().strip()).isEqualTo("convkit: cannot write " + temp + ": is a directory");
    }
}
