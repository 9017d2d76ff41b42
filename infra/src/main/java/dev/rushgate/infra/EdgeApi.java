package dev.rushgate.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudfront.AddBehaviorOptions;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.EdgeLambda;
import software.amazon.awscdk.services.cloudfront.LambdaEdgeEventType;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.OriginSslPolicy;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.experimental.EdgeFunction;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The API served through the waiting page's CloudFront distribution, at {@code /v1/*}: never cached, every viewer
 * header but Host passed on (the token included: with caching off CloudFront may forward Authorization), HTTPS only.
 *
 * <p>Why: API Gateway answers a request over a stage or route throttle itself, with {@code {"message":"Too Many
 * Requests"}} and no Retry-After, and an HTTP API cannot reshape that answer. A Lambda@Edge function on this
 * behaviour's origin responses ({@code edge/throttled-answer.js}) turns exactly that answer into problem+json
 * {@code throttled} with {@code Retry-After: 1}, as the local stack answers; every other response passes unchanged.
 * (A CloudFront Function cannot: it does not run on origin answers of 400 and above.)
 *
 * <p>Lambda@Edge lives in us-east-1. CDK's {@link EdgeFunction} puts it there, in a stack of its own
 * ({@value #EDGE_STACK}, deployed first by {@code cdk deploy Rushgate}), which needs the stack's region at synthesis:
 * the CDK CLI passes it ({@code CDK_DEFAULT_REGION}), or context {@code region}. Synthesized without a region (the
 * offline {@code ./rushgate synth}), the behaviour is there without the function, and synthesis says so.
 */
public final class EdgeApi extends Construct {

    /** The Lambda@Edge function's own stack, in us-east-1. */
    static final String EDGE_STACK = "RushgateEdge";

    /** The behaviour's path on the distribution: every API route is under it. */
    static final String PATH = "/v1/*";

    static final String THROTTLED_ANSWER = resource("/edge/throttled-answer.js");

    public EdgeApi(Construct scope, String id, Distribution distribution, HttpApi api) {
        super(scope, id);
        // https://{api-id}.execute-api.{region}.amazonaws.com → its host name
        String host = Fn.select(2, Fn.split("/", api.getApiEndpoint()));
        HttpOrigin origin = HttpOrigin.Builder.create(host)
                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                .originSslProtocols(List.of(OriginSslPolicy.TLS_V1_2))
                .readTimeout(Duration.seconds(30)) // API Gateway's own integration limit
                .build();
        boolean regionKnown = !Token.isUnresolved(Stack.of(this).getRegion());
        EdgeFunction answer = regionKnown ? throttledAnswer() : null;
        if (!regionKnown) {
            Annotations.of(this).addWarningV2("rushgate:edge-api-without-region", "Synthesized without a region: "
                    + "API Gateway's own 429s through CloudFront keep their {\"message\":...} body. The CDK CLI passes "
                    + "the region; otherwise set context region");
        }
        distribution.addBehavior(PATH, origin, AddBehaviorOptions.builder()
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY) // a redirect would turn a POST into a GET
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .edgeLambdas(answer == null ? null : List.of(EdgeLambda.builder()
                        .eventType(LambdaEdgeEventType.ORIGIN_RESPONSE).functionVersion(answer).build()))
                .build());
    }

    /** The origin-response function, in us-east-1 (in this stack when it is there, else in {@value #EDGE_STACK}). */
    private EdgeFunction throttledAnswer() {
        EdgeFunction function = EdgeFunction.Builder.create(this, "ThrottledAnswer")
                .description("Rushgate: API Gateway's throttled 429 answered as problem+json with Retry-After")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline(THROTTLED_ANSWER))
                .memorySize(128)
                .timeout(Duration.seconds(5))
                .stackId(EDGE_STACK)
                .build();
        acknowledge(function.getLambda());
        for (IConstruct child : Stack.of(this).getNode().findAll()) {
            // CDK's reader of the function's version ARN across regions (an SSM parameter in us-east-1)
            if (child.getNode().getId().startsWith("Custom::CrossRegionStringParameterReader")) acknowledge(child);
        }
        return function;
    }

    private static void acknowledge(IConstruct scope) {
        Validations.of(scope).acknowledge(
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-IAM4").reason("Lambda@Edge writes its logs "
                        + "in whichever region serves the request: the basic execution role is what AWS documents for it")
                        .build(),
                Acknowledgment.builder().id("AwsSolutions::AwsSolutions-L1").reason("Lambda@Edge supports fewer "
                        + "Node.js runtimes than Lambda; CDK's own helper's runtime is CDK's to upgrade").build());
        scope.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(
                "AwsSolutions-IAM5[Resource::*]", "Lambda@Edge logs to a log group in every region that serves it",
                "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                        + "AWSLambdaBasicExecutionRole]", "Lambda@Edge writes its logs in whichever region serves the "
                        + "request"));
    }

    private static String resource(String name) {
        try (InputStream in = EdgeApi.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
