package dev.specql.deploy.model;

/** Key paths as problems print them: {@code database.backup.retention}, {@code cicd.triggers[0].event}. */
public final class KeyPath {

    private KeyPath() {
    }

    /** The path of a mapping key; the root's keys have no prefix. */
    public static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The path of a list item. */
    public static String item(String path, int index) {
        return path + "[" + index + "]";
    }
}
