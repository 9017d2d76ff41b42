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
        this.cache = CfnServerlessCache.Builder.create(this, "Valkey")
                .serverlessCacheName(props.name())
                .engine("valkey")
                .majorEngineVersion(props.majorEngineVersion())
                .subnetIds(props.network().privateSubnetIds())
                .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
                .build();
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
