package dev.rushgate.infra;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.elasticache.CfnServerlessCache;
import software.constructs.Construct;

/**
 * ElastiCache Serverless for Valkey: the stock counters and per-user limits that take the flash crowd.
 * It always speaks TLS and cluster mode; its security group admits only the functions that declare
 * {@code cache}, on 6379 (primary) and 6380 (read replicas).
 */
public final class Cache extends Construct {

    private static final Port VALKEY_PORTS = Port.tcpRange(6379, 6380);

    private final SecurityGroup securityGroup;
    private final CfnServerlessCache cache;

    public Cache(Construct scope, String id, Props props) {
        super(scope, id);
        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.network().vpc())
                .description("Valkey serverless cache: only functions that declare cache")
                .allowAllOutbound(false)
                .build();
        var builder = CfnServerlessCache.Builder.create(this, "Valkey")
                .serverlessCacheName(props.name())
                .engine("valkey")
                .majorEngineVersion(props.majorEngineVersion())
                .subnetIds(props.network().privateSubnetIds())
                .securityGroupIds(List.of(securityGroup.getSecurityGroupId()));
        Integer minimum = minimumEcpuPerSecond(scope);
        if (minimum != null) {
            builder.cacheUsageLimits(CfnServerlessCache.CacheUsageLimitsProperty.builder()
                    .ecpuPerSecond(CfnServerlessCache.ECPUPerSecondProperty.builder().minimum(minimum).build())
                    .build());
        }
        this.cache = builder.build();
    }

    /** ElastiCache's bounds for a serverless cache's ECPU/s usage limits. */
    static final int LEAST_ECPU = 1_000;
    static final int MOST_ECPU = 15_000_000;

    /**
     * Context {@code cacheMinimumEcpu}: ECPU/s the cache keeps ready, for a rush that is faster than it scales from
     * idle (30,000 ECPU/s, doubling every 2 to 3 minutes). Set it an hour before the rush and remove it after: the
     * minimum is billed every second it is set. {@code ./rushgate plan} says how much.
     */
    private static Integer minimumEcpuPerSecond(Construct scope) {
        Object context = scope.getNode().tryGetContext("cacheMinimumEcpu");
        if (context == null || context.toString().isBlank()) return null;
        int minimum;
        try {
            minimum = Integer.parseInt(context.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cacheMinimumEcpu is a whole number of ECPU/s: " + context);
        }
        if (minimum < LEAST_ECPU || minimum > MOST_ECPU) {
            throw new IllegalArgumentException("cacheMinimumEcpu must be " + LEAST_ECPU + ".." + MOST_ECPU + ": " + minimum);
        }
        return minimum;
    }

    /** host:port of the primary endpoint. */
    /** The cache's name, the {@code clusterId} of its CloudWatch metrics. */
    public String name() {
        return cache.getServerlessCacheName();
    }

    public String endpoint() {
        return cache.getAttrEndpointAddress() + ":" + cache.getAttrEndpointPort();
    }

    public void allowFrom(IConnectable peer, String who) {
        securityGroup.getConnections().allowFrom(peer, VALKEY_PORTS, who + " to Valkey");
    }

    /**
     * @param network            where the cache lives (private subnets in two AZs at least)
     * @param name               the cache's physical name: 1..40 lowercase letters, digits and hyphens
     * @param majorEngineVersion Valkey major version
     */
    public record Props(Network network, String name, String majorEngineVersion) {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

        public Props {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(majorEngineVersion, "majorEngineVersion");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("cache name must match " + NAME + ": " + name);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Network network;
            private String name;
            private String majorEngineVersion = "8";

            public Builder network(Network network) {
                this.network = network;
                return this;
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder majorEngineVersion(String majorEngineVersion) {
                this.majorEngineVersion = majorEngineVersion;
                return this;
            }

            public Props build() {
                return new Props(network, name, majorEngineVersion);
            }
        }
    }
}
