// The edited file survives regeneration, the new version is written beside it, and the run says so.
def dir = new File(basedir, 'generated/deployment')
assert new File(dir, 'Caddyfile').text == "# my own Caddyfile, hand-tuned\n"
assert new File(dir, 'Caddyfile.specql-new').text.contains('reverse_proxy app:8080')
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING]   conflict  generated/deployment/Caddyfile')
assert log.contains('1 conflict')
true
