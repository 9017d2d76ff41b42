package dev.rushgate.infra.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.TopicSpec;

/**
 * A month with nobody using the stack, priced from the synthesized templates themselves: each resource by its type's
 * {@code idle} rule in {@code plan/aws.json}. Usage-billed resources (requests, invocations, on-demand tables) cost
 * nothing idle; their few MB of storage are left out.
 */
public final class IdleCost {
    private IdleCost() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudWatch gives each account three dashboards free. */
    private static final int FREE_DASHBOARDS = 3;
    /** Aurora paused when idle: about a GB of storage, and one 10-minute resume a day at 0.5 ACU. */
    private static final double PAUSED_DATABASE_GB = 1;
    private static final double RESUME_ACU_HOURS = 30 * (10.0 / 60) * 0.5;
    /** ElastiCache Serverless for Valkey bills at least 100 MB of data. */
    private static final double CACHE_MINIMUM_GB = 0.1;

    /** Every resource of the {@code *.template.json} files in {@code dir}, by logical id, with its type. */
    public static List<JsonNode> resources(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<JsonNode> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".template.json")).sorted().toList()) {
                JSON.readTree(file.toFile()).path("Resources").forEach(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The idle month of {@code resources}, deployed with {@code declaration}'s topics, grouped by item. */
    public static Cost of(List<JsonNode> resources, Declaration declaration, Catalog catalog) {
        double hours = catalog.assume("month-hours");
        Map<String, Cost.Item> items = new LinkedHashMap<>();
        int dashboards = 0;
        for (JsonNode resource : resources) {
            String type = resource.path("Type").asText();
            Catalog.ResourceType entry = catalog.resourceTypes().get(type);
            if (entry == null) throw new IllegalArgumentException("plan/aws.json has no entry for " + type);
            JsonNode p = resource.path("Properties");
            switch (entry.idle()) {
                case "none" -> { }
                case "alarm" -> add(items, catalog, "CloudWatch alarms", 1, "alarm-months", "cloudwatch.alarm-month");
                case "dashboard" -> dashboards++;
                case "secret" -> add(items, catalog, "Secrets Manager secrets", 1, "secret-months",
                        "secretsmanager.secret-month");
                case "natGateway" -> add(items, catalog, "NAT gateways", hours, "hours", "vpc.nat-hour");
                case "publicAddress" -> add(items, catalog, "public IPv4 addresses", hours, "hours", "vpc.ipv4-hour");
                case "interfaceEndpoint" -> {
                    if ("Interface".equals(p.path("VpcEndpointType").asText())) {
                        add(items, catalog, "interface VPC endpoints", p.path("SubnetIds").size() * hours, "AZ-hours",
                                "vpc.endpoint-az-hour");
                    }
                }
                case "serverlessCache" -> {
                    add(items, catalog, "ElastiCache Serverless minimum data", CACHE_MINIMUM_GB * hours, "GB-hours",
                            "elasticache.valkey-gb-hour");
                    // a pre-scaled cache bills its minimum ECPU every second it is set
                    double minimum = p.path("CacheUsageLimits").path("ECPUPerSecond").path("Minimum").asDouble(0);
                    add(items, catalog, "ElastiCache minimum ECPU/s (pre-scaled)", minimum * hours * 3600, "ECPU",
                            "elasticache.valkey-ecpu");
                }
                case "provisionedPollers" -> {
                    int pollers = p.path("ProvisionedPollerConfig").path("MinimumPollers").asInt(0);
                    if (pollers > 0) add(items, catalog, "Kafka event pollers (provisioned)", pollers * hours,
                            "poller-hours", "lambda.poller-hour");
                }
                case "kafkaCluster" -> {
                    add(items, catalog, "MSK Serverless cluster", hours, "cluster-hours", "msk.cluster-hour");
                    int partitions = declaration.topics().stream().mapToInt(TopicSpec::partitions).sum();
                    add(items, catalog, "MSK Serverless partitions", partitions * hours, "partition-hours",
                            "msk.partition-hour");
                }
                case "searchDomain" -> {
                    JsonNode cluster = p.path("ClusterConfig");
                    String instanceType = cluster.path("InstanceType").asText();
                    if (!instanceType.equals("t3.small.search")) {
                        throw new IllegalArgumentException("plan/aws.json prices t3.small.search, not " + instanceType);
                    }
                    add(items, catalog, "OpenSearch data nodes", cluster.path("InstanceCount").asInt(1) * hours,
                            "instance-hours", "opensearch.t3-small-hour");
                    add(items, catalog, "OpenSearch storage", p.path("EBSOptions").path("VolumeSize").asDouble(),
                            "GB-months", "opensearch.gp3-gb-month");
                }
                case "pausedDatabase" -> {
                    add(items, catalog, "Aurora storage (paused when idle)", PAUSED_DATABASE_GB, "GB-months",
                            "aurora.storage");
                    add(items, catalog, "Aurora daily resume", RESUME_ACU_HOURS, "ACU-hours", "aurora.acu-hour");
                }
                case "webAcl" -> {
                    add(items, catalog, "AWS WAF web ACLs", 1, "web ACL-months", "waf.web-acl-month");
                    add(items, catalog, "AWS WAF rules", p.path("Rules").size(), "rule-months", "waf.rule-month");
                }
                default -> throw new IllegalArgumentException("no idle rule " + entry.idle() + " (" + type + ")");
            }
        }
        if (dashboards > FREE_DASHBOARDS) {
            add(items, catalog, "CloudWatch dashboards beyond the free 3", dashboards - FREE_DASHBOARDS,
                    "dashboard-months", "cloudwatch.dashboard-month");
        }
        return new Cost(new ArrayList<>(items.values()));
    }

    private static void add(Map<String, Cost.Item> items, Catalog catalog, String what, double amount, String unit,
                            String priceId) {
        if (amount <= 0) return;
        Cost.Item before = items.get(what);
        double total = amount + (before == null ? 0 : before.amount());
        items.put(what, Cost.Item.of(what, total, unit, catalog.price(priceId)));
    }
}
