// An invalid spec fails the build with every problem located, and nothing is written.
def log = new File(basedir, 'build.log').text
assert log.contains('4 problems in the deployment spec:')
assert log.contains("deployment.yaml:2:9: deployment.name: 'Acme_CRM' is invalid")
assert log.contains("deployment.yaml:3:14: deployment.framework: unknown value 'fraisql'; expected one of fraiseql, django, rails (did you mean 'fraiseql'?)")
assert log.contains("deployment.yaml:5:3: platform.domian: unknown key 'domian'")
assert log.contains("(did you mean 'domain'?)")
assert log.contains('deployment.yaml:8:16: database.backup.retention: 90 is out of range: expected an integer from 1 to 35')
def left = basedir.list().findAll { !(it in ['pom.xml', 'deployment.yaml', 'invoker.properties', 'verify.groovy', 'build.log', '.mvn']) }
assert left.isEmpty() : "files were written: $left"
true
