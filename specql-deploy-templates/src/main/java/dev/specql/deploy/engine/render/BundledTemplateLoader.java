package dev.specql.deploy.engine.render;

import java.io.Reader;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/** Loads bundled templates from {@link TemplateRenderer#BUNDLED_ROOT}, so template names match override paths. */
public final class BundledTemplateLoader extends ClasspathResourceLoader {

    @Override
    public Reader getResourceReader(String name, String encoding) throws ResourceNotFoundException {
        return super.getResourceReader(TemplateRenderer.BUNDLED_ROOT + name, encoding);
    }
}
