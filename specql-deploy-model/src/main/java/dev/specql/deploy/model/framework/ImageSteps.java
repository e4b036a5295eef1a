package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.text.Snippet;
import java.util.List;

/**
 * What an image build runs besides installing the app's dependencies, in the order of the build stage.
 *
 * @param buildPackages     Debian packages the build stage needs on top of the recipe's (Node.js for JavaScript bundling)
 * @param afterDependencies shell lines right after the dependencies are installed, cached with them
 * @param afterCode         shell lines once the code is copied: compiling assets, collecting static files
 * @param runtimeSetup      shell lines run as root in the runtime stage before it drops to the app's user: files
 *                          the server command reads besides the app's own
 */
public record ImageSteps(List<String> buildPackages, List<Snippet> afterDependencies, List<Snippet> afterCode,
                         List<Snippet> runtimeSetup) {

    public ImageSteps {
        buildPackages = List.copyOf(buildPackages);
        afterDependencies = List.copyOf(afterDependencies);
        afterCode = List.copyOf(afterCode);
        runtimeSetup = List.copyOf(runtimeSetup);
    }

    public ImageSteps(List<String> buildPackages, List<Snippet> afterDependencies, List<Snippet> afterCode) {
        this(buildPackages, afterDependencies, afterCode, List.of());
    }

    public static ImageSteps afterCode(List<Snippet> lines) {
        return new ImageSteps(List.of(), List.of(), lines);
    }
}
