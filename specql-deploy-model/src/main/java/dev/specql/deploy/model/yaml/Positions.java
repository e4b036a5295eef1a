package dev.specql.deploy.model.yaml;

import dev.specql.deploy.model.Location;
import org.yaml.snakeyaml.error.Mark;

/**
 * Line and column of a place in the spec, the one way for positions the reader computes and those SnakeYAML
 * reports: lines end at {@code \r\n}, {@code \r} or {@code \n} (YAML's line breaks; the others SnakeYAML knows,
 * NEL, LS and PS, are refused before it reads the text), and columns count code points.
 */
final class Positions {

    private Positions() {
    }

    /** The position of {@code text.charAt(index)}. */
    static Location of(String file, String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            char c = text.charAt(i);
            boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
            if (c == '\n' || (c == '\r' && !crlf)) {
                line++;
                column = 1;
            } else if (c != '\r' && !Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new Location(file, line, column);
    }

    /** SnakeYAML's 0-based mark as a location; SnakeYAML counts lines and columns as {@link #of(String, String, int)}. */
    static Location of(String file, Mark mark) {
        return mark == null ? Location.startOf(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
