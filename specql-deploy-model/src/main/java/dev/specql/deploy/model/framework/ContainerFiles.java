package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own container files. The generated ones live in the output directory and never replace them;
 * where the project's Dockerfile runs the app differently (another base image, port or server), a warning names
 * both, so that the user knows which one their platform builds.
 */
final class ContainerFiles {

    static final String FACT = "project.container_file";
    private static final List<String> DOCKERFILES = List.of("Dockerfile", "Containerfile");
    private static final List<String> COMPOSE_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");
    private static final Pattern FROM = Pattern.compile("^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXPOSE = Pattern.compile("^\\s*EXPOSE\\s+(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMAND = Pattern.compile("^\\s*(?:CMD|ENTRYPOINT)\\s+(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROGRAM = Pattern.compile("^\\[?\\s*\"?([^\",\\s\\]]+)");

    private ContainerFiles() {
    }

    /** Facts for the files present, and a warning per way the project's Dockerfile differs from the generated one. */
    static void survey(ProjectFiles files, DeploymentSpec spec, FrameworkRuntime runtime, List<Fact> facts, List<Problem> warnings) {
        for (String file : COMPOSE_FILES) {
            files.read(file).ifPresent(text -> facts.add(new Fact(FACT, file, Location.startOf(file))));
        }
        for (String file : DOCKERFILES) {
            Optional<String> text = files.read(file);
            if (text.isEmpty()) {
                continue;
            }
            facts.add(new Fact(FACT, file, Location.startOf(file)));
            List<String> differences = new ArrayList<>();
            Found.last(file, text.get(), FROM).map(from -> new Found(resolve(text.get(), from.value()), from.origin()))
                    .filter(from -> !from.value().equals(runtime.baseImage(spec.application().runtimeVersion())))
                    .ifPresent(from -> differences.add("base image " + from.value() + " (" + where(from) + ") where the generated one "
                            + "uses " + runtime.baseImage(spec.application().runtimeVersion())));
            Found.last(file, text.get(), EXPOSE).filter(port -> !port.value().equals(String.valueOf(spec.application().port())))
                    .ifPresent(port -> differences.add("port " + port.value() + " (" + where(port) + ") where the generated one listens on "
                            + spec.application().port()));
            Found.last(file, text.get(), COMMAND).map(command -> new Found(program(command.value()), command.origin()))
                    .filter(program -> !program.value().isEmpty() && !runtime.serverCommand(spec).contains(program.value())
                            && !runtime.serverCommand(spec).get(0).equals(program.value()))
                    .ifPresent(program -> differences.add("the server " + program.value() + " (" + where(program) + ") where the "
                            + "generated one runs " + String.join(" ", runtime.serverCommand(spec).subList(0, Math.min(2,
                            runtime.serverCommand(spec).size())))));
            if (!differences.isEmpty()) {
                warnings.add(Problem.of(Location.startOf(file), "", "the project's own " + file + " differs from the generated one: "
                        + String.join("; ", differences) + ". Nothing replaces it; the generated stack builds from its own Dockerfile",
                        "set the spec to what your " + file + " does (application.runtime_version, port, server), or build from the "
                                + "generated Dockerfile"));
            }
        }
    }

    private static final Pattern STAGE = Pattern.compile("^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)\\s+AS\\s+(\\S+)", Pattern.CASE_INSENSITIVE);

    /** The image a stage name stands for, through the stages it builds on: "runtime" from "FROM base AS runtime". */
    private static String resolve(String text, String image) {
        java.util.Map<String, String> stages = new java.util.HashMap<>();
        text.lines().map(STAGE::matcher).filter(Matcher::find).forEach(m -> stages.put(m.group(2).toLowerCase(java.util.Locale.ROOT), m.group(1)));
        String current = image;
        for (int hops = 0; hops < 16 && stages.containsKey(current.toLowerCase(java.util.Locale.ROOT)); hops++) {
            current = stages.get(current.toLowerCase(java.util.Locale.ROOT));
        }
        return current;
    }

    private static String where(Found found) {
        return found.origin().file() + ":" + found.origin().line();
    }

    /** The program a CMD or ENTRYPOINT runs, without its path: gunicorn for ["/usr/local/bin/gunicorn", ...]. */
    private static String program(String command) {
        Matcher m = PROGRAM.matcher(command);
        if (!m.find()) {
            return "";
        }
        String program = m.group(1);
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
