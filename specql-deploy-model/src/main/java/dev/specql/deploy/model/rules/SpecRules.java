package dev.specql.deploy.model.rules;

import dev.specql.deploy.model.Problem;
import dev.specql.deploy.model.config.EffectiveConfig;
import java.util.List;

/**
 * Rules that span several keys, checked on the effective configuration after defaults apply: one class per
 * section of the spec, run in the order the spec reads.
 */
public final class SpecRules {

    private static final List<SectionRules> SECTIONS = List.of(new DomainRules(), new SizingRules(), new FrameworkRules(),
            new EnvironmentRules(), new CicdRules(), new MonitoringRules(), new AdvancedRules());

    private SpecRules() {
    }

    public static List<Problem> check(EffectiveConfig config) {
        RuleContext context = new RuleContext(config);
        SECTIONS.forEach(section -> section.check(context));
        return context.problems();
    }

    /** What a valid spec still deserves to hear: keys that change nothing yet. */
    public static List<Problem> warnings(EffectiveConfig config) {
        return InertKeys.warnings(config);
    }
}
