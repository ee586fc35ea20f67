package dev.convkit.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code convkit example}: the course exercise, end to end. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Work the course exercise: output size, convolution, its gradient and pooling.")
public final class ExampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(Exercise.render());
        return 0;
    }
}
