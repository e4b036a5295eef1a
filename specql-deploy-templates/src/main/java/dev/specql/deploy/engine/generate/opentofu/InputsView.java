package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.escape.Safe;

/**
 * The view of an environment root's variables.tf and terraform.tfvars.example.
 *
 * @param server       the root creates the hobby-project server (no image variable)
 * @param ci           the CI pipelines deploy this root, with the role of its ci.tf
 * @param imageExample an image reference pinned by digest, for the example
 * @param ciSystem     the CI system whose pipelines deploy, for the example's comment
 * @param ciRepository how that system names a repository, for the example (an HCL string)
 */
public record InputsView(Safe header, boolean server, boolean ci, Safe imageExample, Safe ciSystem, Safe ciRepository) {
}
