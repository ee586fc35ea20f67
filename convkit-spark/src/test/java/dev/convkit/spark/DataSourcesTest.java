package dev.convkit.spark;

import dev.convkit.core.InvalidArgumentException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Image folders (Spark's binaryFile source) and Parquet tables become the same examples as the pixels they hold. */
class DataSourcesTest {
    @Test
    void imageFoldersAreLabelledByTheirSubFolder(@TempDir Path dir) throws Exception {
        List<Example> examples = LocalSpark.examples(30, 71);
        for (Example e : examples) {
            Path folder = Files.createDirectories(dir.resolve(Integer.toString(e.label())));
            Files.write(folder.resolve(String.format("img%03d.png", e.id())), ClassifierTest.png(e.pixels()));
        }
        assertThat(DataSources.detect(dir.toString())).isEqualTo("images");
        List<Example> read = new ArrayList<>(DataSources.read(LocalSpark.session(), "images", dir.toString(), true, 0, 2).collect());
        assertThat(read).hasSize(30);
        assertThat(read.stream().map(Example::id).sorted().toList()).isEqualTo(java.util.stream.LongStream.range(0, 30).boxed().toList());
        // every example found again with its label and pixels (the order is by path)
        for (Example e : examples) {
            assertThat(read).anySatisfy(r -> {
                assertThat(r.label()).isEqualTo(e.label());
                assertThat(r.pixels()).isEqualTo(e.pixels());
            });
        }
    }

    @Test
    void parquetWithBinaryOrArrayImages(@TempDir Path dir) throws Exception {
        List<Example> examples = LocalSpark.examples(24, 72);
        List<Row> binary = new ArrayList<>();
        List<Row> arrays = new ArrayList<>();
        for (Example e : examples) {
            binary.add(RowFactory.create(e.pixels(), e.label()));
            List<Integer> px = new ArrayList<>();
            for (byte b : e.pixels()) {
                px.add(b & 0xff);
            }
            arrays.add(RowFactory.create(px, (long) e.label()));
        }
        var spark = LocalSpark.session();
        spark.createDataFrame(binary, new StructType().add("image", DataTypes.BinaryType).add("label", DataTypes.IntegerType))
                .coalesce(1).write().parquet(dir.resolve("binary.parquet").toString());
        spark.createDataFrame(arrays, new StructType().add("image", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("label", DataTypes.LongType)).coalesce(1).write().parquet(dir.resolve("arrays.parquet").toString());
        for (String name : new String[] {"binary.parquet", "arrays.parquet"}) {
            assertThat(DataSources.detect(dir.resolve(name).toString())).isEqualTo("parquet");
            List<Example> read = new ArrayList<>(DataSources.read(spark, "parquet", dir.resolve(name).toString(), true, 0, 2).collect());
            read.sort(Comparator.comparingLong(Example::id));
            assertThat(read).hasSize(examples.size());
            for (int i = 0; i < read.size(); i++) {
                assertThat(read.get(i).label()).as(name).isEqualTo(examples.get(i).label());
                assertThat(read.get(i).pixels()).as(name).isEqualTo(examples.get(i).pixels());
            }
        }
        spark.createDataFrame(binary, new StructType().add("picture", DataTypes.BinaryType).add("label", DataTypes.IntegerType))
                .write().parquet(dir.resolve("wrong.parquet").toString());
        assertThatThrownBy(() -> DataSources.read(spark, "parquet", dir.resolve("wrong.parquet").toString(), true, 0, 2))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no column 'image' (columns: picture, label)");
    }
}
