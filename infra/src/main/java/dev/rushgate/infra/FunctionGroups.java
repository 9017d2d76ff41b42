package dev.rushgate.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rushgate.wiring.FunctionSpec;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * The security groups functions wear in the VPC, shared by every feature's functions and kept in the base stack with
 * what they reach: an ingress rule on the cache's group naming a group in a feature's nested stack would make the base
 * wait for the feature and the feature for the base.
 */
public final class FunctionGroups extends Construct {
    private final Network network;
    private final Cache cache;
    private final Database database;
    private final Streaming streaming;
    private final Search search;
    private final Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    private final Map<String, SecurityGroup> endpointGroups = new LinkedHashMap<>();

    /** {@code cache}, {@code database}, {@code streaming} and {@code search} may be null when no deployed function reaches them. */
    public FunctionGroups(Construct scope, String id, Network network, Cache cache, Database database,
                          Streaming streaming, Search search) {
        super(scope, id);
        this.network = network;
        this.cache = cache;
        this.database = database;
        this.streaming = streaming;
        this.search = search;
    }

    /**
     * One security group per set of private stores reached (cache, database, Kafka, search), shared by the functions that
     * reach exactly that set: their network reach is the same, so one group loses no privilege, and it keeps the
     * stack below CloudFormation's 500 resources (a group and its ingress rules per function did not).
     */
    SecurityGroup reach(FunctionSpec spec) {
        List<String> reaches = new ArrayList<>();
        if (spec.needs().cache()) reaches.add("cache");
        if (spec.needs().database()) reaches.add("database");
        if (Functions.usesKafka(spec)) reaches.add("kafka");
        if (spec.needs().search()) reaches.add("search");
        String key = String.join("-", reaches);
        return securityGroups.computeIfAbsent(key, k -> {
            SecurityGroup group = SecurityGroup.Builder.create(this, "reach-" + k + "-sg")
                    .vpc(network.vpc())
                    .description("Lambda functions that reach: " + String.join(", ", reaches))
                    .allowAllOutbound(true)
                    .build();
            String who = "functions reaching " + k;
            if (spec.needs().cache()) cache.allowFrom(group, who);
            if (spec.needs().database()) database.allowFrom(group, who);
            if (Functions.usesKafka(spec)) streaming.allowFrom(group, who);
            if (spec.needs().search()) search.allowFrom(group, who);
            return group;
        });
    }

    /**
     * A second group for the functions in the VPC that read a secret: the one group Secrets Manager's endpoint
     * lets in. Reading secrets cuts across the reach groups (most cache-only functions read none), so the
     * endpoint admits exactly the readers, with one rule however many reach groups there are.
     */
    SecurityGroup secretReaders() {
        return endpointGroup("reads-secrets-sg", "read secrets from Secrets Manager", "functions that read secrets",
                network::allowSecretsManagerFrom);
    }

    /** As {@link #secretReaders()}, for the functions in the VPC that send to SQS: the SQS endpoint lets them in. */
    SecurityGroup sqsSenders() {
        return endpointGroup("sends-sqs-sg", "send to SQS", "functions that send to SQS", network::allowSqsFrom);
    }

    /** The group an endpoint admits, made on first use with its one ingress rule on the endpoint. */
    private SecurityGroup endpointGroup(String id, String what, String who,
                                        java.util.function.BiConsumer<SecurityGroup, String> admit) {
        return endpointGroups.computeIfAbsent(id, key -> {
            SecurityGroup group = SecurityGroup.Builder.create(this, key)
                    .vpc(network.vpc())
                    .description("Lambda functions that " + what)
                    // As the reach groups: a closed group would cost an egress rule resource towards the
                    // endpoint, and the reach group lets everything out anyway.
                    .allowAllOutbound(true)
                    .build();
            admit.accept(group, who);
            return group;
        });
    }

}
