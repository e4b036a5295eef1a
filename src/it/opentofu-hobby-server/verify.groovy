// The hobby server's OpenTofu root deploys phase 1's Compose files (file() at plan time), so the opentofu goal
// alone must also write them: the engine adds the phase the output reads, and says so.
def log = new File(basedir, 'build.log').text
assert log.contains('specql-deploy: also generating docker: the opentofu output of the hobby-project pattern reads generated/deployment/compose.production.yaml, which docker writes')
assert log =~ /specql-deploy: \d+ created, 0 updated, 0 unchanged, 0 conflicts, 0 ignored, 0 deleted \(docker, opentofu in generated\)/

def root = new File(basedir, 'generated/infrastructure/opentofu/environments/production')
def main = new File(root, 'main.tf').text
def files = (main =~ /file\("\$\{path\.module\}\/([^"]+)"\)/).collect { it[1] }
assert files.size() == 2 : "compose_files entries: $files"
files.each { assert new File(root, it).canonicalFile.isFile() : "main.tf reads $it, which was not generated" }
assert new File(basedir, 'generated/deployment/Dockerfile').isFile()
true
