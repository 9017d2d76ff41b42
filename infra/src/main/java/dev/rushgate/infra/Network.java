package dev.rushgate.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * The VPC that the cache, the database, the Kafka cluster and the functions that use them live in.
 * Private subnets reach SQS and STS through NAT gateways (one by default: cheaper than an interface
 * endpoint per service per AZ, at the price of one AZ being the egress path); DynamoDB goes through a free
 * gateway endpoint, so the hot path never pays NAT data charges. Secrets Manager has an interface endpoint
 * once a function in the VPC reads a secret: the admission keys, the database's credentials and the payment
 * key are what a function needs before it can serve anything, so reading them does not depend on the NAT
 * gateway's AZ, and they travel over PrivateLink instead of the NAT gateway's public path. SQS likewise, once a
 * function in the VPC sends to a queue: claims and payments are the hot path's sends.
 */
public final class Network extends Construct {

    private final Vpc vpc;
    private final SubnetType privateType;
    private final Map<String, SecurityGroup> endpoints = new java.util.LinkedHashMap<>();

    public Network(Construct scope, String id, Props props) {
        super(scope, id);
        // No function that needs the internet, no NAT gateway and no public subnet: every AWS service the functions
        // call is reached through an endpoint, and an idle VPC then costs nothing by the hour but those endpoints.
        this.privateType = props.natGateways() == 0 ? SubnetType.PRIVATE_ISOLATED : SubnetType.PRIVATE_WITH_EGRESS;
        SubnetConfiguration privateSubnets = SubnetConfiguration.builder().name("private").subnetType(privateType)
                .cidrMask(20).build();
        this.vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(props.maxAzs())
                .natGateways(props.natGateways())
                .subnetConfiguration(props.natGateways() == 0 ? List.of(privateSubnets) : List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        privateSubnets))
                // Rejected traffic only: enough to debug a security group, a fraction of full flow logs' cost.
                .flowLogs(Map.of("Rejected", FlowLogOptions.builder().trafficType(FlowLogTrafficType.REJECT).build()))
                .gatewayEndpoints(Map.of("DynamoDb", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.DYNAMODB).build()))
                .build();
    }

    public IVpc vpc() {
        return vpc;
    }

    /** Where everything private goes: the cache, the database, MSK and VPC functions. */
    public SubnetSelection privateSubnets() {
        return SubnetSelection.builder().subnetType(privateType).build();
    }

    public List<String> privateSubnetIds() {
        return vpc.selectSubnets(privateSubnets()).getSubnetIds();
    }

    /**
     * Lets {@code peer} call Secrets Manager over HTTPS through the VPC's interface endpoint, made on the first
     * call. With private DNS on, every Secrets Manager call in the VPC resolves to the endpoint, so a function
     * that reads a secret and is not let in here gets timeouts, not the NAT path: each one must be.
     */
    public void allowSecretsManagerFrom(IConnectable peer, String who) {
        endpoint("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER)
                .getConnections().allowFrom(peer, Port.tcp(443), who + " to Secrets Manager");
    }

    /**
     * Lets {@code peer} send to SQS through the VPC's interface endpoint, made on the first call: the hot path's sends
     * (an accepted claim, a payment) then go over PrivateLink in every AZ, not through the one NAT gateway's AZ. As
     * for Secrets Manager, private DNS sends every SQS call in the VPC there, so every sender must be let in.
     */
    public void allowSqsFrom(IConnectable peer, String who) {
        endpoint("Sqs", InterfaceVpcEndpointAwsService.SQS)
                .getConnections().allowFrom(peer, Port.tcp(443), who + " to SQS");
    }

    /** Made on demand: an interface endpoint bills per AZ-hour, so a VPC whose functions never call it has none. */
    private SecurityGroup endpoint(String name, InterfaceVpcEndpointAwsService service) {
        return endpoints.computeIfAbsent(name, n -> {
            SecurityGroup group = SecurityGroup.Builder.create(this, name + "EndpointSg")
                    .vpc(vpc)
                    .description(name + " endpoint: HTTPS from the functions that call it only")
                    // An endpoint only answers; CDK replaces all-outbound with a rule that matches nothing.
                    .allowAllOutbound(false)
                    .build();
            InterfaceVpcEndpoint.Builder.create(this, name)
                    .vpc(vpc)
                    .service(service)
                    .subnets(privateSubnets())
                    .privateDnsEnabled(true)
                    .securityGroups(List.of(group))
                    // CDK's default opens 443 to the whole VPC CIDR; only the allowed peers get in.
                    .open(false)
                    .build();
            return group;
        });
    }

    /**
     * @param maxAzs      2 or 3: ElastiCache Serverless and MSK Serverless need subnets in two AZs at least
     * @param natGateways 0..maxAzs: 0 when no function in the VPC calls the internet (AWS services are reached
     *                    through endpoints), else 1 (cheap) up to one per AZ (survives an AZ outage)
     */
    public record Props(int maxAzs, int natGateways) {
        public Props {
            if (maxAzs < 2 || maxAzs > 3) throw new IllegalArgumentException("maxAzs 2..3, got " + maxAzs);
            if (natGateways < 0 || natGateways > maxAzs) {
                throw new IllegalArgumentException("natGateways 0..maxAzs, got " + natGateways);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private int maxAzs = 2;
            private int natGateways = 1;

            public Builder maxAzs(int maxAzs) {
                this.maxAzs = maxAzs;
                return this;
            }

            public Builder natGateways(int natGateways) {
                this.natGateways = natGateways;
                return this;
            }

            public Props build() {
                return new Props(maxAzs, natGateways);
            }
        }
    }
}
