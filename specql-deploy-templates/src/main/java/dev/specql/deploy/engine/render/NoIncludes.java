package dev.specql.deploy.engine.render;

import org.apache.velocity.app.event.IncludeEventHandler;
import org.apache.velocity.context.Context;

/**
 * Refuses #parse and #include. The engine fingerprints exactly the templates the generators declare; a
 * template read from inside another would change the output without changing the fingerprint, so a rerun
 * would wrongly skip it. Templates stay flat; shared text belongs in the view.
 */
public final class NoIncludes implements IncludeEventHandler {

    @Override
    public String includeEvent(Context context, String includeResourcePath, String currentResourcePath, String directiveName) {
        throw new TemplateRenderer.TemplateException(currentResourcePath + ": #" + directiveName + "(" + includeResourcePath
                + ") is not allowed: each template must be a whole file the generator declares", null);
    }
}
