package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.ProjectFacts;
import java.util.List;
import java.util.Optional;

/**
 * Scripts the app keeps for the postgres image's first start (extensions, roles, seed data): the image runs every
 * *.sql, *.sql.gz and *.sh of /docker-entrypoint-initdb.d once, on an empty data directory.
 */
public final class InitScripts {

    static final String FACT = "database.init_scripts";
    /** Where apps keep them: the image's own folder name first, then the usual homes under db/ and sql/. */
    private static final List<String> DIRECTORIES = List.of("docker-entrypoint-initdb.d", "db/init", "db/initdb", "initdb", "sql/init");
    private static final List<String> SUFFIXES = List.of(".sql", ".sql.gz", ".sql.xz", ".sql.zst", ".sh");

    private InitScripts() {
    }

    static void survey(ProjectFiles files, List<ProjectFacts.Fact> facts) {
        for (String directory : DIRECTORIES) {
            Optional<String> first = files.list(directory).orElse(List.of()).stream()
                    .filter(name -> SUFFIXES.stream().anyMatch(name::endsWith)).map(name -> directory + "/" + name)
                    .filter(path -> files.read(path).isPresent()).findFirst();
            if (first.isPresent()) {
                facts.add(new ProjectFacts.Fact(FACT, directory, dev.specql.deploy.model.Location.startOf(first.get())));
                return;
            }
        }
    }

    /** The folder of init scripts, relative to the project, when the app has one. */
    public static Optional<String> directory(DeploymentSpec spec) {
        return spec.project().first(FACT).map(ProjectFacts.Fact::value);
    }
}
