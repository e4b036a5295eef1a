package dev.specql.deploy.engine.generate.helm;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * The chart's README: prerequisites with their versions, the first install, upgrades, rollback and removal.
 *
 * @param fenceName the chart's name in a shell code block, where Markdown has no escapes (a validated DNS label)
 */
public record ReadmeView(Safe header, Safe name, Safe fenceName, Safe summary, Safe chartPath, Safe namespace, Optional<Safe> kubeContext, Safe host,
                         Safe kubernetesChecked, Safe kubernetesMinimum, Safe cloudnativePg, Safe barmanCloud, Safe certManager,
                         Safe prometheusOperator, Safe helm, Safe ingressClass, boolean tls, Safe clusterIssuer, Safe appSecret,
                         List<Secret> secrets, boolean migrations, Safe migrationCommand, boolean worker, Safe workerKind, boolean valkey,
                         Safe postgresImage, int instances, Safe storageSize, Safe retention, boolean monitors, boolean dashboards, List<Safe> writablePaths,
                         Optional<Safe> uploads) {

    /** A key of the app's Secret and what it is. */
    public record Secret(Safe key, Safe description) {
    }
}
