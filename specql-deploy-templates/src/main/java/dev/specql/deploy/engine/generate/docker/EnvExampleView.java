package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;
import java.util.Optional;

/**
 * The view of .env.example: the image variable, the site's name when the stack serves a domain, and every secret,
 * documented, without values.
 *
 * @param site the site variable and the spec's domain, quoted for the env file; empty without a domain
 */
public record EnvExampleView(Safe header, Safe imageVariable, Safe defaultImage, Optional<Site> site, List<SecretLine> secrets) {

    public record Site(Safe variable, Safe domain) {
    }


    public EnvExampleView {
        secrets = List.copyOf(secrets);
    }

    /** A secret as .env.example documents it; generator text and validated variable names only. */
    public record SecretLine(Safe name, Safe description, Safe howToCreate) {
    }
}
