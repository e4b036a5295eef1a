package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.Optional;

/**
 * What a Dockerfile template prints, decided and escaped in {@link DockerGenerator}.
 *
 * @param labels       the OCI labels, key="value" pairs joined with line continuations
 * @param buildCommand how to build the image, for the header
 */
public record DockerfileView(Safe syntax, Safe header, Safe buildCommand, Safe labels, Images images, Build build,
                             Process process) {

    /** @param uv uv's static binaries; @param rust the Rust toolchain */
    public record Images(Safe base, Safe uv, Safe rust) {
    }

    /**
     * @param uv   uv (pyproject.toml + uv.lock) rather than pip (requirements.txt)
     * @param rust the app builds its own Rust extension
     * @param step the framework's shell line at the end of the build stage (collectstatic, ...)
     */
    public record Build(boolean uv, boolean rust, Optional<Safe> step) {
    }

    /** Exec-form commands, and the runtime user and concurrency. */
    public record Process(Safe devCommand, Safe serverCommand, Safe healthcheck, int port, int uid, int workers) {
    }
}
