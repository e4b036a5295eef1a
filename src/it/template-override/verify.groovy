// A template in .specql-deploy/templates replaces the bundled one of the same path.
def caddyfile = new File(basedir, 'generated/deployment/Caddyfile').text
assert caddyfile.contains('# Team override of the bundled Caddyfile template.')
assert caddyfile.contains('{$SITE_DOMAIN:books.example.org} {')
assert !caddyfile.contains('Strict-Transport-Security')
true
