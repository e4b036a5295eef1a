package dev.specql.deploy.engine.generate.opentofu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ResourceChargesTest {

    private static final Path OPENTOFU = MonitoringAlarmsTest.TEMPLATES.resolve("opentofu");
    private static final Pattern RESOURCE = Pattern.compile("(?m)^resource \"([a-z0-9_]+)\"");

    @Test
    void everyResourceTypeTheTemplatesCreateIsPricedOrListedAsFree() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.walk(OPENTOFU)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tf") || f.toString().endsWith(".tf.vm")).toList()) {
                Matcher matcher = RESOURCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    created.add(matcher.group(1));
                }
            }
        }
        Set<String> catalogued = new TreeSet<>(ResourceCharges.PRICED.keySet());
        catalogued.addAll(ResourceCharges.FREE.keySet());
        assertThat(created).as("resource types of the templates, each priced or free").isEqualTo(catalogued);
        Set<String> both = new HashSet<>(ResourceCharges.PRICED.keySet());
        both.retainAll(ResourceCharges.FREE.keySet());
        assertThat(both).as("priced and free at once").isEmpty();
    }

    @Test
    void theWafLinePricesEveryRuleOfTheWebAcl() throws IOException {
        String edge = Files.readString(OPENTOFU.resolve("modules/edge/main.tf"));
        String acl = edge.substring(edge.indexOf("resource \"aws_wafv2_web_acl\" \"this\""));
        acl = acl.substring(0, acl.indexOf("\n}\n"));
        int rules = (int) acl.lines().filter(line -> line.equals("  rule {")).count();
        assertThat(rules).isEqualTo(CostEstimator.WAF_RULES);
    }

    @Test
    void theReadmeNamesEveryType() {
        String listed = ResourceCharges.pricedSummary() + ResourceCharges.freeSummary();
        for (String type : List.copyOf(ResourceCharges.PRICED.keySet())) {
            assertThat(listed).contains(type + " (");
        }
        ResourceCharges.FREE.keySet().forEach(type -> assertThat(listed).containsPattern(Pattern.quote(type) + "[,)]"));
    }
}
