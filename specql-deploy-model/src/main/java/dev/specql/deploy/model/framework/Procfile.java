package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.AppServer;
import dev.specql.deploy.model.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The app's own process commands, as Heroku-style platforms read them from a Procfile: "web: gunicorn mysite.wsgi". */
final class Procfile {

    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:\\s*(.+?)\\s*$");
    /** What may precede the program: variable assignments, exec, bundle exec. */
    private static final Pattern PREFIX = Pattern.compile("^(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+|exec\\s+|bundle\\s+exec\\s+)*");

    /** A process type's command and where it is declared. */
    record Command(String text, Location origin) {

        /** The program the command runs, without a path: "gunicorn" for "exec bin/gunicorn app:wsgi". */
        String program() {
            String rest = PREFIX.matcher(text).replaceFirst("");
            String first = rest.split("\\s+", 2)[0];
            return first.substring(first.lastIndexOf('/') + 1);
        }
    }

    static final String SERVER_KEY = "application.server";
    static final String COMMAND_KEY = "application.command";
    static final String RELEASE_KEY = "application.release_command";
    static final String WORKER_COMMAND_KEY = "application.worker.command";

    private final Map<String, Command> commands;

    private Procfile(Map<String, Command> commands) {
        this.commands = commands;
    }

    static Procfile read(ProjectFiles files) {
        Map<String, Command> commands = new LinkedHashMap<>();
        files.read("Procfile").ifPresent(text -> {
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINE.matcher(lines.get(i));
                if (!lines.get(i).startsWith("#") && m.matches()) {
                    commands.putIfAbsent(m.group(1), new Command(m.group(2), new Location("Procfile", i + 1, 1)));
                }
            }
        });
        return new Procfile(commands);
    }

    Optional<Command> command(String processType) {
        return Optional.ofNullable(commands.get(processType));
    }

    /**
     * The app's own commands as spec values, as the platforms that read Procfiles run them: web: when the framework
     * serves production with it, release: (before each new version serves), and worker: when the framework found the
     * job system that worker runs (a worker of an unknown system would get no broker).
     */
    List<Detected> commands(Predicate<Command> servesProduction, List<Detected> detected) {
        boolean workers = detected.stream().anyMatch(v -> v.key().equals("application.worker.enabled") && Boolean.TRUE.equals(v.value()));
        List<Detected> values = new java.util.ArrayList<>();
        command("web").filter(servesProduction).ifPresent(web -> values.add(new Detected(COMMAND_KEY, web.text(), web.origin())));
        command("release").ifPresent(release -> values.add(new Detected(RELEASE_KEY, release.text(), release.origin())));
        command("worker").filter(worker -> workers)
                .ifPresent(worker -> values.add(new Detected(WORKER_COMMAND_KEY, worker.text(), worker.origin())));
        return values;
    }

    /** The server the web process runs, when it is one of {@code servers}. */
    Optional<Detected> server(List<AppServer> servers) {
        return command("web").flatMap(web -> servers.stream().filter(s -> s.id().equals(web.program())).findFirst()
                .map(s -> new Detected(SERVER_KEY, s.id(), web.origin())));
    }
}
