// The Dockerfile installs requirements.txt with every file it includes, and every generated file that names a
// settings module names the production one that the settings package holds (manage.py and wsgi.py name dev).
def log = new File(basedir, 'build.log').text
def dockerfile = new File(basedir, 'generated/deployment/Dockerfile').text
['requirements.txt', 'requirements/production.txt', 'requirements/base.txt', 'requirements/constraints.txt'].each {
    assert dockerfile.contains("--mount=type=bind,source=${it},target=${it}") : "${it} is not mounted"
}
assert dockerfile.contains('pip install --requirement requirements.txt')

def named = [] as Set
def files = 0
new File(basedir, 'generated').eachFileRecurse(groovy.io.FileType.FILES) { file ->
    files++
    (file.text =~ /shop\.settings[A-Za-z0-9_.]*/).each { named << it }
}
assert files > 20
assert named == ['shop.settings.production'] as Set : "settings modules named: ${named}"
assert new File(basedir, 'generated/deployment/compose.production.yaml').text.contains('shop.settings.production')
assert log =~ /application\.settings_module\s+= shop\.settings\.production\s+\[detected shop\/settings\/production\.py:1\]/
assert log =~ /application\.worker\.enabled\s+= true\s+\[detected requirements\/production\.txt:4\]/
assert log =~ /python\.requirements_file\s+= requirements\/base\.txt\s+\[requirements\/production\.txt:1\]/
assert log =~ /python\.package\s+= whitenoise\s+\[requirements\/base\.txt:4\]/
assert log.contains('BUILD SUCCESS')
true
