package dev.rushgate.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.rushgate.wiring.TopicSpec;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.msk.CfnServerlessCluster;
import software.constructs.Construct;

/**
 * MSK Serverless with IAM authentication, for the declared topics.
 *
 * <p>CloudFormation creates the cluster but not its topics: whoever first needs a topic creates it with the
 * declared partition count (Kafka's admin client, idempotently). MSK Serverless has no bootstrap-brokers
 * attribute, so a custom resource asks the Kafka API for it once per deployment.
 */
public final class Streaming extends Construct {

    /** MSK's port for SASL/IAM inside the VPC. */
    private static final Port IAM_PORT = Port.tcp(9098);

    private final CfnServerlessCluster cluster;
    private final SecurityGroup securityGroup;
    private final String clusterName;
    private final List<TopicSpec> topics;
    private final String bootstrapServers;

    public Streaming(Construct scope, String id, Props props) {
        super(scope, id);
        this.clusterName = props.clusterName();
        this.topics = props.topics();
        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.network().vpc())
                .description("MSK Serverless: producers, consumers and the Lambda Kafka pollers")
                .allowAllOutbound(false)
                .build();
        // Lambda's MSK poller joins the cluster's own security group: it must be able to reach itself.
        securityGroup.getConnections().allowInternally(IAM_PORT, "Lambda's MSK poller to the brokers");
        this.cluster = CfnServerlessCluster.Builder.create(this, "Cluster")
                .clusterName(props.clusterName())
                .clientAuthentication(CfnServerlessCluster.ClientAuthenticationProperty.builder()
                        .sasl(CfnServerlessCluster.SaslProperty.builder()
                                .iam(CfnServerlessCluster.IamProperty.builder().enabled(true).build())
                                .build())
                        .build())
                .vpcConfigs(List.of(CfnServerlessCluster.VpcConfigProperty.builder()
                        .subnetIds(props.network().privateSubnetIds())
                        .securityGroups(List.of(securityGroup.getSecurityGroupId()))
                        .build()))
                .build();
        AwsSdkCall getBootstrapBrokers = AwsSdkCall.builder()
                .service("Kafka")
                .action("getBootstrapBrokers")
                .parameters(Map.of("ClusterArn", cluster.getAttrArn()))
                .physicalResourceId(PhysicalResourceId.of(cluster.getAttrArn()))
                .outputPaths(List.of("BootstrapBrokerStringSaslIam"))
                .build();
        AwsCustomResource brokers = AwsCustomResource.Builder.create(this, "BootstrapBrokers")
                .onCreate(getBootstrapBrokers)
                .onUpdate(getBootstrapBrokers)
                .policy(AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder()
                        .resources(List.of(cluster.getAttrArn())).build()))
                .installLatestAwsSdk(false)
                .build();
        this.bootstrapServers = brokers.getResponseField("BootstrapBrokerStringSaslIam");
    }

    public String clusterArn() {
        return cluster.getAttrArn();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void allowFrom(IConnectable peer, String who) {
        securityGroup.getConnections().allowFrom(peer, IAM_PORT, who + " to MSK");
    }

    /**
     * Connect to the cluster and write to exactly one topic, creating it when it is missing (CloudFormation
     * cannot: the first producer does, with the declared partitions).
     */
    public void grantProduce(IGrantable grantee, String topic) {
        requireTopic(topic);
        grantConnect(grantee);
        // Rushgate's producers set enable.idempotence=true (Kafka's default since 3.0); MSK's IAM access control
        // authorises that with WriteDataIdempotently on the cluster, on top of WriteData on the topic.
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:WriteDataIdempotently"))
                .resources(List.of(cluster.getAttrArn()))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData", "kafka-cluster:CreateTopic"))
                .resources(List.of(topicArn(topic)))
                .build());
    }

    /**
     * Everything Lambda's MSK poller needs, on its behalf, to read one topic as consumer group
     * {@code group}.
     */
    public void grantConsume(IGrantable grantee, String topic, String group) {
        requireTopic(topic);
        grantConnect(grantee);
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"))
                .resources(List.of(cluster.getAttrArn()))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"))
                .resources(List.of(topicArn(topic)))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"))
                .resources(List.of(clusterChildArn("group", group)))
                .build());
    }

    /**
     * Read how far the consumer {@code groups} are in one topic: the topic's partitions and end offsets
     * (DescribeTopic) and each group's committed offsets (DescribeGroup). Nothing to read or write records with.
     */
    public void grantWatchConsumers(IGrantable grantee, String topic, List<String> groups) {
        requireTopic(topic);
        grantConnect(grantee);
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeTopic"))
                .resources(List.of(topicArn(topic)))
                .build());
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeGroup"))
                .resources(groups.stream().map(g -> clusterChildArn("group", g)).toList())
                .build());
    }

    private void grantConnect(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:Connect", "kafka-cluster:DescribeCluster"))
                .resources(List.of(cluster.getAttrArn()))
                .build());
    }

    private String topicArn(String topic) {
        return clusterChildArn("topic", topic);
    }

    /** arn:…:kafka:region:account:{kind}/{clusterName}/{clusterUuid}/{name}; the UUID is the ARN's last part. */
    private String clusterChildArn(String kind, String name) {
        String clusterUuid = Fn.select(2, Fn.split("/", cluster.getAttrArn()));
        return "arn:" + Aws.PARTITION + ":kafka:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":" + kind + "/"
                + clusterName + "/" + clusterUuid + "/" + name;
    }

    private void requireTopic(String topic) {
        if (topics.stream().noneMatch(t -> t.id().equals(topic))) {
            throw new IllegalArgumentException("undeclared topic " + topic);
        }
    }

    /**
     * @param network     where the brokers' endpoints live (private subnets in two AZs at least)
     * @param clusterName physical name: 1..64 letters, digits and hyphens
     * @param topics      the declared topics (created by their users, not by CloudFormation)
     */
    public record Props(Network network, String clusterName, List<TopicSpec> topics) {
        private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-]{0,63}");

        public Props {
            Objects.requireNonNull(network, "network");
            if (clusterName == null || !NAME.matcher(clusterName).matches()) {
                throw new IllegalArgumentException("cluster name must match " + NAME + ": " + clusterName);
            }
            topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
            if (topics.isEmpty()) throw new IllegalArgumentException("a Kafka cluster without topics costs for nothing");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Network network;
            private String clusterName;
            private List<TopicSpec> topics = List.of();

            public Builder network(Network network) {
                this.network = network;
                return this;
            }

            public Builder clusterName(String clusterName) {
                this.clusterName = clusterName;
                return this;
            }

            public Builder topics(List<TopicSpec> topics) {
                this.topics = topics;
                return this;
            }

            public Props build() {
                return new Props(network, clusterName, topics);
            }
        }
    }
}
