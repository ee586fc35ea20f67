package dev.convkit.cli.commands;

/** Placeholder replaced below. */
final class Exercise {
    private Exercise() {
    }

    static String render() {
        return "";
    }
}
