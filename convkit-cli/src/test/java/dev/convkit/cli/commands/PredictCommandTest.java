package dev.convkit.cli.commands;

import dev.convkit.cli.CliRun;
import dev.convkit.nn.inference.Model;
import dev.convkit.nn.io.Checkpoint;
import dev.convkit.nn.io.ModelMetadata;
import dev.convkit.nn.layers.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** predict with the preprocessing a model records, and --show-input. */
class PredictCommandTest {
    @TempDir
    Path dir;

    @Test
    void showInputWritesThePictureTheModelSawAndPredictsFromIt() throws IOException {
        Path modelFile = dir.resolve("model.safetensors");
        Checkpoint.saveModel(modelFile, Architecture.build(Architecture.model("tiny"), 5), ModelMetadata.fashionMnist());
        // a dark 40×20 bar on a white 100×70 RGB picture
        BufferedImage photo = new BufferedImage(100, 70, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 100; x++) {
                photo.setRGB(x, y, x >= 30 && x < 70 && y >= 10 && y < 30 ? 0x101010 : 0xffffff);
            }
        }
        Path picture = dir.resolve("photo.png");
        ImageIO.write(photo, "png", picture.toFile());
        Path seen = dir.resolve("seen.png");
        CliRun run = CliRun.of("predict", "--model", modelFile.toString(), "--show-input", seen.toString(), picture.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        BufferedImage written = ImageIO.read(seen.toFile());
        assertThat(written.getWidth()).isEqualTo(28);
        assertThat(written.getHeight()).isEqualTo(28);
        // the bar, inverted to light on black, fills the width and is centred: rows 7-20 of 28
        assertThat(written.getRaster().getSample(14, 14, 0)).isGreaterThan(230);
        assertThat(written.getRaster().getSample(14, 3, 0)).isZero();
        assertThat(written.getRaster().getSample(0, 14, 0)).isGreaterThan(230);
        assertThat(written.getRaster().getSample(14, 6, 0)).isZero();
        assertThat(written.getRaster().getSample(14, 7, 0)).isGreaterThan(230);
        assertThat(written.getRaster().getSample(14, 20, 0)).isGreaterThan(230);
        assertThat(written.getRaster().getSample(14, 21, 0)).isZero();

        Model model = Model.load(modelFile);
        Model.Prediction expected = model.predict(photo);
        assertThat(run.out()).startsWith(String.format("%s: %d %s (p=%.3f)", picture, expected.index(), expected.label(),
                expected.probability()));
        assertThat(Files.list(dir).filter(f -> f.getFileName().toString().startsWith(".")).count())
                .as("no temporary file left").isZero();
    }

    @Test
    void showInputTakesOneImage() throws IOException {
        Path modelFile = dir.resolve("model.safetensors");
        Checkpoint.saveModel(modelFile, Architecture.build(Architecture.model("tiny"), 5), ModelMetadata.fashionMnist());
        Path text = Files.writeString(dir.resolve("x.txt"), "1 2\n3 4\n");
        CliRun run = CliRun.of("predict", "--model", modelFile.toString(), "--show-input", dir.resolve("s.png").toString(),
                text.toString(), text.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("convkit: --show-input writes the input of one image; got 2 images");
    }
}
