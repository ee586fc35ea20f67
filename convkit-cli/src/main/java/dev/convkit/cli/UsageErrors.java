package dev.convkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.List;

/**
 * A command-line mistake as exactly one line: what was wrong, picocli's "did you mean" suggestion when
 * it has one, and where the options are listed.
 *
 * <pre>{@code
 * convkit: unknown option '--strid'; did you mean --stride? (convkit conv --help lists the options)
 * convkit: unknown command 'covn'; did you mean conv? (convkit --help lists the commands)
 * }</pre>
 */
public final class UsageErrors {
    private UsageErrors() {
    }

    public static String oneLine(ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        if (!(ex instanceof UnmatchedArgumentException) && cmd.getUnmatchedArguments() != null
                && !cmd.getUnmatchedArguments().isEmpty()) {
            // a typo is the likelier cause of a "missing" option: name the typo first
            ex = new UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        String name = cmd.getCommandSpec().qualifiedName();
        boolean hasCommands = !cmd.getSubcommands().isEmpty();
        String where = hasCommands && cmd.getCommandSpec().parent() == null
                ? "(" + name + " --help lists the commands)" : "(" + name + " --help lists the options)";
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            List<String> suggestions = unmatched.getSuggestions();
            String what;
            if (unmatched.isUnknownOption() || first.startsWith("-")) {
                what = "unknown option '" + first + "'";
            } else if (hasCommands) {
                what = "unknown command '" + first + "'";
            } else {
                what = "unexpected argument '" + first + "'";
            }
            String hint = suggestions.isEmpty() ? "" : "; did you mean " + or(suggestions) + "?";
            return "convkit: " + what + hint + " " + where;
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        message = message.strip().replaceAll("\\s*\\R\\s*", "; ");
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return "convkit: " + message + " " + where;
    }

    private static String or(List<String> suggestions) {
        List<String> shown = suggestions.subList(0, Math.min(3, suggestions.size()));
        if (shown.size() == 1) {
            return shown.get(0);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
    }
}
