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
def summary = log =~ /specql-deploy: (\d+) created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted \(docker, opentofu, cicd in generated\)/
assert summary.find()
// Phase 3 writes the CI workflow where GitHub reads it, and says so (and what it does not generate yet).
assert new File(basedir, '.github/workflows/ci.yml').text.contains('uses: actions/checkout@')
assert log.contains('cicd: .github/workflows/ci.yml is at the project root because GitHub reads workflows only')
def written = 2 // .dockerignore and .github/workflows/ci.yml, at the project root
new File(basedir, 'generated').eachFileRecurse(groovy.io.FileType.FILES) { if (it.name != '.specql-deploy-manifest') written++ }
assert summary.group(1).toInteger() == written : "the summary counts ${summary.group(1)} files, ${written} are on disk"
true
