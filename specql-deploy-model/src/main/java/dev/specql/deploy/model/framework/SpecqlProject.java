package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.ProjectFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema described in SpecQL entity files, turned into SQL by `specql generate` and applied by Confiture: where
 * those files are, read from the project's own layout, and whether what the deployment applies is there.
 */
public final class SpecqlProject {

    /** Where `specql generate` writes by default, where Confiture looks, and where `fraiseql migrate` looks first. */
    static final List<String> MIGRATION_DIRECTORIES = List.of("db/migrations", "migrations", "db/0_schema");
    static final String ENTITIES = "entities";
    static final String REGISTRY = "registry/domain_registry.yaml";
    static final String SCHEMA_DIRECTORY = "db/schema";
    /** Files only a SpecQL or Confiture project has. */
    private static final List<String> CONFITURE_FILES = List.of("confiture.yaml", "db/environments");

    static final String ENTITY_FACT = "specql.entity";
    static final String TENANT_FACT = "specql.multi_tenant_schema";

    /** entity: Contact, at the top level of an entity file. */
    private static final Pattern ENTITY = Pattern.compile("^entity:\\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)");
    /** A key alone on its line in the registry: a schema's block starts. */
    private static final Pattern REGISTRY_KEY = Pattern.compile("^(\\s*)([a-z_][a-z0-9_]*):\\s*$");
    private static final Pattern SCHEMA = Pattern.compile("^schema:\\s*[\"']?([a-z_][a-z0-9_]*)");

    private SpecqlProject() {
    }

    /**
     * The specql keys the layout answers: entity files and the registry where SpecQL keeps them, the schema DDL tree,
     * and the migrations directory, which is looked for only in a SpecQL or Confiture project, or for a framework
     * that Confiture migrates by default (a Django app's migrations/ folder is not Confiture's).
     */
    public static List<Detected> detect(ProjectFiles files, boolean confitureByDefault) {
        List<Detected> values = new ArrayList<>();
        List<String> entityFiles = entityFiles(files);
        if (!entityFiles.isEmpty()) {
            values.add(new Detected("specql.entities", List.of(ENTITIES + "/*.yaml"), Location.startOf(entityFiles.get(0))));
        }
        files.read(REGISTRY).ifPresent(registry -> values.add(new Detected("specql.registry", REGISTRY, Location.startOf(REGISTRY))));
        // SpecQL's registry layout keeps the DDL one level down: db/schema/10_tables/.
        firstFile(files, SCHEMA_DIRECTORY).or(() -> files.list(SCHEMA_DIRECTORY).orElse(List.of()).stream()
                        .flatMap(sub -> firstFile(files, SCHEMA_DIRECTORY + "/" + sub).stream()).findFirst())
                .ifPresent(first -> values.add(new Detected("specql.schema_dir", SCHEMA_DIRECTORY, first)));
        boolean confiture = confitureByDefault || !values.isEmpty()
                || CONFITURE_FILES.stream().anyMatch(f -> files.read(f).isPresent() || files.list(f).isPresent());
        if (confiture) {
            MIGRATION_DIRECTORIES.stream().flatMap(dir -> firstFile(files, dir).map(first -> new Detected("specql.migrations_dir", dir, first))
                    .stream()).findFirst().ifPresent(values::add);
        }
        return values;
    }

    /**
     * Facts (each entity and its schema, the registry's multi-tenant schemas) and, where the migrations are there to
     * judge by, errors for entity files or a registry the spec names and the project lacks.
     */
    static void survey(ProjectFiles files, DeploymentSpec spec, SpecPlaces places, List<ProjectFacts.Fact> facts, List<Problem> errors) {
        if (spec.specql().isEmpty() || spec.database().migrationTool() != MigrationTool.CONFITURE) {
            return;
        }
        DeploymentSpec.Specql specql = spec.specql().get();
        for (String glob : specql.entities()) {
            List<String> matched = matches(files, glob);
            for (String file : matched) {
                String schema = Found.first(files, file, SCHEMA).map(Found::value).orElse("public");
                Found.first(files, file, ENTITY)
                        .ifPresent(e -> facts.add(new ProjectFacts.Fact(ENTITY_FACT, schema + "." + e.value(), e.origin())));
            }
            if (matched.isEmpty() && places.written("specql.entities") && files.list(Migrations.directory(spec)).isPresent()
                    && !glob.contains("**")) {
                errors.add(Problem.of(places.of("specql.entities"), "specql.entities", "no file matches " + glob + ", so the "
                        + "migrations in " + Migrations.directory(spec) + " cannot be regenerated from their entities",
                        "point specql.entities at the entity files; SpecQL keeps them in entities/*.yaml"));
            }
        }
        Optional<String> registry = files.read(specql.registry());
        registry.ifPresent(text -> tenantSchemas(specql.registry(), text, facts));
        if (registry.isEmpty() && places.written("specql.registry") && files.list(Migrations.directory(spec)).isPresent()) {
            errors.add(Problem.of(places.of("specql.registry"), "specql.registry", specql.registry() + " does not exist",
                    "point specql.registry at the domain registry, or remove the key"));
        }
    }

    /** "crm:" blocks with "multi_tenant: true" below them. */
    private static void tenantSchemas(String file, String text, List<ProjectFacts.Fact> facts) {
        List<String> lines = text.lines().toList();
        String schema = null;
        int indent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher key = REGISTRY_KEY.matcher(line);
            if (key.matches()) {
                schema = key.group(2);
                indent = key.group(1).length();
            } else if (schema != null && line.strip().matches("multi_tenant:\\s*true") && leading(line) > indent) {
                facts.add(new ProjectFacts.Fact(TENANT_FACT, schema, new Location(file, i + 1, 1)));
                schema = null;
            }
        }
    }

    private static int leading(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static List<String> entityFiles(ProjectFiles files) {
        return files.list(ENTITIES).orElse(List.of()).stream().filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                .map(name -> ENTITIES + "/" + name).filter(path -> Found.first(files, path, ENTITY).isPresent()).toList();
    }

    /** The files of one folder a glob such as entities/*.yaml names; a glob over several folders (**) matches nothing here. */
    static List<String> matches(ProjectFiles files, String glob) {
        int slash = glob.lastIndexOf('/');
        String directory = slash < 0 ? "" : glob.substring(0, slash);
        String name = glob.substring(slash + 1);
        if (directory.contains("*")) {
            return List.of();
        }
        Pattern pattern = Pattern.compile(Pattern.quote(name).replace("*", "\\E[^/]*\\Q"));
        return new TreeSet<>(files.list(directory).orElse(List.of())).stream().filter(n -> pattern.matcher(n).matches())
                .map(n -> directory.isEmpty() ? n : directory + "/" + n).filter(path -> files.read(path).isPresent()).toList();
    }

    /** The first file of a folder, sorted, as the place a folder was found. */
    private static Optional<Location> firstFile(ProjectFiles files, String directory) {
        return files.list(directory).flatMap(names -> names.stream().map(n -> directory + "/" + n)
                .filter(path -> files.read(path).isPresent()).findFirst()).map(Location::startOf);
    }
}
