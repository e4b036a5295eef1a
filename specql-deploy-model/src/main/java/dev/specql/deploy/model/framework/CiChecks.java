package dev.specql.deploy.model.framework;

import java.util.List;
import java.util.Map;

/**
 * What a pipeline's test job runs for an app: the tools its own dependency files name first, then what the framework
 * itself ships, each command with where that choice came from, so the pipeline's summary can say why it runs what.
 *
 * @param install     commands that install the app with its test tools, after the language runtime is set up
 * @param lint        static checks; empty when the app has no linter and the framework has no check of its own
 * @param test        the test suite; empty when no test runner was found
 * @param environment variables the commands need beside the app's development ones (e.g. RAILS_ENV=test)
 */
public record CiChecks(List<CiCommand> install, List<CiCommand> lint, List<CiCommand> test, Map<String, String> environment) {

    public CiChecks {
        install = List.copyOf(install);
        lint = List.copyOf(lint);
        test = List.copyOf(test);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    /**
     * @param argv   the command, one word per item (never a shell line: pipelines quote each word for their shell)
     * @param origin why it runs, e.g. "ruff in uv.lock:212" or "Django's own test runner"
     */
    public record CiCommand(List<String> argv, String origin) {

        public CiCommand {
            argv = List.copyOf(argv);
        }
    }
}
