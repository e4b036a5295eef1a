package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Problem;
import java.util.List;
import java.util.Optional;

/** Where the app keeps uploaded files on its own disk, and what that means on each pattern. */
public final class Uploads {

    static final String KEY = "application.storage_path";

    private Uploads() {
    }

    /** The spec's directory (written or detected; none for none), else the framework's for this app. */
    public static Optional<String> directory(DeploymentSpec spec) {
        return spec.application().storagePath().map(path -> path.equals("none") ? Optional.<String>empty() : Optional.of(path))
                .orElseGet(() -> Frameworks.of(spec.framework(), spec.deployment().frameworkMajor()).storageDirectory(spec));
    }

    /**
     * Fargate tasks and the chart's pods have no disk that outlives them or that two of them share: uploads kept there
     * vanish at the next deploy. The stack still mounts the directory (writes would fail on the read-only filesystem), and says so.
     */
    static void survey(DeploymentSpec spec, SpecPlaces places, List<Problem> warnings) {
        String disk;
        if (spec.pattern().runsOnEcs()) {
            disk = "an ECS task's disk is lost when the task stops (every deploy) and is not shared between tasks";
        } else if (spec.pattern() == dev.specql.deploy.model.Pattern.KUBERNETES) {
            disk = "a pod's emptyDir is lost when the pod goes (every deploy) and is not shared between replicas";
        } else {
            return;
        }
        directory(spec).ifPresent(directory -> warnings.add(Problem.of(places.of(KEY), KEY, "the app keeps uploads in " + directory
                + ", and " + disk,
                "store uploads in S3 (django-storages' S3 backend, Active Storage's amazon service) and set "
                        + "application.storage_path: none, or use the hobby-project pattern, whose volume keeps them")));
    }
}
