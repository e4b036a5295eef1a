package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What config/database.yml says production connects to: its named databases (Rails 8's primary, cache, queue and
 * cable) and every environment variable it reads, by the connection key that reads it. Read line by line, as its
 * ERB makes it no YAML until Rails renders it; sections for development and test are skipped.
 */
final class RailsDatabases {

    static final String FILE = "config/database.yml";
    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][\\w-]*)\\s*:");
    private static final Pattern KEY = Pattern.compile("^(\\s+)([A-Za-z_][\\w-]*|<<)\\s*:\\s*(.*)$");
    /** ENV["X"], ENV['X'], ENV.fetch("X" ...), ENV.fetch('X' ...). */
    private static final Pattern ENV_READ = Pattern.compile("ENV(?:\\[\\s*|\\.fetch\\(\\s*)[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']");
    /** The default of ENV.fetch("X") { "d" }, ENV.fetch("X", "d") or ENV["X"] || "d". */
    private static final Pattern ENV_DEFAULT = Pattern.compile(
            "ENV(?:\\.fetch\\(\\s*[\"'][^\"']+[\"']\\s*(?:,\\s*|\\)\\s*\\{\\s*)|\\[\\s*[\"'][^\"']+[\"']\\s*]\\s*\\|\\|\\s*)[\"']([^\"']+)[\"']");
    /** Keys of one connection; any other key with a nested block under production names a database. */
    private static final Set<String> CONNECTION_KEYS = Set.of("adapter", "database", "url", "host", "port", "username", "user",
            "password", "pool", "encoding", "timeout", "schema_search_path", "sslmode", "prepared_statements", "advisory_locks",
            "migrations_paths", "checkout_timeout", "variables", "reaping_frequency", "idle_timeout", "replica", "database_tasks",
            "connect_timeout", "min_messages", "schema_dump", "<<", "max_connections", "min_connections", "keepalive");

    /**
     * @param name     the configuration's name, "primary" for a file with one database
     * @param database the database it names, when the file says so (literally or as an ENV default)
     * @param origin   the line of its key
     */
    record Database(String name, Optional<String> database, Location origin) {
    }

    /**
     * @param variable the environment variable
     * @param key      the connection key it sets, e.g. host
     * @param config   the database configuration it belongs to ("primary" when shared by all through an anchor)
     * @param origin   where it is read
     */
    record EnvRead(String variable, String key, String config, Location origin) {

        Optional<DatabasePart> role() {
            return DatabasePart.ofKey(key);
        }
    }

    record Production(List<Database> databases, List<EnvRead> reads) {
    }

    private RailsDatabases() {
    }

    static Optional<Production> read(ProjectFiles files) {
        return files.read(FILE).map(RailsDatabases::parse);
    }

    static Production parse(String text) {
        List<String> lines = text.lines().toList();
        List<Database> databases = new ArrayList<>();
        List<EnvRead> reads = new ArrayList<>();
        String section = "";
        int childIndent = -1;
        String config = "primary";
        Map<String, Location> named = new LinkedHashMap<>();
        Map<String, String> databaseNames = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher top = TOP_KEY.matcher(line);
            if (top.find()) {
                section = top.group(1);
                childIndent = -1;
                config = "primary";
                continue;
            }
            if (section.equals("development") || section.equals("test")) {
                continue;
            }
            Location at = new Location(FILE, i + 1, 1);
            Matcher key = KEY.matcher(line);
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            String name = key.group(2);
            String value = key.group(3).strip();
            if (section.equals("production")) {
                if (childIndent < 0) {
                    childIndent = indent;
                }
                if (indent == childIndent) {
                    boolean opensBlock = (value.isEmpty() || value.startsWith("&")) && !CONNECTION_KEYS.contains(name);
                    config = opensBlock ? name : "primary";
                    if (opensBlock) {
                        named.put(name, at);
                    }
                }
            }
            // Anchored defaults outside production reach every database that merges them: they count as the primary's.
            String owner = section.equals("production") ? config : "primary";
            Matcher env = ENV_READ.matcher(value);
            while (env.find()) {
                reads.add(new EnvRead(env.group(1), name, owner, at));
            }
            if (section.equals("production") && name.equals("database")) {
                Matcher fallback = ENV_DEFAULT.matcher(value);
                String literal = value.replaceAll("^[\"']|[\"']$", "");
                if (fallback.find()) {
                    databaseNames.put(owner, fallback.group(1));
                } else if (!value.contains("<%") && !literal.isEmpty()) {
                    databaseNames.put(owner, literal);
                }
            }
        }
        if (named.isEmpty()) {
            databases.add(new Database("primary", Optional.ofNullable(databaseNames.get("primary")), Location.startOf(FILE)));
        } else {
            named.forEach((name, at) -> databases.add(new Database(name, Optional.ofNullable(databaseNames.get(name)), at)));
        }
        return new Production(databases, reads);
    }
}
