// No pom.xml at all: generate works in a plain folder, as in a Python or Ruby repository.
assert !new File(basedir, 'pom.xml').exists()
assert new File(basedir, 'generated/deployment/Dockerfile').text.contains('bookshelf.wsgi:application')
assert new File(basedir, '.dockerignore').isFile()
assert new File(basedir, 'build.log').text =~ /\d+ created/
true
