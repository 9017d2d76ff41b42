package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rushgate.wiring.Access;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Needs;
import dev.rushgate.wiring.Sizing;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

/** The VPC's way to Secrets Manager: a private endpoint that only the functions reading secrets may call. */
class NetworkStackTest {

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    @SuppressWarnings("unchecked")
    void reachesSecretsManagerThroughAPrivateEndpoint_inThePrivateSubnets(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        Set<String> privateSubnets = template.tagged("AWS::EC2::Subnet", "aws-cdk:subnet-type").entrySet().stream()
                .filter(e -> e.getValue().equals("Private") || e.getValue().equals("Isolated")).map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        // when
        var endpoints = secretsManagerEndpoints(template);

        // then
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.get("VpcEndpointType")).isEqualTo("Interface");
            assertThat(endpoint.get("PrivateDnsEnabled")).as("SDK clients find it by the usual host name").isEqualTo(true);
            assertThat(refs(endpoint.get("SubnetIds"))).isNotEmpty().isEqualTo(privateSubnets);
            assertThat((List<Object>) endpoint.get("SecurityGroupIds")).hasSize(1);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void letsInOnlyTheFunctionsThatReadSecrets_onHttpsOnly(Declaration declaration) {
        // given the endpoint's group
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        String endpointGroup = refs(secretsManagerEndpoints(template).getFirst().get("SecurityGroupIds")).iterator().next();
        Map<String, Object> group = properties(template.resources("AWS::EC2::SecurityGroup").get(endpointGroup));

        // when
        var ingress = template.resources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(TemplateQueries::properties).filter(r -> refs(r.get("GroupId")).contains(endpointGroup)).toList();

        // then 443 from one group of functions: no CIDR, no other port, and the endpoint starts no connection
        assertThat(group).doesNotContainKey("SecurityGroupIngress");
        assertThat(group.get("SecurityGroupEgress")).as("CDK's rule that matches nothing")
                .isEqualTo(List.of(Map.of("CidrIp", "255.255.255.255/32", "Description", "Disallow all traffic",
                        "FromPort", 252, "IpProtocol", "icmp", "ToPort", 86)));
        assertThat(ingress).singleElement().satisfies(rule -> {
            assertThat(rule.get("IpProtocol")).isEqualTo("tcp");
            assertThat(rule.get("FromPort")).isEqualTo(443);
            assertThat(rule.get("ToPort")).isEqualTo(443);
            assertThat(rule).doesNotContainKeys("CidrIp", "CidrIpv6", "SourcePrefixListId");
        });
        // and that group is worn by exactly the functions in the VPC that read a secret
        String admitted = refs(ingress.getFirst().get("SourceSecurityGroupId")).iterator().next();
        var wearers = declaration.deployedFunctions().stream().map(FunctionSpec::id)
                .filter(id -> template.function(id).containsKey("VpcConfig")
                        && refs(vpcConfig(template, id).get("SecurityGroupIds")).contains(admitted))
                .toList();
        var readers = declaration.deployedFunctions().stream()
                .filter(f -> Functions.needsVpc(f) && Functions.readsSecrets(f)).map(FunctionSpec::id).toList();
        assertThat(readers).as("a function in the VPC reads a secret").isNotEmpty();
        assertThat(wearers).containsExactlyInAnyOrderElementsOf(readers);
    }

    @Test
    void makesNoEndpoint_whenNoFunctionInTheVpcReadsASecret() {
        // given a function in the VPC (it uses the cache) that reads no secret
        var cacheOnly = new Declaration(List.of(new FunctionSpec("peek", "x.PeekHttpHandler",
                new Trigger.Http("GET", "/v1/peek", Access.PUBLIC), Needs.none().withCache(), Sizing.API)),
                List.of(), List.of(), List.of());

        // when
        var template = new TemplateQueries(MergedTemplate.of(SynthesizedStacks.stack(cacheOnly,
                props -> props.database(false).streaming(false), s -> { })));

        // then it is billed no endpoint by the hour
        assertThat(template.resources("AWS::EC2::VPCEndpoint")).as("only the DynamoDB gateway").hasSize(1);
        assertThat(secretsManagerEndpoints(template)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void sendsTheHotPathsMessagesThroughAnSqsEndpoint_notTheNatGateway_andLetsInEverySender(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        // when
        var endpoints = template.resources("AWS::EC2::VPCEndpoint").values().stream().map(TemplateQueries::properties)
                .filter(e -> String.valueOf(e.get("ServiceName")).contains(".sqs")).toList();

        // then one interface endpoint with private DNS, open on 443 to exactly the VPC functions that call SQS
        assertThat(endpoints).singleElement().satisfies(e -> {
            assertThat(e.get("VpcEndpointType")).isEqualTo("Interface");
            assertThat(e.get("PrivateDnsEnabled")).isEqualTo(true);
        });
        String endpointGroup = refs(endpoints.getFirst().get("SecurityGroupIds")).iterator().next();
        var ingress = template.resources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(TemplateQueries::properties).filter(r -> refs(r.get("GroupId")).contains(endpointGroup)).toList();
        assertThat(ingress).singleElement().satisfies(rule -> assertThat(rule.get("FromPort")).isEqualTo(443));
        String admitted = refs(ingress.getFirst().get("SourceSecurityGroupId")).iterator().next();
        var wearers = declaration.deployedFunctions().stream().map(FunctionSpec::id)
                .filter(id -> template.function(id).containsKey("VpcConfig")
                        && refs(vpcConfig(template, id).get("SecurityGroupIds")).contains(admitted))
                .toList();
        var senders = declaration.deployedFunctions().stream()
                .filter(f -> Functions.needsVpc(f) && Functions.sendsToSqs(f)).map(FunctionSpec::id).toList();
        assertThat(senders).as("a function in the VPC sends to SQS").isNotEmpty();
        assertThat(wearers).containsExactlyInAnyOrderElementsOf(senders);
    }

    private static List<Map<String, Object>> secretsManagerEndpoints(TemplateQueries template) {
        return template.resources("AWS::EC2::VPCEndpoint").values().stream().map(TemplateQueries::properties)
                .filter(e -> String.valueOf(e.get("ServiceName")).contains(".secretsmanager")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> vpcConfig(TemplateQueries template, String functionId) {
        return (Map<String, Object>) template.function(functionId).get("VpcConfig");
    }
}
