package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.DeploymentSpec;
import dev.specql.deploy.model.Framework;
import dev.specql.deploy.model.JobSystem;
import dev.specql.deploy.model.catalog.CpuArchitecture;
import dev.specql.deploy.model.text.Snippet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What FraiseQL's majors share: a GraphQL app on PostgreSQL migrated by Confiture (whose Linux wheels are x86_64
 * only), no job system, no signing key of its own, no settings module.
 */
abstract class FraiseQlFramework extends PythonFramework {

    @Override
    public Framework framework() {
        return Framework.FRAISEQL;
    }

    @Override
    public String displayName() {
        return "FraiseQL";
    }

    /** Confiture, which works for any framework, applies the migrations; FraiseQL has no tool of its own. */
    @Override
    public Optional<OwnMigrations> migrations() {
        return Optional.empty();
    }

    /** `fraiseql run` and `fraiseql dev` are development launchers; the stack runs the production server itself. */
    @Override
    boolean servesProduction(Procfile.Command web) {
        return !web.program().equals("fraiseql");
    }

    @Override
    public boolean moduleFromName() {
        return false;
    }

    @Override
    public Set<CpuArchitecture> architectures() {
        return Set.of(CpuArchitecture.X86_64);
    }

    @Override
    public List<JobSystem> jobSystems() {
        return List.of();
    }

    @Override
    public Optional<String> scheduler() {
        return Optional.empty();
    }

    @Override
    public Optional<String> settingsModuleOf(String module) {
        return Optional.empty();
    }

    @Override
    public Optional<Worker> worker(DeploymentSpec spec) {
        return Optional.empty();
    }

    @Override
    public List<EnvVar> brokerSettings(DeploymentSpec spec, Wiring wiring) {
        return List.of();
    }

    /** FraiseQL keeps no signing secret of its own; apps that add auth list theirs in application.secrets. */
    @Override
    public List<SecretVar> secrets(DeploymentSpec spec) {
        return List.of();
    }

    @Override
    public Snippet secretRotation() {
        return Snippet.words("FraiseQL itself keeps no signing key; rotate your own secrets the same way.");
    }
}
