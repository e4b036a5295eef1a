package dev.specql.deploy.model.framework;

/**
 * A secret the production stack refuses to start without; documented, never given a value.
 *
 * @param name        the variable
 * @param description what it is for, one line
 * @param howToCreate a command that makes a good value, or how to obtain it
 */
public record SecretVar(String name, String description, String howToCreate) {
}
