package dev.specql.deploy.model.load;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.SpecException;
import dev.specql.deploy.model.config.ConfigMerger;
import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.config.Setting;
import dev.specql.deploy.model.config.SpecBinder;
import dev.specql.deploy.model.framework.Detected;
import dev.specql.deploy.model.framework.Detection;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import dev.specql.deploy.model.framework.Preflight;
import dev.specql.deploy.model.framework.SpecPlaces;
import dev.specql.deploy.model.framework.SpecqlProject;
import dev.specql.deploy.model.framework.Frameworks;
import dev.specql.deploy.model.framework.ProjectFiles;
import dev.specql.deploy.model.framework.Survey;
import dev.specql.deploy.model.rules.SpecRules;
import dev.specql.deploy.model.schema.SpecSchema;
import dev.specql.deploy.model.schema.Validation;
import dev.specql.deploy.model.yaml.YNode;
import dev.specql.deploy.model.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads, validates and resolves a deployment spec: the model module's entry point. */
public final class SpecLoader {

    private SpecLoader() {
    }

    /**
     * @param file        the spec file
     * @param displayName how to name the file in messages and generated headers, e.g. "deployment.yaml"
     * @throws SpecException listing every problem, each with its location
     * @throws IOException   when the file cannot be read
     */
    public static LoadedSpec load(Path file, String displayName) throws SpecException, IOException {
        return load(displayName, read(file, displayName));
    }

    private static byte[] read(Path file, String displayName) throws SpecException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit so an oversized file is refused without loading it whole.
            return in.readNBytes(YamlReader.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new SpecException(List.of(Problem.of(Location.startOf(displayName), "",
                    "the spec file does not exist", "create it (see the README's spec reference) or point the spec parameter at it")));
        }
    }

    /** A spec read alone, with no repository around it: nothing is detected and no preflight runs. */
    public static LoadedSpec load(String displayName, byte[] bytes) throws SpecException {
        return load(displayName, bytes, ProjectFiles.none());
    }

    /**
     * @param file        the spec file
     * @param displayName how to name the file in messages and generated headers
     * @param project     the user's repository, which the spec's framework reads: values the spec may leave out
     *                    first, then facts and the preflight once the spec is settled
     */
    public static LoadedSpec load(Path file, String displayName, ProjectFiles project) throws SpecException, IOException {
        return load(displayName, read(file, displayName), project);
    }

    public static LoadedSpec load(String displayName, byte[] bytes, ProjectFiles project) throws SpecException {
        YNode root = YamlReader.read(displayName, bytes);
        if (root == null) {
            throw new SpecException(List.of(Problem.of(Location.startOf(displayName), "", "the spec is empty",
                    "start with deployment: {name: my-app, framework: fraiseql}")));
        }
        Validation validation = new Validation();
        Object tree = SpecSchema.ROOT.validate(root, "", validation);
        if (!validation.problems().isEmpty()) {
            throw new SpecException(validation.problems());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> userTree = (Map<String, Object>) tree;
        Framework framework = Keyword.parse(Framework.class, (String) ((Map<?, ?>) userTree.get("deployment")).get("framework"));
        // The runtime of the major version the spec names reads the project; else the one whose major its files show.
        Object major = ((Map<?, ?>) userTree.get("deployment")).get("framework_major");
        Map.Entry<FrameworkRuntime, Optional<Detected>> reader = major instanceof Number number
                ? Map.entry(Frameworks.of(framework, Optional.of(number.intValue())), Optional.empty())
                : Frameworks.reading(framework, project);
        List<Detected> layout = new java.util.ArrayList<>(reader.getValue().stream().toList());
        // SpecQL and Confiture serve every framework; a framework without a migration tool of its own uses Confiture.
        layout.addAll(SpecqlProject.detect(project, reader.getKey().migrations().isEmpty()));
        Detection detection = reader.getKey().detect(project).with(layout);
        EffectiveConfig merged = ConfigMerger.merge(displayName, userTree, validation.locations(), validation.keyLocations(), detection);
        List<Problem> problems = SpecRules.check(merged);
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        EffectiveConfig config = merged.withWarnings(SpecRules.warnings(merged));
        DeploymentSpec spec = SpecBinder.bind(config);
        Survey survey = Preflight.run(project, spec, new SpecPlaces() {
            @Override
            public Location of(String key) {
                return config.setting(key).flatMap(Setting::location).orElse(Location.startOf(displayName));
            }

            @Override
            public boolean written(String key) {
                return config.isUserSet(key);
            }
        });
        if (!survey.errors().isEmpty()) {
            throw new SpecException(survey.errors());
        }
        return new LoadedSpec(spec.withProject(survey.facts()), config.withWarnings(survey.warnings()), bytes.clone());
    }

    /**
     * @param spec   the model
     * @param config the effective configuration with provenance
     * @param source the spec file's bytes, for fingerprints
     */
    public record LoadedSpec(DeploymentSpec spec, EffectiveConfig config, byte[] source) {
    }
}
