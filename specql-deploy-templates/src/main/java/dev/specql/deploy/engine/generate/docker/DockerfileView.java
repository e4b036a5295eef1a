package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.render.Safe;

/**
 * What the Dockerfile templates print, decided and escaped in {@link DockerGenerator}.
 *
 * @param labels        the OCI labels, key="value" pairs joined with line continuations
 * @param buildCommand  how to build the image, for the header
 * @param uv            uv (pyproject.toml + uv.lock) rather than pip (requirements.txt)
 * @param rust          the app builds its own Rust extension
 * @param collectstatic Django's static files are collected at build time
 */
public record DockerfileView(Safe syntax, Safe header, Safe buildCommand, Safe baseImage, Safe uvImage, Safe rustImage,
                             Safe labels, boolean uv, boolean rust, boolean collectstatic, Safe collectstaticCommand,
                             Safe devCommand, Safe serverCommand, Safe healthcheck, int port, int uid, int workers) {
}
