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

    /**
     * PostGIS on the official postgres image, for apps whose database URL says postgis: the Debian tags of
     * postgis/docker-postgis (its README at 51b3555, April 2026: 14 to 17 with PostGIS 3.5, 18 with 3.6 on trixie).
     */
    public static final Map<String, String> POSTGIS_IMAGES = sorted(Map.of(
            "14", "postgis/postgis:14-3.5",
            "15", "postgis/postgis:15-3.5",
            "16", "postgis/postgis:16-3.5",
            "17", "postgis/postgis:17-3.5",
            "18", "postgis/postgis:18-3.6"));

    /** The database server image of a PostgreSQL major, with PostGIS when the app's database URL asks for it. */
    public static String databaseImage(String major, boolean postgis) {
        return (postgis ? POSTGIS_IMAGES : POSTGRES_IMAGES).get(major);
    }

    /**
     * GitLab CI's publish and deploy jobs: a small shell with a package manager whose release (3.24) fixes the
     * versions of the AWS CLI, skopeo and jq the jobs install.
     */
    public static final String ALPINE_IMAGE = "alpine:3.24.1";

    /** Redis-compatible broker for Celery and Sidekiq; Valkey is BSD-licensed. */
    public static final String VALKEY_IMAGE = "valkey/valkey:8.1.10-alpine3.24";

    public static final String CADDY_IMAGE = "caddy:2.10.2-alpine";

    /** uv's static binaries, copied into Python build stages. */
    public static final String UV_VERSION = "0.13.0";
    public static final String UV_IMAGE = "ghcr.io/astral-sh/uv:" + UV_VERSION;

    /**
     * The image scanner of the CI pipelines (Trivy, aquasecurity/trivy v0.74.0, 2026-08-14): the GitHub action is told
     * this version, GitLab runs this image.
     */
    public static final String TRIVY_VERSION = "0.74.0";
    public static final String TRIVY_IMAGE = "aquasec/trivy:" + TRIVY_VERSION;

    /** Rootless BuildKit (moby/buildkit v0.32.2, 2026-08-04), which builds images in GitLab CI without Docker-in-Docker. */
    public static final String BUILDKIT_IMAGE = "moby/buildkit:v0.32.2-rootless";

    /**
     * The full (not slim) image of a slim runtime image, for CI test jobs: the same language version with compilers and
     * the PostgreSQL client headers native extensions build against (the official images' buildpack-deps base).
     */
    public static String ciImage(String slimImage) {
        if (slimImage.contains("-slim-")) {
            return slimImage.replace("-slim-", "-");
        }
        if (slimImage.endsWith("-slim")) {
            return slimImage.substring(0, slimImage.length() - "-slim".length());
        }
        throw new IllegalArgumentException("not a slim image tag: " + slimImage);
    }

    /** Rust toolchain, only for apps that build their own Rust extension. */
    public static final String RUST_IMAGE = "rust:1.99.0-slim-trixie";

    /**
     * FraiseQL 2's server and schema compiler, built from crates.io in the image: one version for both, as the
     * server refuses a schema another release compiled. Not 2.19.0, the newest: the Cargo.lock it was published with pins
     * fraiseql-cli 2.18.0, which requires fraiseql-server ^2.18 locked to 2.18.0, so {@code cargo install --locked} of
     * it cannot resolve (measured 2026-11-30). 2.18.0 resolves locked and reads the same server.toml keys (the config
     * structs of both sources are identical). Needs rustc 1.95 or later.
     */
    public static final String FRAISEQL_SERVER_VERSION = "2.18.0";

    /**
     * The GitHub Actions the generated workflows use, by full commit SHA. Each SHA is the commit its tag pointed to in
     * the action's repository on 2026-12-01 (read with git for-each-ref and rev-parse TAG^{commit} on a clone; the
     * newest vX.Y.Z release of each). Upgrade by reading the new tag's commit the same way, never by typing one.
     */
    public static final Map<String, ActionPin> GITHUB_ACTIONS = actions(
            new ActionPin("actions/checkout", "v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1"),
            new ActionPin("actions/setup-python", "v7.0.0", "5fda3b95a4ea91299a34e894583c3862153e4b97"),
            new ActionPin("astral-sh/setup-uv", "v10.0.1", "20cfd1bf945f4377ade1205e4dbc17946fc9a30d"),
            new ActionPin("ruby/setup-ruby", "v1.315.0", "0dafeac902942906541bc140009cdbf32665b601"),
            new ActionPin("docker/setup-buildx-action", "v4.3.0", "37fe631027851001ddb9b187196cc803df7f5f0e"),
            new ActionPin("docker/build-push-action", "v7.3.0", "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a"),
            new ActionPin("aquasecurity/trivy-action", "v0.36.0", "ed142fd0673e97e23eac54620cfb913e5ce36c25"),
            new ActionPin("aws-actions/configure-aws-credentials", "v6.2.3", "e6de054238d6b7531b4efff3b6587d9aade6a06c"),
            new ActionPin("aws-actions/amazon-ecr-login", "v2.1.7", "03f1aad4c6c7ffd436567f42f9384779290529bd"));

    /** The pinned action of {@code repository}; asking for one the table lacks is a generator bug. */
    public static ActionPin action(String repository) {
        ActionPin pin = GITHUB_ACTIONS.get(repository);
        if (pin == null) {
            throw new IllegalArgumentException("no pinned version of the action " + repository + " in Pins.GITHUB_ACTIONS");
        }
        return pin;
    }

    private static Map<String, ActionPin> actions(ActionPin... pins) {
        Map<String, ActionPin> byRepository = new TreeMap<>();
        for (ActionPin pin : pins) {
            if (byRepository.put(pin.repository(), pin) != null) {
                throw new IllegalStateException("two pins of " + pin.repository());
            }
        }
        return java.util.Collections.unmodifiableMap(byRepository);
    }

    /**
     * The monitoring stack of the Compose overlay (generated/observability/compose.yaml), each the newest release tag of
     * its repository on 2026-11-30 (read with git tag on a clone of the repository; prometheus and alertmanager also as
     * the Go module versions the suite's promtool and amtool are built from, v0.316.0 being Prometheus 3.16.0). cAdvisor
     * publishes to GHCR from 0.53 on, with tags that have no "v".
     */
    public static final String PROMETHEUS_VERSION = "3.16.0";
    public static final String PROMETHEUS_IMAGE = "prom/prometheus:v" + PROMETHEUS_VERSION;
    public static final String ALERTMANAGER_IMAGE = "prom/alertmanager:v0.35.0";
    public static final String POSTGRES_EXPORTER_IMAGE = "prometheuscommunity/postgres-exporter:v0.20.1";
    public static final String NODE_EXPORTER_IMAGE = "prom/node-exporter:v1.12.1";
    public static final String BLACKBOX_EXPORTER_IMAGE = "prom/blackbox-exporter:v0.28.0";
    public static final String CADVISOR_IMAGE = "ghcr.io/google/cadvisor:0.60.5";
    /**
     * Grafana OSS, which runs the provisioned dashboards: their schemaVersion 42 is this release's. grafana/grafana-oss
     * is no longer updated since 12.4; 13.2.1's tag is cited by Grafana's own repositories (registries are unreachable here).
     */
    public static final String GRAFANA_IMAGE = "grafana/grafana:13.2.1";
    /**
     * Loki and Alloy, the log store and its collector (Promtail reached its end of life in 2026-03). Loki's tags have
     * no "v", Alloy's do; both the newest releases the Go module proxy served in 2026-11 (v3.7.8, v1.19.0).
     */
    public static final String LOKI_IMAGE = "grafana/loki:3.7.8";
    public static final String ALLOY_IMAGE = "grafana/alloy:v1.19.0";
    /**
     * The AWS CLI v2, which copies the monitoring configuration from S3 into the ECS monitoring task's volumes; from
     * AWS's own public registry (no Docker Hub pull limit). 2.36.7 is the newest tag of aws/aws-cli in the mirror read
     * in 2026-12 (2026-07-23); the image is published for each release.
     */
    public static final String AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.36.7";

    /** OpenTofu version the generated configurations require at least, and the suite validates with. */
    public static final String OPENTOFU_VERSION = "1.10.10";

    /** The hashicorp/aws provider version every generated root configuration pins exactly. */
    public static final String AWS_PROVIDER_VERSION = "6.47.0";

    /**
     * The Docker Compose plugin the hobby-project server installs (Amazon Linux 2023 does not package it),
     * with the SHA-256 of each release binary as the docker-library "docker" image pins them.
     */
    public static final String COMPOSE_PLUGIN_VERSION = "v2.33.0";
    public static final Map<String, String> COMPOSE_PLUGIN_SHA256 = sorted(Map.of(
            "aarch64", "03a42a0fc0614ffc3c9ebca521cab75e02c427b68e45e3f6867d9510b9a28818",
            "x86_64", "6395dbb256db6ea28d5c6695bc9bc33866c07ad1c93792f8d85857f1c21c34ee"));

    /** Dockerfile frontend syntax version. */
    public static final String DOCKERFILE_SYNTAX = "docker/dockerfile:1.19";

    /**
     * The Python image for application.runtime_version: the pinned tag of a minor version, or for an exact release
     * the official image's own tag for it (the pinned tag when it is the pinned release). That tag names no Debian
     * release because old releases were never built for the current one; it is still fixed, as the official images
     * stop rebuilding a release once the next ships.
     */
    public static String pythonImage(String runtimeVersion) {
        return image("python", PYTHON_IMAGES, runtimeVersion);
    }

    /** The Ruby image for application.runtime_version, chosen as {@link #pythonImage} chooses. */
    public static String rubyImage(String runtimeVersion) {
        return image("ruby", RUBY_IMAGES, runtimeVersion);
    }

    /** "3.12" for "3.12" and "3.12.7". */
    public static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts[0] + "." + parts[1];
    }

    private static String image(String repository, Map<String, String> pinned, String version) {
        if (pinned.containsKey(version)) {
            return pinned.get(version);
        }
        if (!pinned.containsKey(minor(version))) {
            throw new IllegalArgumentException("no " + repository + " image for " + version);
        }
        // The pinned release itself keeps the pinned tag, which also fixes the Debian release.
        String pin = pinned.get(minor(version));
        return pin.startsWith(repository + ":" + version + "-") ? pin : repository + ":" + version + "-slim";
    }

    /**
     * psql of a PostgreSQL major, for ECS tasks that administer RDS: the official image through ECR Public's mirror
     * of the Docker official images (same tags), which AWS networks pull from without Docker Hub's rate limits.
     */
    public static String postgresClientImage(String major) {
        return "public.ecr.aws/docker/library/" + POSTGRES_IMAGES.get(major);
    }

    /**
     * The kubernetes pattern's chart: the Kubernetes minor whose OpenAPI schemas the conformance suite checks it
     * against (k8s.io/kubernetes v1.37.2), the oldest minor its templates need (the preStop sleep action is on by
     * default from 1.30), and the operators it is checked with (their CRDs, from their Go modules at these versions).
     */
    public static final String KUBERNETES_CHECKED = "1.37";
    public static final String KUBERNETES_MINIMUM = "1.30";
    public static final String CLOUDNATIVE_PG_VERSION = "1.30.1";
    public static final String BARMAN_CLOUD_PLUGIN_VERSION = "0.15.0";
    public static final String PROMETHEUS_OPERATOR_VERSION = "0.85.0";
    public static final String CERT_MANAGER_VERSION = "1.21.2";
    public static final String HELM_VERSION = "4.3.2";

    /**
     * The CloudNativePG operand image of a PostgreSQL major: the project's own build of the pinned minor release
     * (ghcr.io/cloudnative-pg/postgresql, tags {@code <minor>-<variant>-<debian>}), in its standard variant (no Barman
     * Cloud inside: backups go through the Barman Cloud plugin).
     */
    public static String cloudnativePgImage(String major) {
        String official = POSTGRES_IMAGES.get(major);
        if (official == null) {
            throw new IllegalArgumentException("no PostgreSQL image for major " + major);
        }
        String release = official.substring(official.indexOf(':') + 1, official.indexOf('-'));
        return "ghcr.io/cloudnative-pg/postgresql:" + release + "-standard-trixie";
    }

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
