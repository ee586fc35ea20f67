package dev.convkit.spark;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Spark stays in this module: the CLI's shaded jar (convkit-cli/target/convkit.jar) has no Spark or Scala classes. */
class ShadedJarTest {
    @Test
    void theCliJarContainsNoSpark() throws Exception {
        Path repo = Path.of(System.getProperty("convkit.repo", ".."));
        Path jar = repo.resolve("convkit-cli/target/convkit.jar");
        assertThat(Files.isRegularFile(jar)).as("%s is built before this module (./mvnw -pl convkit-spark -am verify)", jar)
                .isTrue();
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var e : Collections.list(file.entries())) {
                names.add(e.getName());
            }
        }
        assertThat(names).as("the CLI itself is in the jar").contains("dev/convkit/cli/Main.class",
                "dev/convkit/nn/layers/Sequential.class");
        assertThat(names).as("no Spark, Scala or Hadoop classes")
                .noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/") || n.startsWith("org/apache/hadoop/")
                        || n.startsWith("dev/convkit/spark/"));
    }

    @Test
    void coreAndNnDoNotDependOnSpark() throws Exception {
        Path repo = Path.of(System.getProperty("convkit.repo", ".."));
        for (String module : new String[] {"convkit-core", "convkit-nn", "convkit-cli"}) {
            assertThat(Files.readString(repo.resolve(module).resolve("pom.xml"))).as(module).doesNotContain("spark");
        }
    }
}
