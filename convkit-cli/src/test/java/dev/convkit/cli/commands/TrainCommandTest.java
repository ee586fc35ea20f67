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
import java.util.ArrayList;
import java.util.List;
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
        // the bar in rows 8-9 is class 3 (rows 2 + 2 * label): the prediction and its probability must say so
        Matcher line = Pattern.compile("bar\\.txt: (\\d) (\\S+) \\(p=([0-9.]+)\\) \\|((?: \\d:[0-9.]+){10})").matcher(predict.out());
        assertThat(line.find()).as(predict.out()).isTrue();
        assertThat(line.group(1)).isEqualTo("3");
        assertThat(line.group(2)).isEqualTo("Dress");
        double best = Double.parseDouble(line.group(3));
        double sum = 0;
        for (String entry : line.group(4).trim().split(" ")) {
            double p = Double.parseDouble(entry.substring(2));
            assertThat(p).as(entry).isLessThanOrEqualTo(best);
            sum += p;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        for (String f : new String[] {"model.safetensors", "checkpoint.safetensors", "train_log.csv", "curves.png", "filters.png"}) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))))
                    .as(f).isEqualTo("rw-r--r--");
        }
    }

    private Path smallData() throws IOException {
        Path data = dir.resolve("data");
        if (!Files.isDirectory(data)) {
            Files.createDirectories(data);
            writeData(data, "train", 96);
            writeData(data, "t10k", 32);
        }
        return data;
    }

    private static void assertOneLineError(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("convkit: ").doesNotContain("\n").doesNotContain("internal error")
                .doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(run.err()).contains(f);
        }
    }

    /** train on the small data with a tiny model for one epoch; {@code more} adds or overrides options. */
    private CliRun train(Path out, String... more) throws IOException {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--data", smallData().toString());
        options.put("--model", "tiny");
        options.put("--epochs", "1");
        options.put("--batch", "32");
        options.put("--threads", "1");
        options.put("--out", out.toString());
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < more.length; i++) {
            if (more[i].equals("--resume")) {
                flags.add(more[i]);
            } else {
                options.put(more[i], more[++i]);
            }
        }
        List<String> args = new ArrayList<>(List.of("train"));
        options.forEach((k, v) -> args.addAll(List.of(k, v)));
        args.addAll(flags);
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void badNumbersAreOneLineAndWriteNoModel() throws IOException {
        Path out = dir.resolve("bad");
        assertOneLineError(train(out, "--limit", "-5"), "--limit must be at least 1, got -5");
        assertOneLineError(train(out, "--limit", "0"), "--limit must be at least 1, got 0");
        assertOneLineError(train(out, "--lr", "Infinity"), "--lr must be a finite number above 0, got Infinity");
        assertOneLineError(train(out, "--lr", "NaN"), "--lr must be a finite number above 0, got NaN");
        assertOneLineError(train(out, "--lr", "0"), "--lr must be a finite number above 0");
        assertOneLineError(train(out, "--weight-decay", "-1"), "--weight-decay");
        assertOneLineError(train(out, "--batch", "0"), "--batch must be at least 1");
        assertOneLineError(train(out, "--optimizer", "rmsprop"), "unknown optimizer 'rmsprop'");
        assertThat(out.resolve("model.safetensors")).doesNotExist();

        Path empty = Files.createDirectories(dir.resolve("empty"));
        writeData(empty, "train", 0);
        writeData(empty, "t10k", 10);
        CliRun none = CliRun.of("train", "--data", empty.toString(), "--model", "tiny", "--epochs", "1", "--out", out.toString());
        assertOneLineError(none, "the training data is empty");
        assertThat(out.resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void outMustBeAWritableFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertOneLineError(train(file), "--out " + file + ": is a file, expected a folder");
        assertOneLineError(train(file.resolve("below")), "--out " + file.resolve("below") + ": cannot create the folder");
        assertOneLineError(train(Path.of("/proc/convkit-test-run")), "--out /proc/convkit-test-run: cannot create the folder");
    }

    @Test
    void modelsWithoutTenOutputsAreRefused() throws IOException {
        Path out = dir.resolve("twenty");
        CliRun twenty = CliRun.of("train", "--data", smallData().toString(), "--model",
                "conv2d(1,2,3,1,1);relu;maxpool2d(2,2,0);flatten;linear(392,20)", "--epochs", "1", "--out", out.toString());
        assertOneLineError(twenty, "has shape [1, 20]; it must be [1, 10]");
        assertOneLineError(CliRun.of("train", "--data", smallData().toString(), "--model", "conv2d(1,2,3,1,1);flatten",
                "--epochs", "1", "--out", out.toString()), "has shape [1, 1568]");

        // model files written by hand (not by train) with 20 outputs or ending in flatten
        for (String spec : new String[] {"conv2d(1,2,3,1,1);relu;maxpool2d(2,2,0);flatten;linear(392,20)", "conv2d(1,1,3,1,1);flatten"}) {
            Path model = dir.resolve("hand.safetensors");
            dev.convkit.nn.io.Checkpoint.saveModel(model, dev.convkit.nn.layers.Architecture.build(spec, 1), java.util.Map.of());
            assertOneLineError(CliRun.of("evaluate", "--model", model.toString(), "--data", smallData().toString()),
                    "one logit per class");
            Path text = Files.writeString(dir.resolve("x.txt"), "1 2\n3 4\n");
            assertOneLineError(CliRun.of("predict", "--model", model.toString(), text.toString()), "one logit per class");
        }
        assertOneLineError(CliRun.of("evaluate", "--model", dir.toString(), "--data", smallData().toString()),
                dir + ": is a directory");
    }

    @Test
    void resumeRefusesOtherSettingsAndASecondRunIsLockedOut() throws IOException {
        Path out = dir.resolve("run");
        assertThat(train(out, "--seed", "5", "--limit", "64").exitCode()).isZero();
        String[][] changes = {{"--seed", "6", "--seed"}, {"--lr", "0.01", "--lr"}, {"--optimizer", "sgd", "--optimizer"},
            {"--schedule", "step", "--schedule"}, {"--batch", "16", "--batch"}, {"--limit", "32", "--limit"},
            {"--weight-decay", "0.1", "--weight-decay"}};
        for (String[] c : changes) {
            List<String> args = new ArrayList<>(List.of("--seed", "5", "--limit", "64", "--epochs", "2", "--resume"));
            int at = args.indexOf(c[0]);
            if (at >= 0) {
                args.set(at + 1, c[1]);
            } else {
                args.addAll(List.of(c[0], c[1]));
            }
            CliRun run = train(out, args.toArray(String[]::new));
            assertOneLineError(run, "--resume: ", "was written with " + c[2] + " ");
        }
        // other data: the same count of images, other pixels
        Path other = Files.createDirectories(dir.resolve("other"));
        writeData(other, "train", 96);
        writeData(other, "t10k", 32);
        Path images = other.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        bytes[16 + 300] ^= 0x40; // one pixel of the first image
        Files.write(images, bytes);
        CliRun otherData = CliRun.of("train", "--data", other.toString(), "--model", "tiny", "--epochs", "2", "--batch", "32",
                "--threads", "1", "--out", out.toString(), "--seed", "5", "--limit", "64", "--resume");
        assertOneLineError(otherData, "was written with --data (training images)");
        // the same settings resume
        assertThat(train(out, "--seed", "5", "--limit", "64", "--epochs", "2", "--resume").exitCode()).isZero();

        // a temporary file of a killed run is cleaned; a held lock keeps a second run out
        Path stale = out.resolve(dev.convkit.core.io.AtomicFiles.TEMP_PREFIX + "999999999.model.safetensors.k1.tmp");
        Files.writeString(stale, "half");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(out.resolve(".convkit-train.lock"),
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = ch.lock()) {
            assertOneLineError(train(out, "--seed", "5"), "another 'convkit train' is writing into this folder");
        }
        assertThat(stale).exists();
        assertThat(train(out, "--seed", "5").exitCode()).isZero();
        assertThat(stale).doesNotExist();
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
