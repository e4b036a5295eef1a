package dev.specql.deploy.engine.generate.opentofu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PlanTestsTest {

    /** Computed inside the provider, without a call to AWS. */
    private static final Set<String> LOCAL_DATA = Set.of("aws_iam_policy_document", "aws_partition", "aws_region");
    /** Read by arguments unknown until apply in every root, so OpenTofu defers them: the edge module's VPC. */
    private static final Set<String> DEFERRED_DATA = Set.of("edge:data.aws_vpc.this");
    private static final Pattern DATA_BLOCK = Pattern.compile("(?m)^data \"([a-z0-9_]+)\" \"([a-z0-9_]+)\"");

    /** A module that gains a data source calling AWS must gain its answer, or the first-deploy plan tests call AWS. */
    @Test
    void everyDataSourceThatCallsAwsHasAnAnswer() throws IOException {
        TreeMap<String, List<String>> found = new TreeMap<>();
        try (Stream<Path> modules = Files.list(OpenTofuGeneratorTest.MODULES)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                List<String> calling = new ArrayList<>();
                Matcher data = DATA_BLOCK.matcher(Files.readString(module.resolve("main.tf")));
                while (data.find()) {
                    String address = "data." + data.group(1) + "." + data.group(2);
                    if (!LOCAL_DATA.contains(data.group(1)) && !DEFERRED_DATA.contains(module.getFileName() + ":" + address)) {
                        calling.add(address);
                    }
                }
                found.put(module.getFileName().toString(), calling);
            }
        }
        assertThat(found).containsExactlyInAnyOrderEntriesOf(PlanTests.CALLING_DATA);
    }
}
