package dev.specql.deploy.engine.escape;

/**
 * Text that Prometheus and Alertmanager expand as Go templates (alert annotations, notification fields): user text
 * must come out as written, never run as an action that could query or leak.
 */
public final class GoTemplateEscaper {

    /** Text printed as it is: each pair of opening braces, which would start an action, becomes an action printing them. */
    public String literal(Object value) {
        return Escapers.text(value).replace("{{", "{{ \"{{\" }}");
    }
}
