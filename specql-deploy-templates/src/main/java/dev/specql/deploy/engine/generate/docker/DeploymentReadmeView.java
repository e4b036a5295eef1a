package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.MarkdownEscaper;
import dev.specql.deploy.engine.escape.Safe;
import dev.specql.deploy.engine.generate.Header;
import dev.specql.deploy.engine.plan.AppPlan;
import dev.specql.deploy.engine.plan.DeploymentPlan;
import dev.specql.deploy.engine.plan.Layout;
import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.MigrationTool;
import dev.specql.deploy.model.framework.CpuArchitecture;
import dev.specql.deploy.model.framework.Migrations;
import dev.specql.deploy.model.framework.Worker;
import dev.specql.deploy.model.text.Snippet;
import java.util.ArrayList;
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

    /** @param migrateCommand the migration command, as inline code; @param workerKind the job system */
    public record Jobs(Optional<Safe> migrateCommand, Optional<Safe> workerKind) {
    }

    /**
     * @param requirements   what the app must contain, one Markdown line each
     * @param secrets        each production secret and how to create it
     * @param x86OnlyBecause why images are built for x86_64 only, when they are
     */
    public record Guidance(List<Safe> requirements, List<Safe> secrets, Safe secretRotation, Optional<Safe> x86OnlyBecause) {
    }

    static DeploymentReadmeView of(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        AppPlan app = plan.app();
        String title = "Deploying " + spec.name();
        String domain = spec.platform().domain().orElse("localhost");
        return new DeploymentReadmeView(Header.html(spec.specFile()),
                new Intro(MD.text(title), new Safe("=".repeat(title.length())), MD.text("Docker files for " + app.framework().summary()
                        + " with PostgreSQL " + spec.database().version()
                        + ": a local development stack and a single-server production stack behind Caddy."),
                        spec.deployment().description().map(MD::text)),
                new Paths(MD.inFence(plan.layout().output(Layout.DEPLOYMENT)),
                        MD.code(plan.layout().dockerfile())),
                new App(app.port(), MD.inFence(domain), MD.code(domain), MD.inFence(spec.application().healthPath())),
                new Database(MD.inFence(spec.database().user()), MD.inFence(spec.database().name()), MD.inFence(spec.database().version())),
                new Jobs(app.migrateCommand().map(c -> MD.code(String.join(" ", c))), app.worker().map(Worker::kind).map(MD::text)),
                new Guidance(requirements(plan), ComposePlan.secrets(plan).stream().map(s -> new Safe(MD.code(s.name()) + ": "
                        + MD.text(s.description()).text() + ". How to get one: " + MD.text(s.howToCreate()).text())).toList(),
                        MD.snippet(app.framework().secretRotation()),
                        app.requiredArchitecture().filter(a -> a == CpuArchitecture.X86_64)
                                .flatMap(a -> app.framework().architectureLimit()).map(reason -> MD.snippet(Snippet.words(reason)))));
    }

    /** What the app itself must contain for these files to work; each line is escaped Markdown. */
    private static List<Safe> requirements(DeploymentPlan plan) {
        DeploymentSpec spec = plan.spec();
        List<Snippet> lines = new ArrayList<>(plan.app().framework().requirements(spec));
        if (spec.database().migrationTool() == MigrationTool.CONFITURE) {
            lines.add(Snippet.words("Confiture migrations in ").thenCode(Migrations.directory(spec)).then(" and the ")
                    .thenCode("fraiseql-confiture").then(" package (FraiseQL depends on it)."));
        }
        return lines.stream().map(MD::snippet).toList();
    }
}
