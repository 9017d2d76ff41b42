package dev.rushgate.infra;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * Ticketing's payment provider: its base URL (context {@code paymentsUrl}, default Stripe's API) and one secret
 * for its secret key, read only by functions that declare {@code chargingPayments()}. The secret is created
 * with a placeholder, never the key (a key in the template would sit in CloudFormation): put the real key in
 * it after the first deploy ({@code aws secretsmanager put-secret-value}).
 */
public final class Payments extends Construct {

    /** The value of {@link ResourceTags#SECRET} on this secret. */
    public static final String TAG = "payment-key";
    static final String DEFAULT_URL = "https://api.stripe.com";

    private final Secret secret;
    private final String url;

    public Payments(Construct scope, String id) {
        super(scope, id);
        Object context = scope.getNode().tryGetContext("paymentsUrl");
        this.url = context == null ? DEFAULT_URL : context.toString();
        this.secret = Secret.Builder.create(this, "Secret")
                .description("Rushgate payment provider secret key; set it after the first deploy")
                .secretStringValue(SecretValue.unsafePlainText("unset"))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Tags.of(secret).add(ResourceTags.SECRET, TAG);
        Validations.of(secret).acknowledge(Acknowledgment.builder().id("AwsSolutions::AwsSolutions-SMG4")
                .reason("The provider issues and rolls its API keys; an operator puts the current one here").build());
    }

    public String url() {
        return url;
    }

    public String secretArn() {
        return secret.getSecretArn();
    }

    /** Lets {@code function} read the key (GetSecretValue, DescribeSecret on this secret only). */
    public void grantRead(IGrantable function) {
        secret.grantRead(function);
    }
}
