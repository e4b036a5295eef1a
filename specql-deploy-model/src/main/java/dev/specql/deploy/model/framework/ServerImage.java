package dev.specql.deploy.model.framework;

import java.util.List;
import java.util.Map;

/**
 * A server built from its source crates into the app's image, with its configuration file.
 *
 * @param crates    what cargo installs, as name@version, all from one release
 * @param binaries  the binaries the runtime image keeps (the compiler stays in the build stage)
 * @param directory where the image keeps the server's files: its configuration, the compiled schema, the launcher
 * @param folder    the folder beside the deployment README that holds the configuration and the launcher
 * @param config    the server's TOML configuration, key by key in file order: strings, booleans and integers only
 */
public record ServerImage(List<String> crates, List<String> binaries, String directory, String folder, Map<String, Object> config) {

    public ServerImage {
        crates = List.copyOf(crates);
        binaries = List.copyOf(binaries);
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }
}
