package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.framework.Worker;
import dev.specql.deploy.model.text.Snippet;
import java.util.List;
import java.util.Optional;

/** The view of DEPLOYMENT_README.md; every string escaped for Markdown. */
public record DeploymentReadmeView(Safe header, Intro intro, Paths paths, App app, Database database, Jobs jobs,
                                   Guidance guidance) {

    private static final MarkdownEscaper MD = new MarkdownEscaper();

    /** @param rule the '=' underline of the title */
    public record Intro(Safe title, Safe rule, Safe summary, Optional<Safe> description) {
    }

    /** @param directory phase 1's directory, inside a code block; @param dockerfile its path, as inline code */
    public record Paths(Safe directory, Safe dockerfile) {
    }

    /** @param domain inside a code block; @param domainText as inline code; @param healthPath inside a code block */
    public record App(int port, Safe domain, Safe domainText, Safe healthPath) {
    }

    /** Inside code blocks. */
    public record Database(Safe user, Safe name, Safe version) {
    }

    /**
     * @param migrateCommand the migration command, as inline code
     * @param workers        what runs the background jobs, in one sentence
     * @param backend        what sits on the internal network, with its verb: "The database and broker sit"
     */
    public record Jobs(Optional<Safe> migrateCommand, Optional<Safe> workers, Safe backend) {
    }

    /**
     * @param requirements     what the app must contain, one Markdown line each
     * @param secrets          each production secret and how to create it
     * @param architectureNote why images are built for one architecture, when they are
     */
    public record Guidance(List<Safe> requirements, List<Safe> secrets, Safe secretRotation, Optional<ArchitectureNote> architectureNote) {
    }

    /**
     * @param reason        why, in one sentence
     * @param platform      the Docker platform images are built for, e.g. linux/amd64
     * @param otherMachines machines of the other architecture, which emulate it
     * @param architecture  the architecture's name, e.g. x86_64
     */
    public record ArchitectureNote(Safe reason, Safe platform, Safe otherMachines, Safe architecture) {
    }

    static DeploymentReadmeView of(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        AppPlan app = plan.app();
        String title = "Deploying " + spec.name();
        String domain = spec.platform().domain().orElse("localhost");
        return new DeploymentReadmeView(Header.html(spec.specFile()),
                new Intro(MD.text(title), new Safe("=".repeat(title.length())), MD.text("Docker files for " + app.summary()
                        + " with PostgreSQL " + spec.database().version()
                        + ": a local development stack and a single-server production stack behind Caddy."),
                        spec.deployment().description().map(MD::text)),
                new Paths(MD.inFence(plan.layout().output(Layout.DEPLOYMENT)),
                        MD.code(plan.layout().dockerfile())),
                new App(app.port(), MD.inFence(domain), MD.code(domain), MD.inFence(spec.application().healthPath())),
                new Database(MD.inFence(spec.database().user()), MD.inFence(spec.database().name()), MD.inFence(spec.database().version())),
                new Jobs(app.migrateCommand().map(c -> MD.code(String.join(" ", c))), app.worker().map(DeploymentReadmeView::workers),
                        MD.text(app.broker() ? "The database and broker sit" : "The database sits")),
                new Guidance(app.requirements().stream().map(MD::snippet).toList(), ComposePlan.secrets(plan).stream().map(s -> new Safe(MD.code(s.name()) + ": "
                        + MD.text(s.description()).text() + ". How to get one: " + MD.text(s.howToCreate()).text())).toList(),
                        MD.snippet(app.secretRotation()), architectureNote(app)));
    }

    private static Safe workers(Worker worker) {
        return MD.text(worker.needsBroker() ? "A " + worker.kind() + " worker and a Redis-compatible broker (Valkey) run beside the app."
                : "A " + worker.kind() + " worker runs beside the app; its queue lives in PostgreSQL.");
    }

    private static Optional<ArchitectureNote> architectureNote(AppPlan app) {
        return app.requiredArchitecture().flatMap(architecture -> app.architectureLimit().map(reason -> new ArchitectureNote(
                MD.snippet(Snippet.words(reason)), MD.inFence(architecture.docker()),
                MD.text("an " + architecture.other().ec2() + " machine (" + architecture.other().machines() + ")"),
                MD.inFence(architecture.ec2()))));
    }
}
