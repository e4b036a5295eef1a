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
assert dockerfile.contains('"uvicorn.workers.UvicornWorker"')
assert dockerfile.contains('USER 10001:10001')
def log = new File(basedir, 'build.log').text
assert log.contains('specql-deploy: 10 created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted (docker in generated)')
true
