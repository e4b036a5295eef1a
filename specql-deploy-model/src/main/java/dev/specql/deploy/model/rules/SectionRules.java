package dev.specql.deploy.model.rules;

/** The cross-key rules of one section of the spec. */
interface SectionRules {

    /** Reports every problem found to the context; never stops at the first. */
    void check(RuleContext context);
}
