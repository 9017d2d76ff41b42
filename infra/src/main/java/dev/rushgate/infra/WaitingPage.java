package dev.rushgate.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.CfnDistribution;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The waiting page on S3 behind CloudFront: a private bucket read only through origin access control (and
 * emptied and deleted with the stack), the page's one folder (the same one the local stack serves) deployed
 * under {@code waiting/}, and a {@code waiting/config.json} that sends the page's API calls to its own origin: the
 * same distribution serves the API under {@code /v1/} ({@link EdgeApi}).
 */
public final class WaitingPage extends Construct {

    /** Where the page lives on the distribution, as on the local stack. */
    public static final String PREFIX = "waiting/";

    /** A CloudFront viewer-request function: {@code /waiting} and {@code /waiting/} become its index page. */
    static final String INDEX_PAGES = """
            function handler(event) {
                var request = event.request;
                if (request.uri.endsWith('/')) {
                    request.uri += 'index.html';
                } else if (request.uri.lastIndexOf('.') < request.uri.lastIndexOf('/') + 1) {
                    request.uri += '/index.html';
                }
                return request;
            }
            """;

    private final Bucket bucket;
    private final Distribution distribution;

    public WaitingPage(Construct scope, String id, Props props) {
        super(scope, id);
        this.bucket = Bucket.Builder.create(this, "Files")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(false)
                // The page is a build artifact redeployed from the repository, not data: it goes with the
                // stack. CloudFormation cannot delete a bucket with objects, hence CDK's emptying function.
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
        // S3 behind OAC has no index documents: /waiting/ (the address people share) is rewritten to its page.
        Function indexPages = Function.Builder.create(this, "IndexPages")
                .comment("Serves index.html for addresses that end in a folder")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(INDEX_PAGES))
                .build();
        this.distribution = Distribution.Builder.create(this, "Cdn")
                .comment("Rushgate waiting page")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                        .functionAssociations(List.of(FunctionAssociation.builder().function(indexPages)
                                .eventType(FunctionEventType.VIEWER_REQUEST).build()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(ResponseHeadersPolicy.SECURITY_HEADERS)
                        .build())
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .build();
        firewall(props.wafRequestsPerFiveMinutes(), props.usEast1());
        BucketDeployment.Builder.create(this, "Deploy")
                .sources(List.of(Source.asset(props.folder().toString()),
                        // "" is the page's own origin: the distribution serves the API too (EdgeApi)
                        Source.jsonData("config.json", Map.of("api", ""))))
                .destinationBucket(bucket)
                .destinationKeyPrefix(PREFIX)
                // Browsers revalidate, so a visitor reloading mid-queue gets the page that matches the API.
                .cacheControl(List.of(CacheControl.noCache()))
                .distribution(distribution)
                .distributionPaths(List.of("/" + PREFIX + "*"))
                .build();

        Validations.of(bucket).acknowledge(Acknowledgment.builder().id("AwsSolutions::AwsSolutions-S1")
                .reason("Holds three public files read only by CloudFront through OAC; the visitors' requests that "
                        + "matter are API calls, logged in the API's access logs").build());
        Validations.of(distribution).acknowledge(
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-CFR1")
                        .reason("A waiting room is for everyone the event is for; geography is the event's choice, "
                                + "made at the site that links here").build(),
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-CFR2")
                        .reason("A WAF web ACL with a rate-based rule is attached: made in us-east-1, where "
                                + "CloudFront's web ACLs must live (this stack, or RushgateEdge read across regions, or "
                                + "a CloudFormation condition without a region); cdk-nag sees none of those").build(),
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-CFR3")
                        .reason("Standard logs need an ACL-enabled bucket; the page's meaningful requests are API "
                                + "calls, which the API logs").build(),
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-CFR4")
                        .reason("The default *.cloudfront.net certificate allows no minimum TLS version choice; a "
                                + "custom domain with TLSv1.2_2021 is the deployer's to add").build());
        acknowledgeDeploymentFunction(bucket);
    }

    /**
     * AWS WAF in front of the distribution, with a rate-based rule: one address sending more than
     * {@code requestsPerFiveMinutes} is answered 429 problem+json {@code throttled} with Retry-After, as the API's
     * guard rails answer locally. A CloudFront web ACL must live in us-east-1: when the stack's region is known it is
     * made in {@code usEast1} (this stack there, else the us-east-1 stack beside it, read across regions); when it is not,
     * it is made, and attached, only if the stack turns out to be deployed in us-east-1 (a CloudFormation condition).
     */
    private void firewall(int requestsPerFiveMinutes, Stack usEast1) {
        CfnDistribution cfn = (CfnDistribution) distribution.getNode().getDefaultChild();
        if (usEast1 != null) {
            boolean here = usEast1 == Stack.of(this);
            CfnWebACL acl = here ? webAcl(this, "Firewall", requestsPerFiveMinutes)
                    : webAcl(usEast1, "WaitingPageFirewall", requestsPerFiveMinutes);
            cfn.addPropertyOverride("DistributionConfig.WebACLId", acl.getAttrArn());
            return;
        }
        CfnCondition inUsEast1 = CfnCondition.Builder.create(this, "InUsEast1")
                .expression(Fn.conditionEquals(Aws.REGION, "us-east-1")).build();
        CfnWebACL acl = webAcl(this, "Firewall", requestsPerFiveMinutes);
        acl.getCfnOptions().setCondition(inUsEast1);
        cfn.addPropertyOverride("DistributionConfig.WebACLId", Fn.conditionIf(inUsEast1.getLogicalId(),
                acl.getAttrArn(), Aws.NO_VALUE));
    }

    private static CfnWebACL webAcl(Construct scope, String id, int requestsPerFiveMinutes) {
        String problem = "{\"type\":\"https://rushgate.dev/problems/throttled\",\"title\":\"Too many requests\","
                + "\"status\":429,\"detail\":\"This address sends more than the page allows; try again after "
                + "Retry-After seconds.\",\"code\":\"throttled\"}";
        return CfnWebACL.Builder.create(scope, id)
                .scope("CLOUDFRONT")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .customResponseBodies(Map.of("throttled", CfnWebACL.CustomResponseBodyProperty.builder()
                        .contentType("APPLICATION_JSON").content(problem).build()))
                .visibilityConfig(visibility("rushgate-waiting-page"))
                .rules(List.of(CfnWebACL.RuleProperty.builder()
                        .name("rate-per-address")
                        .priority(0)
                        .statement(CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                        .limit(requestsPerFiveMinutes).aggregateKeyType("IP")
                                        // The page's files only: API calls share an address behind a carrier's
                                        // NAT by the thousand, and the API's route throttles bound them.
                                        .scopeDownStatement(notUnder(EdgeApi.PATH.replace("*", "")))
                                        .build())
                                .build())
                        .action(CfnWebACL.RuleActionProperty.builder()
                                .block(CfnWebACL.BlockActionProperty.builder()
                                        .customResponse(CfnWebACL.CustomResponseProperty.builder()
                                                .responseCode(429)
                                                .customResponseBodyKey("throttled")
                                                .responseHeaders(List.of(CfnWebACL.CustomHTTPHeaderProperty.builder()
                                                        .name("Retry-After").value("60").build()))
                                                .build())
                                        .build())
                                .build())
                        .visibilityConfig(visibility("rate-per-address"))
                        .build()))
                .build();
    }

    /** Requests whose path does not start with {@code prefix}. */
    private static CfnWebACL.StatementProperty notUnder(String prefix) {
        return CfnWebACL.StatementProperty.builder().notStatement(CfnWebACL.NotStatementProperty.builder()
                .statement(CfnWebACL.StatementProperty.builder().byteMatchStatement(
                        CfnWebACL.ByteMatchStatementProperty.builder()
                                .fieldToMatch(CfnWebACL.FieldToMatchProperty.builder().uriPath(Map.of()).build())
                                .positionalConstraint("STARTS_WITH").searchString(prefix)
                                .textTransformations(List.of(CfnWebACL.TextTransformationProperty.builder()
                                        .priority(0).type("NONE").build()))
                                .build()).build())
                .build()).build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder().metricName(metric).cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true).build();
    }

    /** The page's address, e.g. {@code https://d111.cloudfront.net/waiting/index.html}. */
    public String url() {
        return origin() + "/" + PREFIX + "index.html";
    }

    /** The distribution's origin, e.g. {@code https://d111.cloudfront.net}: the page's, and the API's through it. */
    public String origin() {
        return "https://" + distribution.getDistributionDomainName();
    }

    public Distribution distribution() {
        return distribution;
    }

    /** The bucket behind the distribution's default behaviour: other static pages go in it under their prefix. */
    public Bucket bucket() {
        return bucket;
    }

    /**
     * BucketDeployment's one function per stack lives at the stack's root, not inside this construct. Its
     * wildcard findings name actions and ARNs (they contain '::', which Validations.acknowledge rejects as an
     * id), so they are recorded in the metadata cdk-nag reads, each with its reason.
     */
    private void acknowledgeDeploymentFunction(Bucket bucket) {
        Stack stack = Stack.of(this);
        String bucketId = (String) stack.resolve(stack.getLogicalId((CfnElement) bucket.getNode().getDefaultChild()));
        String copies = "CDK's deployment function copies the page from the assets bucket into this bucket and "
                + "removes what the page no longer has: CDK's grant covers every object of both buckets";
        Map<String, String> findings = new LinkedHashMap<>();
        for (String action : List.of("s3:GetBucket*", "s3:GetObject*", "s3:List*", "s3:Abort*", "s3:DeleteObject*")) {
            findings.put("AwsSolutions-IAM5[Action::" + action + "]", copies);
        }
        // cdk-nag names the assets bucket as the template does: with literals when the stack's region is known
        String partition = Token.isUnresolved(stack.getRegion()) ? "<AWS::Partition>" : stack.getPartition();
        String region = Token.isUnresolved(stack.getRegion()) ? "<AWS::Region>" : stack.getRegion();
        findings.put("AwsSolutions-IAM5[Resource::arn:" + partition + ":s3:::cdk-hnb659fds-assets-<AWS::AccountId>-"
                + region + "/*]", copies);
        findings.put("AwsSolutions-IAM5[Resource::<" + bucketId + ".Arn>/*]", copies);
        findings.put("AwsSolutions-IAM5[Resource::*]", "cloudfront:CreateInvalidation after each deployment, so "
                + "visitors get the new page at once; CDK's grant does not name the distribution");
        findings.put("AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                + "AWSLambdaBasicExecutionRole]", "CDK's deployment function writes its own log streams only");
        for (IConstruct child : stack.getNode().getChildren()) {
            if (!child.getNode().getId().startsWith("Custom::CDKBucketDeployment")) continue;
            Validations.of(child).acknowledge(Acknowledgment.builder().id("AwsSolutions::AwsSolutions-L1")
                    .reason("CDK's own deployment function; its runtime is CDK's to upgrade").build());
            child.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, findings);
        }
    }

    /**
     * @param folder the page's files (the repository's {@code waiting-page/}, also served by the local stack)
     * @param wafRequestsPerFiveMinutes what one address may ask of the page in 5 minutes before WAF answers 429
     * @param usEast1 where the web ACL goes when the region is known (this stack, or one in us-east-1); null when not
     */
    public record Props(Path folder, int wafRequestsPerFiveMinutes, Stack usEast1) {
        public Props {
            // AWS WAF's bounds for a rate-based rule's limit
            if (wafRequestsPerFiveMinutes < 10 || wafRequestsPerFiveMinutes > 2_000_000_000) {
                throw new IllegalArgumentException("wafRequestsPerFiveMinutes 10..2000000000");
            }
            Objects.requireNonNull(folder, "folder");
            if (!Files.isRegularFile(folder.resolve("index.html"))) {
                throw new IllegalArgumentException("no index.html in " + folder.toAbsolutePath());
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Path folder;
            private int wafRequestsPerFiveMinutes = 1_000;
            private Stack usEast1;

            /** Where the web ACL goes when the stack's region is known: itself in us-east-1, else a stack there. */
            public Builder usEast1(Stack usEast1) {
                this.usEast1 = usEast1;
                return this;
            }

            /** Requests one address may send in 5 minutes before WAF answers 429 (default 1,000). */
            public Builder wafRequestsPerFiveMinutes(int limit) {
                this.wafRequestsPerFiveMinutes = limit;
                return this;
            }

            public Builder folder(Path folder) {
                this.folder = folder;
                return this;
            }

            public Props build() {
                return new Props(folder, wafRequestsPerFiveMinutes, usEast1);
            }
        }
    }
}
