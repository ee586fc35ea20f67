package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.nn.autograd.GradMode;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.data.Dataset;
import dev.convkit.nn.layers.Sequential;
import dev.convkit.nn.train.Evaluation;
import dev.convkit.nn.train.Trainer;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Batch inference through the Transformer: the single-machine answers, Parquet round trip, ML persistence, Pipeline. */
class ClassifierTest {
    static Sequential model;
    static List<Example> images;

    @BeforeAll
    static void train(@TempDir Path dir) throws Exception {
        List<Example> train = LocalSpark.examples(300, 51);
        images = LocalSpark.examples(200, 52);
        model = Trainer.train(LocalSpark.dataset(train), LocalSpark.dataset(images.subList(0, 10)),
                new Trainer.Config(FaultInjectionTest.MODEL, 1, 32, 0.01, 1, "adam", 0, "constant"), dir, false,
                Trainer.Listener.SILENT).model();
    }

    static org.apache.spark.sql.Dataset<Row> frame(List<Example> examples, boolean png) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Example e : examples) {
            rows.add(RowFactory.create(e.id(), e.label(), png ? png(e.pixels()) : e.pixels()));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("label", DataTypes.IntegerType)
                .add("image", DataTypes.BinaryType);
        return LocalSpark.session().createDataFrame(rows, schema).repartition(2);
    }

    static byte[] png(byte[] pixels) throws Exception {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 28, 28, pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void predictionsAreTheSingleMachineOnesAndTheAccuracyIsEvaluations(@TempDir Path dir) throws Exception {
        ConvkitClassifier classifier = new ConvkitClassifier(model);
        List<Row> rows = classifier.transform(frame(images, false)).orderBy("id").collectAsList();
        Dataset data = LocalSpark.dataset(images);
        int[] order = data.order(null);
        model.eval();
        Variable logits;
        try (GradMode.Scope off = GradMode.off()) {
            logits = model.forward(Variable.constant(data.batch(order, 0, images.size()).images()));
        }
        int[] expected = Evaluation.argmax(logits);
        float[] logp = Ops.logSoftmax(logits.value());
        long correct = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertThat(r.getLong(0)).isEqualTo(i);
            assertThat(r.getDouble(r.fieldIndex("prediction"))).as("row %d", i).isEqualTo(expected[i]);
            Vector p = (Vector) r.get(r.fieldIndex("probability"));
            double sum = 0;
            for (int c = 0; c < 10; c++) {
                assertThat(p.apply(c)).isCloseTo(Math.exp(logp[i * 10 + c]), within(1e-5));
                sum += p.apply(c);
            }
            assertThat(sum).isCloseTo(1, within(1e-5));
            correct += expected[i] == images.get(i).label() ? 1 : 0;
        }
        double evaluation = Evaluation.of(model, data, 64, 10).accuracy();
        assertThat((double) correct / images.size()).isEqualTo(evaluation);
        // written to Parquet and read back: the same accuracy
        String out = dir.resolve("predictions.parquet").toString();
        classifier.transform(frame(images, false)).write().parquet(out);
        org.apache.spark.sql.Dataset<Row> back = LocalSpark.session().read().parquet(out);
        assertThat(back.count()).isEqualTo(images.size());
        assertThat((double) back.filter("label = prediction").count() / images.size()).isEqualTo(evaluation);
        assertThat(evaluation).as("the tiny model learned something").isGreaterThan(0.3);
    }

    @Test
    void encodedImagesPixelArraysAndVectorsAgreeWithRawPixels() throws Exception {
        ConvkitClassifier classifier = new ConvkitClassifier(model);
        List<Example> some = images.subList(0, 40);
        List<Row> raw = classifier.transform(frame(some, false)).orderBy("id").collectAsList();
        List<Row> png = classifier.transform(frame(some, true)).orderBy("id").collectAsList();
        SparkSession spark = LocalSpark.session();
        List<Row> arrays = new ArrayList<>();
        for (Example e : some) {
            List<Integer> px = new ArrayList<>();
            for (byte b : e.pixels()) {
                px.add(b & 0xff);
            }
            arrays.add(RowFactory.create(e.id(), px));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("pixels", DataTypes.createArrayType(DataTypes.IntegerType));
        List<Row> fromArrays = new ConvkitClassifier(model).setInputCol("pixels").setPredictionCol("class")
                .transform(spark.createDataFrame(arrays, schema)).orderBy("id").collectAsList();
        for (int i = 0; i < some.size(); i++) {
            double expected = raw.get(i).getDouble(3);
            assertThat(png.get(i).getDouble(3)).as("png row %d", i).isEqualTo(expected);
            assertThat(fromArrays.get(i).getDouble(2)).as("array row %d", i).isEqualTo(expected);
        }
    }

    @Test
    void savesAndLoadsThroughMlPersistenceAloneAndInAPipeline(@TempDir Path dir) throws Exception {
        ConvkitClassifier classifier = new ConvkitClassifier(model).setPredictionCol("guess").setBatchSize(17);
        org.apache.spark.sql.Dataset<Row> df = frame(images.subList(0, 50), false);
        List<Row> before = classifier.transform(df).orderBy("id").collectAsList();

        classifier.write().overwrite().save(dir.resolve("classifier").toString());
        ConvkitClassifier loaded = ConvkitClassifier.load(dir.resolve("classifier").toString());
        assertThat(loaded.uid()).isEqualTo(classifier.uid());
        assertThat(loaded.getOrDefault(loaded.predictionCol())).isEqualTo("guess");
        assertThat((Integer) loaded.getOrDefault(loaded.batchSize())).isEqualTo(17);
        assertThat(loaded.transform(df).orderBy("id").collectAsList()).isEqualTo(before);

        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {classifier}).fit(df);
        pipeline.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel again = PipelineModel.load(dir.resolve("pipeline").toString());
        assertThat(again.stages()[0]).isInstanceOf(ConvkitClassifier.class);
        assertThat(again.transform(df).orderBy("id").collectAsList()).isEqualTo(before);
    }

    @Test
    void badColumnsAreOneClearMessage() throws Exception {
        org.apache.spark.sql.Dataset<Row> df = frame(images.subList(0, 4), false);
        assertThatThrownBy(() -> new ConvkitClassifier(model).setInputCol("picture").transform(df))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("inputCol 'picture' is not a column");
        assertThatThrownBy(() -> new ConvkitClassifier(model).setInputCol("label").transform(df))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("column 'label' must be binary");
        assertThatThrownBy(() -> new ConvkitClassifier(model).setPredictionCol("label").transform(df))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("output column 'label' already exists");
    }
}
