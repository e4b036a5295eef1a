package dev.specql.deploy.model.framework;

import java.util.List;

/** The app's own command line (application.command, a Procfile line), run by sh as a Procfile platform runs it. */
public final class ShellCommand {

    private ShellCommand() {
    }

    /**
     * sh -c with the line; a single command gets exec, so that it replaces the shell and receives the stop signal
     * itself. A list (a && b, a; b, a | b) keeps the shell, since exec would end it after the first command.
     */
    public static List<String> of(String line) {
        boolean list = line.chars().anyMatch(c -> c == ';' || c == '&' || c == '|');
        return List.of("sh", "-c", list ? line : "exec " + line);
    }
}
