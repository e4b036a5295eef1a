package dev.specql.deploy.model.framework;

/**
 * Why a framework refuses a value of the spec, and what to do instead; the rules place it at the key.
 *
 * @param message    what is wrong
 * @param suggestion how to fix it
 */
public record Complaint(String message, String suggestion) {
}
