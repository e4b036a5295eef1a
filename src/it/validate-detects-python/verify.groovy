// The effective configuration names the file a detected value came from, and the disagreement is a warning
// located at the file that lost (.python-version wins: pyenv and uv obey it before runtime.txt).
def log = new File(basedir, 'build.log').text
assert log =~ /application\.runtime_version\s+= 3\.13\s+\[detected \.python-version:1\]/
assert log.contains('[WARNING] specql-deploy: runtime.txt:1:1: application.runtime_version: runtime.txt says Python 3.12.9, '
        + 'but .python-version:1 says 3.13, which is used (make them agree)')
assert log =~ /\d+ settings, 4 written in the spec, 1 read from the project's files/
assert !new File(basedir, 'generated').exists() : 'validate writes nothing'
true
