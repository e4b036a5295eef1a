package dev.specql.deploy.engine.generate;

/**
 * Shipped templates and verbatim files as this run will write them (a user override first), for the rare
 * generator that derives a fact from a file it ships rather than restating it, such as the number of alarms a
 * verbatim module creates. Every file read here is fingerprinted like a declared one.
 */
@FunctionalInterface
public interface Sources {

    /** The text of a file under the template root, e.g. opentofu/modules/monitoring/main.tf. */
    String text(String path);
}
