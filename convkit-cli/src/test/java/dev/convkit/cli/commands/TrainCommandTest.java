package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** train, evaluate and predict end to end on a small synthetic MNIST-style folder. */
class TrainCommandTest {
    @TempDir
    Path dir;

    /** n 28x28 images whose label is the row of a bright bar, so a tiny model can learn it. */
    private static void writeData(Path dir, String split, int n) throws IOException {
        Random r = new Random(split.hashCode());
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream im = new DataOutputStream(images);
        DataOutputStream lb = new DataOutputStream(labels);
        im.writeInt(0x0803);
        im.writeInt(n);
        im.writeInt(28);
        im.writeInt(28);
        lb.writeInt(0x0801);
        lb.writeInt(n);
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(10);
            lb.writeByte(label);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean bar = y >= 2 + 2 * label && y < 4 + 2 * label;
                    im.writeByte(bar ? 200 + r.nextInt(50) : r.nextInt(30));
                }
            }
        }
        Files.write(dir.resolve(split + "-images-idx3-ubyte"), images.toByteArray());
        Files.write(dir.resolve(split + "-labels-idx1-ubyte"), labels.toByteArray());
    }

    @Test
    void trainEvaluatePredict() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        writeData(data, "train", 640);
        writeData(data, "t10k", 200);
        Path out = dir.resolve("run");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--model", "tiny", "--epochs", "2", "--batch", "32",
                "--lr", "0.01", "--threads", "1", "--out", out.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        Matcher m = Pattern.compile("test accuracy ([0-9.]+) after 2 epochs").matcher(train.out());
        assertThat(m.find()).as(train.out()).isTrue();
        double accuracy = Double.parseDouble(m.group(1));
        assertThat(accuracy).isGreaterThan(0.5);
        for (String f : new String[] {"model.safetensors", "checkpoint.safetensors", "train_log.csv", "curves.png", "filters.png"}) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(out.resolve("train_log.csv"))).hasSize(3);
        assertThat(ImageIO.read(out.resolve("curves.png").toFile()).getWidth()).isGreaterThan(500);

        CliRun eval = CliRun.of("evaluate", "--model", out.resolve("model.safetensors").toString(), "--data", data.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains(String.format("test accuracy %.4f", accuracy)).contains("confusion matrix");

        Path text = dir.resolve("bar.txt");
        StringBuilder rows = new StringBuilder();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                rows.append(y >= 8 && y < 10 ? "230 " : "5 ");
            }
            rows.append('\n');
        }
        Files.writeString(text, rows);
        CliRun predict = CliRun.of("predict", "--model", out.resolve("model.safetensors").toString(), text.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).contains("bar.txt: ").contains("0:");
    }

    @Test
    void missingDataExplainsWhereToGetIt() {
        CliRun run = CliRun.of("train", "--data", dir.resolve("nothing").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--data").contains("not a folder");
        CliRun eval = CliRun.of("evaluate", "--model", dir.resolve("none.safetensors").toString(), "--data", dir.toString());
        assertThat(eval.exitCode()).isEqualTo(2);
        assertThat(eval.err()).contains("no such file");
    }
}
