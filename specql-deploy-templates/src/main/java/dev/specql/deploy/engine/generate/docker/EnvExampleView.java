package dev.specql.deploy.engine.generate.docker;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/** The view of .env.example: the image variable and every secret, documented, without values. */
public record EnvExampleView(Safe header, Safe imageVariable, Safe defaultImage, List<SecretLine> secrets) {

    public EnvExampleView {
        secrets = List.copyOf(secrets);
    }

    /** A secret as .env.example documents it; generator text and validated variable names only. */
    public record SecretLine(Safe name, Safe description, Safe howToCreate) {
    }
}
