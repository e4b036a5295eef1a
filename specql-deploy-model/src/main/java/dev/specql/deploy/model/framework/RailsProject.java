package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Rails app's Gemfile, lock file and configuration say, read line by line as Bundler and Rails would find them. */
final class RailsProject {

    private static final Pattern GEM = Pattern.compile("^\\s*gem\\s*\\(?\\s*[\"']([A-Za-z0-9_.-]+)[\"']");
    /** A top-level spec of Gemfile.lock: four spaces, the name, the version in parentheses. */
    private static final Pattern LOCKED_GEM = Pattern.compile("^ {4}([A-Za-z0-9_.-]+) \\(");
    /** config.active_job.queue_adapter = :solid_queue, outside comments. */
    static final Pattern QUEUE_ADAPTER = Pattern.compile("^\\s*config\\.active_job\\.queue_adapter\\s*=\\s*:(\\w+)");
    /** Where Rails apps set the production queue adapter, the file production reads last first. */
    static final List<String> CONFIG_FILES = List.of("config/environments/production.rb", "config/application.rb");

    private RailsProject() {
    }

    /** Every gem the Gemfile declares, at its line, and then those only the lock file resolves (dependencies of gems). */
    static Map<String, Location> gems(ProjectFiles files) {
        Map<String, Location> gems = new LinkedHashMap<>();
        collect(files, "Gemfile", GEM, gems);
        collect(files, "Gemfile.lock", LOCKED_GEM, gems);
        return gems;
    }

    /** The gems the Gemfile itself names: what the app chose, not what its gems pulled in. */
    static Map<String, Location> declared(ProjectFiles files) {
        Map<String, Location> gems = new LinkedHashMap<>();
        collect(files, "Gemfile", GEM, gems);
        return gems;
    }

    private static void collect(ProjectFiles files, String file, Pattern pattern, Map<String, Location> into) {
        files.read(file).ifPresent(text -> {
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = pattern.matcher(lines.get(i));
                if (m.find()) {
                    into.putIfAbsent(m.group(1), new Location(file, i + 1, 1));
                }
            }
        });
    }

    /** The queue adapter production configures, when a file sets one. */
    static Optional<Found> queueAdapter(ProjectFiles files) {
        return CONFIG_FILES.stream().map(file -> Found.first(files, file, QUEUE_ADAPTER)).flatMap(Optional::stream).findFirst();
    }
}
