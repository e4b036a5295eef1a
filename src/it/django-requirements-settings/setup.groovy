// The app is the engine tests' project fixture of the same situation (see its README): one copy of the layout.
import java.nio.file.Files
import java.nio.file.StandardCopyOption

def fixture = new File(basedir, '../../../../specql-deploy-templates/src/test/resources/projects/django-settings-package')
        .canonicalFile.toPath()
assert Files.isDirectory(fixture) : "fixture not found: ${fixture}"
Files.walk(fixture).filter { Files.isRegularFile(it) }.forEach { source ->
    def target = basedir.toPath().resolve(fixture.relativize(source).toString())
    Files.createDirectories(target.parent)
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING)
}
true
