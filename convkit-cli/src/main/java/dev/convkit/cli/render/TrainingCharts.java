package dev.convkit.cli.render;

import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.train.Trainer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The pictures of a training run: loss and accuracy curves (XChart) and the first layer's filters. */
public final class TrainingCharts {
    private TrainingCharts() {
    }

    /** Two charts side by side: loss (train, test) and accuracy (train, test) by epoch. */
    public static void writeCurves(Path path, List<Trainer.EpochResult> history) {
        double[] epochs = history.stream().mapToDouble(Trainer.EpochResult::epoch).toArray();
        XYChart loss = new XYChartBuilder().width(560).height(400).title("loss").xAxisTitle("epoch").yAxisTitle("cross-entropy").build();
        loss.addSeries("train", epochs, history.stream().mapToDouble(Trainer.EpochResult::trainLoss).toArray());
        loss.addSeries("test", epochs, history.stream().mapToDouble(Trainer.EpochResult::testLoss).toArray());
        XYChart acc = new XYChartBuilder().width(560).height(400).title("accuracy").xAxisTitle("epoch").yAxisTitle("accuracy").build();
        acc.addSeries("train", epochs, history.stream().mapToDouble(Trainer.EpochResult::trainAccuracy).toArray());
        acc.addSeries("test", epochs, history.stream().mapToDouble(Trainer.EpochResult::testAccuracy).toArray());
        BufferedImage left = BitmapEncoder.getBufferedImage(loss);
        BufferedImage right = BitmapEncoder.getBufferedImage(acc);
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(), Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        AtomicFiles.write(path, out -> ImageIO.write(both, "png", out));
    }

    /** The first convolution's filters (input channel 0) as heatmap panels. */
    public static BufferedImage filters(Sequential model) {
        List<Heatmaps.Panel> panels = new ArrayList<>();
        for (var e : model.parameters().entrySet()) {
            Variable w = e.getValue();
            if (w.value().rank() == 4) {
                int count = w.value().dim(0);
                for (int f = 0; f < count; f++) {
                    panels.add(new Heatmaps.Panel(Integer.toString(f), w.value().matrix(f, 0)));
                }
                break;
            }
        }
        if (panels.isEmpty()) {
            panels.add(new Heatmaps.Panel("no convolution", new float[][] {{0}}));
        }
        return Heatmaps.render(panels);
    }
}
