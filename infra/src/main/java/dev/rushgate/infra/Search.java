package dev.rushgate.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.CfnDomain;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.ZoneAwarenessConfig;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.PhysicalResourceIdReference;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import dev.rushgate.wiring.EnvNames;
import software.constructs.Construct;

/**
 * The feed's search: one Amazon OpenSearch Service domain in the VPC's private subnets, reached only by the functions
 * that declare {@code searchingPosts()} (a security group rule each, and IAM: the domain's requests are SigV4-signed).
 *
 * <p>Why a domain and not OpenSearch Serverless: Serverless bills at least one OCU for indexing and one for search
 * (half each without redundancy), about $175 a month however idle; one {@code t3.small.search} node with 10 GB of gp3
 * is about $28. Context {@code searchInstanceType} and {@code searchNodes} size it up for a real audience.
 *
 * <p>Korean: the nori analysis plugin is an optional package on the Service, associated with the domain after it is
 * made (AssociatePackage, here a custom resource that looks up the AWS-owned {@code analysis-nori} package for the
 * domain's engine version first). The index itself is created by {@code index-posts} from the same definition the
 * local stack uses ({@code feed/posts-index.json}).
 */
public final class Search extends Construct {
    static final EngineVersion ENGINE = EngineVersion.OPENSEARCH_3_5;
    static final String ENGINE_VERSION = "OpenSearch_3.5";

    private final Domain domain;
    private final SecurityGroup securityGroup;

    public Search(Construct scope, String id, Network network) {
        super(scope, id);
        String stack = Stack.of(this).getStackName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "");
        // a fixed name, so the access policy can name the domain without referring to itself
        String name = (stack.isEmpty() || !Character.isLetter(stack.charAt(0)) ? "rg" + stack : stack);
        name = name.substring(0, Math.min(name.length(), 22)) + "-posts";
        Object type = scope.getNode().tryGetContext("searchInstanceType");
        Object nodes = scope.getNode().tryGetContext("searchNodes");
        int dataNodes = nodes == null ? 1 : Integer.parseInt(nodes.toString());
        this.securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup").vpc(network.vpc())
                .description("Rushgate search domain: HTTPS from the functions that search or index posts")
                .allowAllOutbound(false).build();
        var subnets = network.vpc().selectSubnets(network.privateSubnets()).getSubnets();
        var builder = Domain.Builder.create(this, "Domain")
                .domainName(name)
                .version(ENGINE)
                .capacity(CapacityConfig.builder()
                        .dataNodes(dataNodes)
                        .dataNodeInstanceType(type == null ? "t3.small.search" : type.toString())
                        .multiAzWithStandbyEnabled(false)
                        .build())
                .ebs(EbsOptions.builder().volumeSize(10).volumeType(EbsDeviceVolumeType.GP3).build())
                .vpc(network.vpc())
                // one subnet per node (a single node lives in one AZ)
                .vpcSubnets(List.of(SubnetSelection.builder()
                        .subnets(subnets.subList(0, Math.min(dataNodes, subnets.size()))).build()))
                .securityGroups(List.of(securityGroup))
                .zoneAwareness(ZoneAwarenessConfig.builder().enabled(dataNodes > 1)
                        .availabilityZoneCount(Math.max(2, Math.min(dataNodes, 3))).build())
                .enforceHttps(true)
                .nodeToNodeEncryption(true)
                .encryptionAtRest(EncryptionAtRestOptions.builder().enabled(true).build())
                // The index is a copy of the published posts, rebuilt by replaying them: nothing to keep.
                .removalPolicy(RemovalPolicy.DESTROY);
        this.domain = builder.build();
        // Signed requests only: the account's IAM decides who (each function's role names this domain), no anonymous.
        String arn = Stack.of(this).formatArn(ArnComponents.builder().service("es").resource("domain")
                .resourceName(name + "/*").build());
        ((CfnDomain) domain.getNode().getDefaultChild()).setAccessPolicies(Map.of("Version", "2012-10-17",
                "Statement", List.of(Map.of("Effect", "Allow",
                        "Principal", Map.of("AWS", Stack.of(this).formatArn(ArnComponents.builder().service("iam")
                                .region("").resource("root").build())),
                        "Action", "es:ESHttp*", "Resource", arn))));
        Validations.of(domain).acknowledge(
                ack("AwsSolutions::AwsSolutions-OS3", "In private subnets behind a security group that admits only the "
                        + "functions that search or index; IP allowlists do not apply to a VPC domain"),
                ack("AwsSolutions::AwsSolutions-OS4", "One data node is the idle-cost choice (about $28 a month); "
                        + "context searchNodes adds nodes, and a production audience should add dedicated masters too"),
                ack("AwsSolutions::AwsSolutions-OS7", "Zone awareness is on from searchNodes=2; one node lives in one AZ, "
                        + "and the index is rebuilt from the posts table if it is lost"),
                ack("AwsSolutions-OS9[LogExport::SEARCH_SLOW_LOGS]", "Slow logs need a log group and a resource "
                        + "policy; the dashboard's search latency shows when to turn them on"),
                ack("AwsSolutions-OS9[LogExport::INDEX_SLOW_LOGS]", "As the search slow logs"));
        associateNori();
    }

    private static Acknowledgment ack(String id, String reason) {
        return Acknowledgment.builder().id(id).reason(reason).build();
    }

    /** Looks up the AWS-owned analysis-nori package for the engine version, then associates it with the domain. */
    private void associateNori() {
        var lookup = AwsCustomResource.Builder.create(this, "NoriPackage")
                .onUpdate(AwsSdkCall.builder().service("OpenSearch").action("describePackages")
                        .parameters(Map.of("Filters", List.of(
                                Map.of("Name", "PackageName", "Value", List.of("analysis-nori")),
                                Map.of("Name", "PackageType", "Value", List.of("ZIP-PLUGIN")),
                                Map.of("Name", "EngineVersion", "Value", List.of(ENGINE_VERSION)))))
                        .physicalResourceId(PhysicalResourceId.of("analysis-nori-" + ENGINE_VERSION))
                        .outputPaths(List.of("PackageDetailsList.0.PackageID"))
                        .build())
                .policy(AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder()
                        .resources(AwsCustomResourcePolicy.ANY_RESOURCE).build()))
                .installLatestAwsSdk(false)
                .build();
        String packageId = lookup.getResponseField("PackageDetailsList.0.PackageID");
        var associate = AwsCustomResource.Builder.create(this, "NoriAssociation")
                .onCreate(AwsSdkCall.builder().service("OpenSearch").action("associatePackage")
                        .parameters(Map.of("PackageID", packageId, "DomainName", domain.getDomainName()))
                        .physicalResourceId(PhysicalResourceId.of(domain.getDomainName() + "-nori"))
                        .build())
                .onDelete(AwsSdkCall.builder().service("OpenSearch").action("dissociatePackage")
                        .parameters(Map.of("PackageID", packageId, "DomainName", domain.getDomainName()))
                        .ignoreErrorCodesMatching("ResourceNotFoundException|ValidationException")
                        .build())
                .policy(AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder()
                        .resources(List.of(domain.getDomainArn(), Stack.of(this).formatArn(ArnComponents.builder()
                                .service("es").resource("packages").resourceName("*").build())))
                        .build()))
                .installLatestAwsSdk(false)
                .build();
        associate.getNode().addDependency(domain);
        // as cdk-nag prints the ARN: the partition and region resolved when the stack's region is known
        Stack stack = Stack.of(this);
        boolean regional = !Token.isUnresolved(stack.getRegion());
        String packagesArn = "arn:" + (regional ? stack.getPartition() : "<AWS::Partition>") + ":es:"
                + (regional ? stack.getRegion() : "<AWS::Region>") + ":<AWS::AccountId>:packages/*";
        for (var resource : List.of(lookup, associate)) {
            Functions.acknowledgeFinding(resource, "AwsSolutions-IAM5[Resource::*]", "DescribePackages has no resource-level "
                    + "permission; it only finds the AWS-owned nori package's id");
            Functions.acknowledgeFinding(resource, "AwsSolutions-IAM5[Resource::" + packagesArn + "]",
                    "The package's id is known only after the lookup");
        }
    }

    /** What a function that searches or indexes is told: the domain's endpoint, signed requests. */
    public Map<String, String> environment() {
        return Map.of(EnvNames.SEARCH_ENDPOINT, "https://" + domain.getDomainEndpoint(), EnvNames.SEARCH_SIGNED, "true");
    }

    /** Lets {@code function} read and write the domain's indexes: the es:ESHttp* actions, on this domain only. */
    public void grantSearch(IGrantable function, Construct role) {
        domain.grantReadWrite(function);
        Functions.acknowledgeFinding(role, "AwsSolutions-IAM5[Resource::<referenceto"
                + Names.uniqueId(domain.getNode().getDefaultChild()) + "Arn>/*]",
                "The index's document and search paths under this domain only");
    }

    /** Lets functions wearing {@code group} reach the domain's HTTPS port. */
    public void allowFrom(ISecurityGroup group, String who) {
        securityGroup.addIngressRule(group, Port.tcp(443), who + " to search");
    }

    public Domain domain() {
        return domain;
    }

    /**
     * The domain's own alarms, to {@code topic}: its cluster red (a shard unassigned: searches miss posts), and its
     * disk below 2 GB of the 10 (OpenSearch blocks writes near full, and indexing would fail into its DLQ).
     */
    public void alarm(ITopic topic) {
        SnsAction notify = new SnsAction(topic);
        domain.metricClusterStatusRed(MetricOptions.builder().period(Duration.minutes(1)).build())
                .createAlarm(this, "ClusterRed", CreateAlarmOptions.builder()
                        .alarmDescription("Search cluster is red: some posts cannot be found")
                        .threshold(1).evaluationPeriods(1).comparisonOperator(
                                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING).build())
                .addAlarmAction(notify);
        domain.metricFreeStorageSpace(MetricOptions.builder().period(Duration.minutes(5)).statistic("Minimum").build())
                .createAlarm(this, "DiskLow", CreateAlarmOptions.builder()
                        .alarmDescription("Search disk below 2 GB: indexing will soon be refused")
                        .threshold(2_048).evaluationPeriods(1)
                        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING).build())
                .addAlarmAction(notify);
    }
}
