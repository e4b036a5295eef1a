// validate prints the effective configuration with provenance and writes nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('specql-deploy: deployment.yaml is valid.')
assert log =~ /application\.port\s+= 3000\s+\[framework rails\]/
assert log =~ /application\.instances\s+= 3\s+\[pattern production-saas\]/
assert log =~ /database\.version\s+= 16\s+\[spec deployment\.yaml:9:12\]/
assert log =~ /database\.name\s+= storefront\s+\[derived from deployment\.name\]/
// Defaults nothing reads (the kubernetes section on production-saas, phases not generated yet) are left out, and the
// summary says how many.
assert !(log =~ /kubernetes\.ingress\.class\s+=/)
assert !(log =~ /cicd\.migrations\.auto_run\s+=/)
// Read by the CI workflow of phase 3, so listed.
assert log =~ /cicd\.provider\s+= github-actions\s+\[default built-in\]/
assert log =~ /; \d+ defaults nothing reads for this pattern \(another pattern's section, or phases not generated yet: CI\/CD deploys, observability, multi-region, blue\/green\) not listed/
assert !new File(basedir, 'generated').exists()
assert !new File(basedir, '.dockerignore').exists()
true
