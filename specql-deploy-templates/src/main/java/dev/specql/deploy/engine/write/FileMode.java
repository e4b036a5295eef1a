package dev.specql.deploy.engine.write;

/** How a generated file is marked on a POSIX file system: rw-r--r-- or rwxr-xr-x. */
public enum FileMode {
    REGULAR,
    EXECUTABLE
}
