package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * The GitHub CI workflow: a cached lint-and-test job beside an uncached job that builds the production image once
 * and scans it. Every value is already escaped for a workflow file.
 *
 * @param about  comment lines that say what the workflow runs and why
 * @param branch the default branch
 * @param pushes pushes to the default branch run it: they do not deploy (the deploy workflow would call it)
 * @param called the deploy workflow calls it, and builds the image itself
 * @param test   the lint-and-test job; empty when the app has neither a linter nor a test runner
 */
public record GithubCiView(Safe header, List<Safe> about, Safe branch, boolean pushes, boolean called, Step checkout, Optional<TestJob> test, ImageJob image) {

    /** A {@code uses:} step: the action by commit, its tag for the comment, its inputs. */
    public record Step(Safe name, Safe uses, Safe tag, List<Pair> with) {
    }

    /** A {@code run:} step. */
    public record Run(Safe name, Safe command) {
    }

    public record Pair(Safe key, Safe value) {
    }

    /** A service container the tests reach on localhost. */
    public record Service(Safe key, Safe image, List<Pair> env, Safe port, Safe healthcheck) {
    }

    public record TestJob(List<Service> services, List<Pair> env, Step setup, List<Run> steps) {
    }

    /** @param image the local tag the scan reads */
    public record ImageJob(Step buildx, Step build, Step scan, Safe image) {
    }
}
