package dev.convkit.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.convkit.bench.SuiteRunner;
import dev.convkit.bench.TrainingBench;
import dev.convkit.cli.UserError;
import dev.convkit.cli.io.AtomicFiles;
import dev.convkit.cli.io.TensorJson;
import dev.convkit.nn.layers.Architecture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code convkit bench}: the benchmark suite at one thread count. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Time every shape of the benchmark suite: median milliseconds after warm-up, forward and backward;",
            "GFLOP/s and the share of the FMA peak (measured on the spot) for convolutions, GB/s for pools.",
            "bench/compare_torch.py runs this and PyTorch side by side.",
            "",
            "Examples (the exercise's 5x5 convolution is the suite's 'seed' shape):",
            "  convkit bench --threads 1",
            "  convkit bench --ops conv --threads 2 --json",
            "  convkit bench --train --threads 2          (where a cnn2 training step's time goes)",
            ""})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--suite", paramLabel = "FILE", description = "The shape suite (default: the one built in, bench/suite.json).")
    Path suite;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the available processors).")
    Integer threads;

    @Option(names = "--ops", paramLabel = "conv,pool", split = ",", description = "Which lists to run (default both).")
    Set<String> ops = new LinkedHashSet<>(Set.of("conv", "pool"));

    @Option(names = "--json", description = "Print only JSON on stdout.")
    boolean json;

    @Option(names = "--train", description = {"Time a training step instead of the suite: forward and backward per layer,",
            "the loss and the optimizer update, then the whole step and its heap allocation."})
    boolean train;

    @Option(names = "--model", paramLabel = "NAME|SPEC", description = "With --train: the model (default ${DEFAULT-VALUE}).")
    String model = "cnn2";

    @Option(names = "--batch", paramLabel = "B", description = "With --train: the mini-batch size (default ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "With --train: adam, adamw or sgd (default ${DEFAULT-VALUE}).")
    String optimizer = "adam";

    @Option(names = "--fresh-arrays", description = {"Allocate every timed call's results anew (the JVM zeroes them on the calling",
            "thread) instead of handing the previous call's arrays back, as a training step's arena does."})
    boolean freshArrays;

    @Option(names = "--quick", description = "Shorter warm-up and measurement (noisier; for smoke tests).")
    boolean quick;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        for (String op : ops) {
            if (!op.equals("conv") && !op.equals("pool")) {
                throw new UserError("--ops takes conv and/or pool, got '" + op + "'");
            }
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new UserError("--threads must be at least 1, got " + n);
        }
        if (train) {
            return trainStep(n);
        }
        JsonNode suiteJson = readSuite();
        SuiteRunner.Timing timing = quick ? new SuiteRunner.Timing(0.02, 0.02, 2) : SuiteRunner.Timing.DEFAULT;
        SuiteRunner runner = new SuiteRunner(timing, message -> spec.commandLine().getErr().println("bench: " + message),
                freshArrays ? SuiteRunner.ResultArrays.FRESH : SuiteRunner.ResultArrays.RECYCLED);
        SuiteRunner.Report report = runner.run(suiteJson, n, ops);
        if (json) {
            spec.commandLine().getOut().println(TensorJson.MAPPER.writeValueAsString(SuiteRunner.toJson(report)));
        } else {
            spec.commandLine().getOut().print(SuiteRunner.toTable(report));
        }
        return 0;
    }

    private int trainStep(int n) throws IOException {
        if (!List.of("adam", "adamw", "sgd").contains(optimizer)) {
            throw new UserError("--optimizer takes adam, adamw or sgd, got '" + optimizer + "'");
        }
        String architecture = model.contains("(") || model.contains(";") ? model : Architecture.model(model);
        TrainingBench bench = quick ? new TrainingBench(2, 3, this::progress) : new TrainingBench(30, 60, this::progress);
        TrainingBench.Report report = bench.run(architecture, batch, n, optimizer);
        if (json) {
            spec.commandLine().getOut().println(TensorJson.MAPPER.writeValueAsString(TrainingBench.toJson(report)));
        } else {
            spec.commandLine().getOut().print(TrainingBench.toTable(report));
        }
        return 0;
    }

    private void progress(String message) {
        spec.commandLine().getErr().println("bench: " + message);
    }

    private JsonNode readSuite() {
        try (InputStream in = suite == null ? BenchCommand.class.getResourceAsStream("/bench/suite.json")
                : Files.newInputStream(suite)) {
            if (in == null) {
                throw new UserError("the built-in suite is missing from the jar; pass --suite FILE");
            }
            return TensorJson.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new UserError((suite == null ? "suite" : suite.toString()) + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserError(suite + ": cannot read: " + AtomicFiles.describe(e), e);
        }
    }
}
