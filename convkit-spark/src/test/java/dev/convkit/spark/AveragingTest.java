package dev.convkit.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Averaging every K steps learns, in fewer rounds; tree and ordered sums agree on 2 partitions. */
class AveragingTest {
    @Test
    void averagingModeLearnsWithOneRoundPerKSteps(@TempDir Path dir) throws Exception {
        List<Example> data = LocalSpark.examples(320, 31);
        List<Example> test = LocalSpark.examples(100, 32);
        SparkTrainer.Config c = new SparkTrainer.Config(SynchronousEquivalenceTest.NO_BATCH_NORM, 2, 32, 0.005, 3, "adam", 0,
                "constant", 2, 4, "ordered", 1);
        SparkTrainer.Result r = SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(data), LocalSpark.rdd(test), c,
                dir.resolve("avg"), false, SparkTrainer.Listener.NONE);
        assertThat(r.history()).hasSize(2);
        assertThat(r.history().get(0).rounds()).isEqualTo(3); // 10 steps, 4 per round
        assertThat(r.history().get(1).trainLoss()).isLessThan(r.history().get(0).trainLoss());
        assertThat(r.history().get(1).testAccuracy()).isGreaterThan(0.5); // chance is 0.1
    }

    @Test
    void treeAggregateEqualsTheOrderedSumOnTwoPartitions(@TempDir Path dir) throws Exception {
        List<Example> data = LocalSpark.examples(128, 41);
        SparkTrainer.Config ordered = new SparkTrainer.Config(SynchronousEquivalenceTest.NO_BATCH_NORM, 1, 32, 0.01, 3, "sgd", 0,
                "constant", 2, 0, "ordered", 1);
        SparkTrainer.Config tree = new SparkTrainer.Config(SynchronousEquivalenceTest.NO_BATCH_NORM, 1, 32, 0.01, 3, "sgd", 0,
                "constant", 2, 0, "tree", 1);
        SparkTrainer.Result a = SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(data), null, ordered, dir.resolve("o"),
                false, SparkTrainer.Listener.NONE);
        SparkTrainer.Result b = SparkTrainer.train(LocalSpark.context(), LocalSpark.rdd(data), null, tree, dir.resolve("t"),
                false, SparkTrainer.Listener.NONE);
        a.model().parameters().forEach((name, v) ->
                assertThat(b.model().parameters().get(name).value().data()).as(name).containsExactly(v.value().data()));
        assertThat(a.history().get(0).resultBytesPerRound()).isGreaterThan(2 * 4 * 7_850L); // two gradients of the linear layer at least
    }
}
