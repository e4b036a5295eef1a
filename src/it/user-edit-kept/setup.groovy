// Simulates a user who edited a generated file: the manifest records the hash of what was generated,
// the file on disk now holds something else.
import java.security.MessageDigest
def generated = "generated content\n"
def hash = MessageDigest.getInstance('SHA-256').digest(generated.getBytes('UTF-8')).encodeHex().toString()
def dir = new File(basedir, 'generated/deployment')
dir.mkdirs()
new File(dir, 'Caddyfile').text = "# my own Caddyfile, hand-tuned\n"
new File(basedir, 'generated/.specql-deploy-manifest').text =
        "# specql-deploy manifest: hash of every file as last generated. Commit it; do not edit it.\n" +
        "${hash}  docker  generated/deployment/Caddyfile\n"
true
