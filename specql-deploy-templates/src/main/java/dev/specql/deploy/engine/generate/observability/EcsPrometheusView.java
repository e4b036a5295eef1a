package dev.specql.deploy.engine.generate.observability;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * prometheus/ecs/&lt;environment&gt;.yml: Prometheus in the monitoring task of one ECS environment, which finds the app's
 * tasks through ECS's API and reaches its neighbours on the task's loopback.
 *
 * @param environment      the environment's name, in comments
 * @param environmentLabel the environment, as the external label every alert carries
 * @param ruleFiles        the rules files it loads, relative to this file
 * @param cluster          the ECS cluster the app's service runs in
 * @param service          the app's ECS service, as an anchored regular expression
 * @param port             the app's container port, which serves the metrics path
 */
public record EcsPrometheusView(Safe header, Safe environment, Safe scrapeInterval, Safe deployment, Safe environmentLabel,
                                List<Safe> ruleFiles, Safe metricsPath, Optional<Safe> tokenFile, Safe region, Safe cluster, Safe service,
                                int port, Optional<Safe> probeUrl) {
    public EcsPrometheusView {
        ruleFiles = List.copyOf(ruleFiles);
    }
}
