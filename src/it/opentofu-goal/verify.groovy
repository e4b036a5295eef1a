// The opentofu goal: a bootstrap, a root per environment, the modules the pattern uses, deploy.sh; and the
// observability files its monitoring task uploads, which it asks that phase to write (and says so).
def out = new File(basedir, 'generated/infrastructure/opentofu')
['bootstrap/main.tf', 'environments/staging/main.tf', 'environments/production/versions.tf', 'modules/compute/main.tf',
 'modules/cache/tests/cache.tftest.hcl', 'modules/observability/main.tf', 'README.md', 'deploy.sh'].each {
    assert new File(out, it).isFile() : "missing $it"
}
assert new File(out, 'deploy.sh').canExecute()
assert !new File(out, 'modules/server').exists() : 'production-saas runs no hobby server'
assert !new File(basedir, 'generated/deployment').exists() : 'the opentofu goal of an ECS pattern needs no phase 1 file'
assert new File(basedir, 'generated/observability/prometheus/ecs/production.yml').isFile()
def production = new File(out, 'environments/production/main.tf').text
assert production.contains('multi_az                   = true')
assert production.contains('nat_gateway_mode        = "per_az"')
def versions = new File(out, 'environments/production/versions.tf').text
assert versions.contains('enforced = true')
assert versions.contains('use_lockfile = true')
def readme = new File(out, 'README.md').text
assert readme.contains('| **Total** |')
def log = new File(basedir, 'build.log').text
assert log.contains('also generating observability: the opentofu output of the production-saas pattern reads generated/observability/prometheus/ecs/staging.yml')
assert log =~ /specql-deploy: \d+ created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted \(opentofu, observability in generated\)/
true
