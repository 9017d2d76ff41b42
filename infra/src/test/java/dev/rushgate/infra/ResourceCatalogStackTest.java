package dev.rushgate.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.infra.plan.Catalog;
import dev.rushgate.infra.plan.Cost;
import dev.rushgate.infra.plan.IdleCost;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rush planner's quotas and prices cover the stack: every resource type the app synthesizes (every feature, in a
 * Region other than us-east-1 so the edge stack and its cross-Region readers are there too) has a limit and a price
 * in {@code plan/aws.json}, and the idle month the planner prices from the templates is the README's.
 */
class ResourceCatalogStackTest {

    @TempDir
    static Path out;
    private static List<JsonNode> resources;
    private static final Catalog CATALOG = Catalog.standard();

    @BeforeAll
    static void synthesize() {
        Map<String, Object> context = new HashMap<>(RushgateApp.cdkJsonContextWithoutCli(SynthesizedStacks.cdkJson()));
        context.putAll(Map.of("nag", "false", "region", "eu-west-1",
                "functionsJar", SynthesizedStacks.functionsJar().toString(),
                "waitingPage", Path.of("..", "waiting-page").toString(),
                "opsPage", Path.of("..", "ops-page").toString()));
        resources = IdleCost.resources(RushgateApp.synthesize(context, out));
    }

    @Test
    void everySynthesizedResourceTypeHasALimitAndAPrice() {
        TreeSet<String> types = new TreeSet<>();
        resources.forEach(r -> types.add(r.path("Type").asText()));
        assertThat(types).hasSizeGreaterThan(40);
        for (String type : types) {
            Catalog.ResourceType entry = CATALOG.resourceTypes().get(type);
            assertThat(entry).as("plan/aws.json resourceTypes entry for %s", type).isNotNull();
            assertThat(entry.limits()).as("limits of %s", type).isNotEmpty();
            assertThat(entry.prices()).as("prices of %s", type).isNotEmpty();
            entry.limits().forEach(CATALOG::quota);
            entry.prices().forEach(CATALOG::price);
        }
    }

    @Test
    void aResourceTypeWithoutAnEntryIsRefused() throws IOException {
        JsonNode unknown = new ObjectMapper().readTree("{\"Type\":\"AWS::Kinesis::Stream\",\"Properties\":{}}");
        assertThatThrownBy(() -> IdleCost.of(List.of(unknown), Rushgate.declaration(), CATALOG))
                .hasMessageContaining("AWS::Kinesis::Stream");
    }

    @Test
    void theIdleMonthOfEveryFeatureIsTheReadmes() throws IOException {
        Cost idle = IdleCost.of(resources, Rushgate.declaration(), CATALOG);
        idle.items().forEach(i -> System.out.printf("idle: %-45s %12.1f %-16s $%8.2f%n", i.what(), i.amount(), i.unit(),
                i.usd()));
        System.out.printf("idle: total $%.2f%n", idle.total());
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher total = Pattern.compile("\\| \\*\\*total\\*\\* \\|.*\\*\\*about \\$([0-9,]+)\\*\\* \\|\\s*$",
                Pattern.MULTILINE).matcher(readme);
        assertThat(total.find()).as("README's idle-cost total row").isTrue();
        double readmeAll = Double.parseDouble(total.group(1).replace(",", ""));
        assertThat(idle.total()).isCloseTo(readmeAll, org.assertj.core.data.Offset.offset(1.0));
    }
}
