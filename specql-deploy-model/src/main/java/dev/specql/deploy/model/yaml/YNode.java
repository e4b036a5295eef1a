package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.text.Printable;
import java.util.List;
import java.util.Map;

/** A YAML node that remembers where it was written. Only the three shapes a spec needs exist. */
public sealed interface YNode permits YNode.YScalar, YNode.YMap, YNode.YSeq {

    Location location();

    /** What a node is called in messages: "a string", "a mapping", ... */
    String describe();

    /** The type YAML 1.1 resolved a plain scalar to; quoted scalars are always {@link #STRING}. */
    enum ScalarKind {
        STRING("a string"), INTEGER("an integer"), FLOAT("a number"), BOOLEAN("a boolean"), NULL("nothing (null)");

        private final String description;

        ScalarKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * @param text the scalar exactly as written, without quotes
     * @param kind what YAML resolved it to
     */
    record YScalar(String text, ScalarKind kind, Location location) implements YNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string " + Printable.quote(text);
                case NULL -> kind.description();
                default -> kind.description() + " (" + Printable.shorten(text) + ")";
            };
        }

        public boolean isNull() {
            return kind == ScalarKind.NULL;
        }
    }

    /** A mapping entry: the key's own location is where unknown-key errors point. */
    record YEntry(String key, Location keyLocation, YNode value) {
    }

    /** Entries in file order. */
    record YMap(Map<String, YEntry> entries, Location location) implements YNode {
        public YMap {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record YSeq(List<YNode> items, Location location) implements YNode {
        public YSeq {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
