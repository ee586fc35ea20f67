package dev.convkit.cli;

import dev.convkit.cli.commands.BenchCommand;
import dev.convkit.cli.commands.ComputeCommand;
import dev.convkit.cli.commands.ConvCommand;
import dev.convkit.cli.commands.EvaluateCommand;
import dev.convkit.cli.commands.ExampleCommand;
import dev.convkit.cli.commands.ExportCommand;
import dev.convkit.cli.commands.ExploreCommand;
import dev.convkit.cli.commands.ImportCommand;
import dev.convkit.cli.commands.PoolCommand;
import dev.convkit.cli.commands.PredictCommand;
import dev.convkit.cli.commands.ShapeCommand;
import dev.convkit.cli.commands.TrainCommand;
import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.kernels.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code convkit} command line. Every user error is one line on stderr and exit code 2 (so is
 * running out of memory: the input was too large for the heap); an internal failure is one line and
 * exit code 1 (set CONVKIT_DEBUG=1 for the stack trace).
 *
 * <pre>{@code
 * int code = Main.execute(new String[] {"shape", "conv", "--input", "5", "--kernel", "3"},
 *         new PrintWriter(System.out, true), new PrintWriter(System.err, true));
 * }</pre>
 */
@Command(name = "convkit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Convolution and pooling with PyTorch's exact semantics, in pure Java.", ""},
        subcommands = {ExampleCommand.class, ShapeCommand.class, ConvCommand.class, PoolCommand.class, ComputeCommand.class,
            BenchCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class,
            ImportCommand.class,
            ExploreCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of user errors: bad options, unreadable or malformed files, bad parameters. */
    public static final int USER_ERROR = 2;

    /** The one line for an OutOfMemoryError, wherever it happens (exit 2: the input was too large for the heap). */
    static final String OUT_OF_MEMORY = "convkit: out of memory: the input or its parameters need more than the Java heap"
            + " allows; lower the sizes, or raise the heap (e.g. CONVKIT_JAVA_OPTS=-Xmx8g)";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        quietKernelNote(args);
        String backendProblem = Backend.problem();
        if (backendProblem != null) {
            err.println("convkit: " + backendProblem);
            err.flush();
            return USER_ERROR;
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(UsageErrors.oneLine(ex));
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError || ex instanceof InvalidArgumentException) {
                cmd.getErr().println("convkit: " + ex.getMessage());
                return USER_ERROR;
            }
            if (ex.getCause() instanceof OutOfMemoryError) {
                cmd.getErr().println(OUT_OF_MEMORY);
                return USER_ERROR;
            }
            if (System.getenv("CONVKIT_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("convkit: internal error: " + ex);
            return 1;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // whatever needed the memory is unreachable now, so there is room for one line
            err.println(OUT_OF_MEMORY);
            code = USER_ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Columns of --help: wide enough that no example line (and its # comment) wraps. */
    static final int HELP_WIDTH = 110;

    /**
     * The one-line summaries of {@code convkit --help}: a whole sentence each, short enough for one line
     * (a command's own --help keeps its full description).
     */
    static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("example", "Work the course exercise end to end: output size, convolution, gradient, pooling."),
            Map.entry("shape", "Compute a layer's output size, with the formula and your numbers in it."),
            Map.entry("conv", "Convolve (or, with --transpose, transposed-convolve) an input, forward and backward, explained."),
            Map.entry("pool", "Pool an input (max, avg, lp, adaptive, fractional) or unpool it, forward and backward, explained."),
            Map.entry("compute", "Answer a convkit-cases/1 file with a results JSON."),
            Map.entry("bench", "Time the benchmark suite: milliseconds, GFLOP/s and GB/s per shape."),
            Map.entry("train", "Train a CNN on IDX image data (Fashion-MNIST by default), with checkpoints and curves."),
            Map.entry("evaluate", "Evaluate a trained model on the test split: accuracy and confusion matrix."),
            Map.entry("predict", "Classify images with a trained model: the class and every class's probability."),
            Map.entry("export", "Write a trained model as an ONNX file."),
            Map.entry("import", "Check and run an ONNX model; optionally save it as a convkit model."),
            Map.entry("help", "Display help information about the specified command."));

    /** The command list of {@code convkit --help}: one whole line per command. */
    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, CommandLine.Help> e : subcommands.entrySet()) {
            String summary = SUMMARIES.get(e.getKey());
            if (summary == null) {
                String[] description = e.getValue().commandSpec().usageMessage().description();
                summary = description.length == 0 ? "" : description[0];
            }
            out.append(String.format("  %-" + width + "s  %s%n", e.getKey(), summary));
        }
        return out.toString();
    }

    /**
     * The kernels' note that the Vector API module is absent (java.util.logging at INFO, two lines on
     * stderr) matters to the commands that compute at scale; the launcher adds the module for those. For
     * the learner's commands it would only push a second line in front of a one-line error, and a
     * command's help computes nothing (the launcher leaves the module out for it).
     */
    private static void quietKernelNote(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        boolean help = Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help");
        if (help || !Set.of("compute", "bench", "train", "evaluate", "predict").contains(command)) {
            KERNEL_LOGGER.setLevel(Level.WARNING);
        }
    }

    /** Held so that the level set on it is not lost to garbage collection. */
    private static final Logger KERNEL_LOGGER = Logger.getLogger("dev.convkit");

    /** The version the build wrote into version.properties, then the kernels and the JVM. */
    static final class Version implements CommandLine.IVersionProvider {
        /** The project version from the build (resource filtering), or the jar manifest's. */
        static String projectVersion() {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to the manifest
            }
            String version = properties.getProperty("version");
            if (version == null || version.startsWith("${")) {
                version = Main.class.getPackage().getImplementationVersion();
            }
            return version;
        }

        @Override
        public String[] getVersion() {
            String version = projectVersion();
            return new String[] {"convkit " + (version == null ? "(version unknown: not built by Maven)" : version),
                "kernels: " + Backend.active().describe() + ", threads: " + Parallel.threads(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
