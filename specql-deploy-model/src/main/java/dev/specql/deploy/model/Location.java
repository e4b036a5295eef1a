package dev.specql.deploy.model;

/**
 * A place in a spec file, 1-based, the way editors and compilers print it.
 *
 * @param file   the spec file as the user named it
 * @param line   1-based line
 * @param column 1-based column, counted in code points
 */
public record Location(String file, int line, int column) {

    public static Location startOf(String file) {
        return new Location(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
