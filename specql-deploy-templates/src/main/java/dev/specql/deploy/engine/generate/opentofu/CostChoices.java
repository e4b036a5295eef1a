package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.EcsHosting;
import dev.specql.deploy.engine.plan.EnvironmentPlan;
import dev.specql.deploy.engine.plan.ServerHosting;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost choices the generated configuration makes for its pattern, each with what it gives up and how to undo
 * it: the README states them beside the estimates, so that a saving is never a hidden trade.
 */
final class CostChoices {

    private CostChoices() {
    }

    static List<String> of(DeploymentPlan plan) {
        List<String> choices = new ArrayList<>();
        EnvironmentPlan production = plan.production();
        if (production.hosting() instanceof ServerHosting) {
            choices.add("No detailed (1-minute) EC2 monitoring: it would add about $2.10 a month; the alarms use the free 5-minute CPU "
                    + "metric and the 1-minute status check. Set detailed_monitoring = true on the server module to turn it on.");
            return choices;
        }
        EcsHosting ecs = production.ecs();
        if (ecs.publicTasks()) {
            choices.add("No NAT gateway: the tasks run in the public subnets with a public IP each (about $3.65 a month per task, "
                    + "against $32.85 for a NAT gateway and $3.65 for its address). Their security group admits only the load balancer, "
                    + "so nothing reaches them directly, and the database and broker stay in private subnets. What is lost: outbound "
                    + "traffic leaves from changing addresses, so a third party cannot allow-list it. To get a fixed address, set "
                    + "nat_gateway_mode = \"single\" on the networking module, subnet_ids = module.networking.private_subnet_ids on the "
                    + "compute module and remove its assign_public_ip.");
        } else {
            choices.add("A NAT gateway in every zone of production, so that the private tasks keep reaching AWS APIs and the internet when "
                    + "a zone fails; environments before it share one.");
        }
        if (ecs.containerInsights()) {
            choices.add("Container Insights on in production (per-task CPU, memory, network and storage metrics); off before it.");
        } else {
            choices.add("Container Insights off: its per-task metrics would add about $11 a month per environment. The service's CPU and "
                    + "memory metrics, which the alarms and the dashboard use, are free. Set container_insights = true on the compute "
                    + "module to turn it on.");
        }
        choices.add("Environments before production run their app tasks on Fargate Spot (about 70% cheaper): AWS may reclaim a task with "
                + "two minutes' notice, and the service starts another, so a staging deploy can briefly run short. Production runs "
                + "on demand.");
        if (plan.app().worker().isPresent() && ecs.spotWorkers()) {
            choices.add("The job workers run on Fargate Spot everywhere: a reclaimed worker gets SIGTERM two minutes ahead, and the job "
                    + "system puts its unfinished jobs back in the queue, so jobs must be safe to run twice (they must be anyway). Set "
                    + "capacity_provider = \"FARGATE\" in the compute module's worker block for jobs that cannot be interrupted.");
        }
        CpuArchitecture architecture = ecs.tasks().architecture();
        choices.add(architecture == CpuArchitecture.ARM64
                ? "Tasks on ARM64 (Graviton), about 20% cheaper than x86_64: build the image for linux/arm64."
                : "Tasks on x86_64: the framework's image is built for it only (ARM64 would be about 20% cheaper).");
        return choices;
    }
}
