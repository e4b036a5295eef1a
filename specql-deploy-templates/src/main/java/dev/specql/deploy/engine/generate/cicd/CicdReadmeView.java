package dev.specql.deploy.engine.generate.cicd;

import dev.specql.deploy.engine.escape.Safe;
import java.util.List;

/**
 * CICD_README.md: what the generated pipelines run and why, the one-time setup, and what is not generated yet.
 *
 * @param checks each command of the test job with where it came from (Markdown table cells)
 * @param actions each pinned action with its tag and commit
 */
public record CicdReadmeView(Safe header, Safe name, Safe workflow, Safe workflowDirectory, Safe dockerfile, Safe branch, Safe postgres,
                      List<Check> checks, Safe missingChecks, List<Action> actions, Safe scanner) {

    public record Check(Safe stage, Safe command, Safe origin) {
    }

    public record Action(Safe repository, Safe tag, Safe sha) {
    }
}
