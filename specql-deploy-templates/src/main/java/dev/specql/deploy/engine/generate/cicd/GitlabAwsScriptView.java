package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;

/** The view of gitlab-aws.sh. @param deployScript the deploy script it runs, beside it */
public record GitlabAwsScriptView(ScriptBasics script, Safe deployScript) {
}
