package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/** The view of a compiled server's TOML configuration: flat keys, as fraiseql-server reads them. */
public record ServerTomlView(Safe header, List<Entry> entries) {

    public ServerTomlView {
        entries = List.copyOf(entries);
    }

    /** One key and its TOML value. */
    public record Entry(Safe key, Safe value) {
    }
}
