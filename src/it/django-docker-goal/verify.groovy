// The docker goal alone, for Django: Celery worker and beat, collectstatic at build.
def out = new File(basedir, 'generated/deployment')
def production = new File(out, 'compose.production.yaml').text
assert production.contains('["celery", "--app", "bookshelf", "worker"')
assert production.contains('["celery", "--app", "bookshelf", "beat"')
assert new File(out, 'Dockerfile').text.contains('manage.py collectstatic --noinput')
assert new File(basedir, 'build.log').text.contains('(docker in generated)')
true
