package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * What a Dockerfile template prints, decided and escaped in {@link DockerGenerator}.
 *
 * @param labels       the OCI labels, key="value" pairs joined with line continuations
 * @param buildCommand how to build the image, for the header
 */
public record DockerfileView(Safe syntax, Safe header, Safe buildCommand, Safe labels, Images images, Build build,
                             Optional<Server> server, Process process) {

    /**
     * A server built from its crates in a stage of its own.
     *
     * @param crates    what cargo installs, space-separated name@version
     * @param binaries  the binaries the runtime image keeps, space-separated paths in the server stage
     * @param directory where the image keeps the server's files
     * @param files     the generated folder with the server's configuration and launcher, from the project root
     */
    public record Server(Safe crates, Safe binaries, Safe directory, Safe files) {
    }

    /** @param uv uv's static binaries; @param rust the Rust toolchain */
    public record Images(Safe base, Safe uv, Safe rust) {
    }

    /**
     * @param uv                uv (pyproject.toml + uv.lock) rather than pip (a requirements file)
     * @param rust              the app builds its own Rust extension
     * @param dependencyFiles   the files the dependency layer bind-mounts
     * @param requirementsFile  the file pip installs from, with uv empty
     * @param buildPackages     Debian packages the build stage adds, each after a space; empty when none
     * @param afterDependencies one RUN's shell lines, joined with &&, once dependencies are installed
     * @param afterCode         one RUN's shell lines, joined with &&, once the code is copied (assets, static files)
     * @param systemPackages    Debian packages of the runtime image, space-separated, when there are any
     * @param runtimeSetup      one RUN's shell lines, as root in the runtime stage before it drops to the app's user
     */
    public record Build(boolean uv, boolean rust, List<Safe> dependencyFiles, Optional<Safe> requirementsFile, Safe buildPackages,
                        Optional<Safe> afterDependencies, Optional<Safe> afterCode, Optional<Safe> systemPackages,
                        Optional<Safe> runtimeSetup) {
    }

    /** Exec-form commands, and the runtime user and concurrency. */
    /** @param storage a directory the app writes uploads to, on a volume: created in the image and owned by the app's user */
    /**
     * @param portVariable whether the image sets PORT, which the app's own command reads
     * @param uploads whether one of the owned directories keeps uploads (a volume)
     * @param owned   the directories the app's user owns, space-separated, when there are any
     */
    public record Process(Safe devCommand, Safe serverCommand, Safe healthcheck, int port, boolean portVariable, int uid,
                          Optional<Integer> workers, boolean uploads, Optional<Safe> owned) {
    }
}
