def log = new File(basedir, 'build.log').text
assert log =~ /specql-deploy: \d+ created, 0 updated, 0 unchanged/
assert log.contains('specql-deploy: docker, opentofu, cicd, observability, helm up to date in generated; nothing changed since the last run, nothing written')
true
