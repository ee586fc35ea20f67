package dev.convkit.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The mains end to end on a small IDX folder, Predict's accuracy against `convkit evaluate`, and bad input as one line and exit 2. */
class MainsTest {
    record Run(int code, String out, String err) {
    }

    interface Main {
        int execute(String[] args, PrintWriter out, PrintWriter err);
    }

    static Run run(Main main, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** An MNIST-style folder of gzipped IDX files holding the examples. */
    static void writeIdx(Path dir, String prefix, List<Example> examples) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream img = new DataOutputStream(gz(dir.resolve(prefix + "-images-idx3-ubyte.gz")));
             DataOutputStream lab = new DataOutputStream(gz(dir.resolve(prefix + "-labels-idx1-ubyte.gz")))) {
            img.writeInt(0x803);
            img.writeInt(examples.size());
            img.writeInt(28);
            img.writeInt(28);
            lab.writeInt(0x801);
            lab.writeInt(examples.size());
            for (Example e : examples) {
                img.write(e.pixels());
                lab.write(e.label());
            }
        }
    }

    private static OutputStream gz(Path p) throws IOException {
        return new GZIPOutputStream(Files.newOutputStream(p));
    }

    @org.junit.jupiter.api.BeforeAll
    static void spark() {
        LocalSpark.session(); // the mains then run in the tests' session instead of starting (and stopping) their own
    }

    @Test
    void trainThenPredictToParquetWithTheAccuracyOfConvkitEvaluate(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        writeIdx(data, "train", LocalSpark.examples(256, 61));
        writeIdx(data, "t10k", LocalSpark.examples(300, 62));
        Run train = run(Train::execute, "--master", "local[2]", "--data", data.toString(), "--model", "tiny", "--epochs", "2",
                "--batch", "32", "--lr", "0.005", "--partitions", "2", "--out", dir.resolve("run").toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("after 2 epochs");
        assertThat(train.err()).contains("epoch 2: train loss");
        Path model = dir.resolve("run").resolve("model.safetensors");

        Run predict = run(Predict::execute, "--master", "local[2]", "--model", model.toString(), "--idx", data.toString(),
                "--out", dir.resolve("p.parquet").toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        Matcher ours = Pattern.compile("accuracy (\\d\\.\\d{4}) \\((\\d+) of 300 images\\)").matcher(predict.out());
        assertThat(ours.find()).as(predict.out()).isTrue();

        ByteArrayOutputStream evaluateOut = new ByteArrayOutputStream();
        StringWriter evaluateErr = new StringWriter();
        int code = dev.convkit.cli.Main.execute(new String[] {"evaluate", "--model", model.toString(), "--data", data.toString()},
                new PrintWriter(evaluateOut, true), new PrintWriter(evaluateErr));
        assertThat(code).as(evaluateErr.toString()).isZero();
        Matcher theirs = Pattern.compile("test accuracy (\\d\\.\\d{4}) \\(300 images\\)").matcher(evaluateOut.toString());
        assertThat(theirs.find()).as(evaluateOut.toString()).isTrue();
        assertThat(ours.group(1)).isEqualTo(theirs.group(1));
        assertThat(Double.parseDouble(ours.group(1))).isGreaterThan(0.3);

        var table = LocalSpark.session().read().parquet(dir.resolve("p.parquet").toString());
        assertThat(table.columns()).containsExactly("id", "label", "prediction", "class", "probability");
        assertThat(table.count()).isEqualTo(300);

        // the same folder again without --overwrite: refused, nothing replaced
        Run again = run(Predict::execute, "--master", "local[2]", "--model", model.toString(), "--idx", data.toString(),
                "--out", dir.resolve("p.parquet").toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err().strip()).isEqualTo("convkit-spark-predict: --out " + dir.resolve("p.parquet")
                + " exists (pass --overwrite to replace it)");
    }

    @Test
    void badInputIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        writeIdx(data, "train", LocalSpark.examples(8, 1));
        writeIdx(data, "t10k", LocalSpark.examples(8, 2));
        String[][] trainCases = {
            {"--data", dir.resolve("nowhere").toString()},
            {"--data", data.toString(), "--epochs", "0"},
            {"--data", data.toString(), "--partitions", "0"},
            {"--data", data.toString(), "--average-every", "-1"},
            {"--data", data.toString(), "--reduce", "ring"},
            {"--data", data.toString(), "--model", "resnet"},
            {"--data", data.toString(), "--format", "csv"},
            {"--data", data.toString(), "--epochs", "x"},
            {"--data", data.toString(), "--out", dir.resolve("fresh").toString(), "--resume"},
        };
        for (String[] args : trainCases) {
            Run r = run(Train::execute, args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("convkit-spark-train: ").doesNotContain("\tat ");
            assertThat(r.err().lines().filter(l -> !l.startsWith("Try ")).count()).as(r.err()).isEqualTo(1);
        }
        Files.writeString(dir.resolve("model.safetensors"), "not a model");
        String[][] predictCases = {
            {"--model", dir.resolve("missing.safetensors").toString(), "--idx", data.toString(), "--out", dir.resolve("o").toString()},
            {"--model", dir.resolve("model.safetensors").toString(), "--idx", data.toString(), "--out", dir.resolve("o").toString()},
            {"--model", dir.resolve("model.safetensors").toString(), "--out", dir.resolve("o").toString()},
        };
        for (String[] args : predictCases) {
            Run r = run(Predict::execute, args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("convkit-spark-predict: ");
        }
    }
}
