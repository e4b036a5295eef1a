package dev.specql.deploy.engine.plan;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.DeploymentSpec.Environment;
import dev.specql.deploy.model.DeploymentSpec.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How an image reaches the environments, read from cicd.triggers and cicd.environments: which git refs build and
 * publish it, and what starts each environment's deploy. A push (or tag) trigger starts its environment and, after
 * it, every following one that deploys on its own (auto_deploy) or waits for a reviewer (approval_required), in
 * promotion order; the first that does neither ends the chain. A manual trigger starts its environment alone, with
 * the digest of an image already published (promote) or of the image built from the chosen ref (deploy). An
 * environment no trigger reaches is deployed by hand (when no trigger deploys, every one is).
 *
 * @param publishRefs the git refs whose pipelines may publish images (refs/heads/... or refs/tags/..., a trailing *
 *                    matching any rest), the default branch first
 * @param stages      one per environment, in promotion order
 */
public record DeliveryPlan(List<String> publishRefs, List<Stage> stages) {

    public DeliveryPlan {
        publishRefs = List.copyOf(publishRefs);
        stages = List.copyOf(stages);
    }

    /** What starts a deploy: a push of a matching ref, or a person choosing the environment. */
    public sealed interface Start permits PushOf, Dispatch {
    }

    /** @param ref refs/heads/... or refs/tags/..., a trailing * matching any rest */
    public record PushOf(String ref) implements Start {
        public boolean prefix() {
            return ref.endsWith("*");
        }

        /** The ref without its trailing *. */
        public String stem() {
            return prefix() ? ref.substring(0, ref.length() - 1) : ref;
        }
    }

    /** @param promote the digest deployed must be given (an image already published), not built from the ref */
    public record Dispatch(boolean promote) implements Start {
    }

    /** @param previous the environment before this one in promotion order, none for the first */
    public record Stage(String environment, boolean approval, Optional<String> previous, List<Start> startedBy) {
        public Stage {
            startedBy = List.copyOf(startedBy);
        }

        public boolean dispatchable() {
            return startedBy.stream().anyMatch(Dispatch.class::isInstance);
        }

        public List<PushOf> pushes() {
            return startedBy.stream().filter(PushOf.class::isInstance).map(PushOf.class::cast).toList();
        }
    }

    /**
     * Whether the pipelines deploy: on the AWS patterns (ECS, or the hobby server through SSM Run Command), from either
     * CI system; the kubernetes pattern deploys with its Helm chart.
     */
    public static boolean deploys(DeploymentPlan plan) {
        return !(plan.production().hosting() instanceof ClusterHosting);
    }

    public static DeliveryPlan of(DeploymentSpec spec) {
        List<Environment> environments = spec.cicd().environments();
        List<List<Start>> starts = new ArrayList<>();
        environments.forEach(environment -> starts.add(new ArrayList<>()));
        Set<String> refs = new LinkedHashSet<>(List.of(branchRef(spec.cicd().defaultBranch())));
        for (Trigger trigger : spec.cicd().triggers()) {
            if (trigger.action().equals("test") || trigger.environment().isEmpty()) {
                continue;
            }
            int first = indexOf(environments, trigger.environment().get());
            switch (trigger.event()) {
                case "manual" -> starts.get(first).add(new Dispatch(trigger.action().equals("promote")));
                case "push", "tag" -> {
                    String ref = trigger.event().equals("tag") ? "refs/tags/" + trigger.branch().orElse("*")
                            : branchRef(trigger.branch().orElse(spec.cicd().defaultBranch()));
                    refs.add(ref);
                    for (int i = first; i < environments.size(); i++) {
                        Environment environment = environments.get(i);
                        if (i > first && !environment.autoDeploy() && !environment.approvalRequired()) {
                            break;
                        }
                        if (!starts.get(i).contains(new PushOf(ref))) {
                            starts.get(i).add(new PushOf(ref));
                        }
                    }
                }
                default -> throw new IllegalStateException("validation lets no " + trigger.event() + " trigger deploy");
            }
        }
        // An environment no trigger reaches is deployed by hand, or its deploy job could never run (and, on GitLab, its
        // role would trust no pipeline); when no trigger deploys, that is every environment.
        starts.stream().filter(List::isEmpty).forEach(start -> start.add(new Dispatch(false)));
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < environments.size(); i++) {
            stages.add(new Stage(environments.get(i).name(), environments.get(i).approvalRequired(),
                    i == 0 ? Optional.empty() : Optional.of(environments.get(i - 1).name()), starts.get(i)));
        }
        return new DeliveryPlan(List.copyOf(refs), stages);
    }

    /** The refs of pushes that deploy somewhere: the events the deploy workflow runs on. */
    public List<String> pushRefs() {
        return stages.stream().flatMap(stage -> stage.pushes().stream()).map(PushOf::ref).distinct().toList();
    }

    public boolean dispatchable() {
        return stages.stream().anyMatch(Stage::dispatchable);
    }

    private static String branchRef(String branch) {
        return "refs/heads/" + branch;
    }

    private static int indexOf(List<Environment> environments, String name) {
        for (int i = 0; i < environments.size(); i++) {
            if (environments.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("validation admits no trigger of the unknown environment " + name);
    }
}
