package dev.specql.deploy.model.catalog;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every pinned third-party version the generated files use, in one place, so an upgrade is one edit
 * and a review of one diff. Image tags are exact (never "latest" or a bare major); each was checked to
 * exist on Docker Hub or GHCR on the date in {@link #CHECKED}.
 */
public final class Pins {

    public static final String CHECKED = "2026-11-26";

    /** Python runtime image per supported minor version (Debian trixie, slim). */
    public static final Map<String, String> PYTHON_IMAGES = sorted(Map.of(
            "3.12", "python:3.12.15-slim-trixie",
            "3.13", "python:3.13.16-slim-trixie",
            "3.14", "python:3.14.8-slim-trixie"));

    /** Ruby runtime image per supported minor version (Debian trixie, slim). */
    public static final Map<String, String> RUBY_IMAGES = sorted(Map.of(
            "3.3", "ruby:3.3.12-slim-trixie",
            "3.4", "ruby:3.4.11-slim-trixie"));

    /** PostgreSQL server image per supported major version; also the RDS engine major. */
    public static final Map<String, String> POSTGRES_IMAGES = sorted(Map.of(
            "14", "postgres:14.24-trixie",
            "15", "postgres:15.19-trixie",
            "16", "postgres:16.15-trixie",
            "17", "postgres:17.11-trixie",
            "18", "postgres:18.6-trixie"));

    /** Redis-compatible broker for Celery and Sidekiq; Valkey is BSD-licensed. */
    public static final String VALKEY_IMAGE = "valkey/valkey:8.1.10-alpine3.24";

    public static final String CADDY_IMAGE = "caddy:2.10.2-alpine";

    /** uv's static binaries, copied into Python build stages. */
    public static final String UV_IMAGE = "ghcr.io/astral-sh/uv:0.13.0";

    /** Rust toolchain, only for apps that build their own Rust extension. */
    public static final String RUST_IMAGE = "rust:1.99.0-slim-trixie";

    /** Dockerfile frontend syntax version. */
    public static final String DOCKERFILE_SYNTAX = "docker/dockerfile:1.19";

    public static Set<String> pythonVersions() {
        return PYTHON_IMAGES.keySet();
    }

    public static Set<String> rubyVersions() {
        return RUBY_IMAGES.keySet();
    }

    public static Set<String> postgresVersions() {
        return POSTGRES_IMAGES.keySet();
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private Pins() {
    }
}
