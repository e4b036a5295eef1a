package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.Keyword;
import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Pattern;
import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.config.EffectiveConfig;
import dev.specql.deploy.model.framework.FrameworkRuntime;
import dev.specql.deploy.model.framework.Frameworks;
import dev.specql.deploy.model.text.Printable;
import dev.specql.deploy.model.text.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What every section's rules read (the configuration, its framework and pattern) and where they report. */
final class RuleContext {

    private final EffectiveConfig config;
    private final FrameworkRuntime runtime;
    private final Pattern pattern;
    private final List<Problem> problems = new ArrayList<>();

    RuleContext(EffectiveConfig config) {
        this.config = config;
        this.runtime = Frameworks.of(Keyword.parse(Framework.class, config.text("deployment.framework")),
                config.has("deployment.framework_major") ? Optional.of(config.integer("deployment.framework_major")) : Optional.empty());
        this.pattern = Keyword.parse(Pattern.class, config.text("deployment.pattern"));
    }

    EffectiveConfig config() {
        return config;
    }

    FrameworkRuntime runtime() {
        return runtime;
    }

    Pattern pattern() {
        return pattern;
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Of the keys a rule involves, the first the user wrote: a problem points at what the user can see and change. */
    String written(String... paths) {
        return Arrays.stream(paths).filter(config::isUserSet).findFirst().orElse(paths[0]);
    }

    void error(String path, String message, String suggestion) {
        error(config.locate(path), path, message, suggestion);
    }

    void error(Location location, String path, String message, String suggestion) {
        problems.add(Problem.of(location, path, message, suggestion));
    }

    void unknownEnvironment(Location location, String path, String name, Set<String> known) {
        error(location, path, "unknown environment " + Printable.quote(name) + "; expected one of " + String.join(", ", known),
                Suggestions.closest(name, known).map(s -> "did you mean '" + s + "'?").orElse(null));
    }
}
