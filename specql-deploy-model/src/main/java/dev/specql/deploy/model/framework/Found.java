package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Location;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value read from a line of a project file.
 *
 * @param value  what the pattern's first group captured
 * @param origin the file and line
 */
record Found(String value, Location origin) {

    /** The first line of {@code file} where {@code pattern} finds a match. */
    static Optional<Found> first(ProjectFiles files, String file, Pattern pattern) {
        return files.read(file).flatMap(text -> all(file, text, pattern).stream().findFirst());
    }

    /** The last line of {@code file} where {@code pattern} finds a match: a Dockerfile's final stage, its command. */
    static Optional<Found> last(String file, String text, Pattern pattern) {
        List<Found> all = all(file, text, pattern);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static List<Found> all(String file, String text, Pattern pattern) {
        List<Found> found = new java.util.ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.find()) {
                found.add(new Found(m.group(1).strip(), new Location(file, i + 1, 1)));
            }
        }
        return found;
    }
}
