// A FraiseQL project whose pom binds the generate goal: every phase-1 file appears, scripts are executable.
def out = new File(basedir, 'generated/deployment')
['Dockerfile', 'compose.yaml', 'compose.production.yaml', 'Caddyfile', '.env.example', '.gitignore',
 'DEPLOYMENT_README.md', 'scripts/db-backup.sh', 'scripts/db-restore.sh'].each {
    assert new File(out, it).isFile() : "missing generated/deployment/$it"
}
assert new File(basedir, '.dockerignore').isFile()
assert new File(basedir, 'generated/.specql-deploy-manifest').isFile()
assert new File(out, 'scripts/db-backup.sh').canExecute()
def dockerfile = new File(out, 'Dockerfile').text
assert dockerfile.contains('fraiseql-server@') // FraiseQL 2, the current major: the Rust server from its crate
assert new File(out, 'fraiseql/server.toml').text.contains('bind_addr = "0.0.0.0:8080"')
assert dockerfile.contains('USER 10001:10001')
def log = new File(basedir, 'build.log').text
def summary = log =~ /specql-deploy: (\d+) created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted \(docker, opentofu, cicd, observability, helm in generated\)/
assert summary.find()
// Phase 3 writes the workflows where GitHub reads them, and says so; small-saas deploys to ECS from them.
assert new File(basedir, '.github/workflows/ci.yml').text.contains('uses: actions/checkout@')
assert new File(basedir, '.github/workflows/deploy.yml').text.contains('generated/cicd/deploy-ecs.sh deploy staging')
assert new File(basedir, '.github/workflows/rollback.yml').isFile()
assert new File(basedir, 'generated/cicd/deploy-ecs.sh').canExecute()
assert new File(basedir, 'generated/infrastructure/opentofu/environments/production/ci.tf').text.contains(':environment:production"]')
assert log.contains('cicd: .github/workflows is at the project root because GitHub reads workflows only')
def written = 1 // .dockerignore at the project root, and the workflows
new File(basedir, '.github/workflows').eachFile(groovy.io.FileType.FILES) { written++ }
new File(basedir, 'generated').eachFileRecurse(groovy.io.FileType.FILES) { if (it.name != '.specql-deploy-manifest') written++ }
assert summary.group(1).toInteger() == written : "the summary counts ${summary.group(1)} files, ${written} are on disk"
true
