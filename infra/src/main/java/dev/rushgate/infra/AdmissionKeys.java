package dev.rushgate.infra;

import java.util.List;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The one secret holding the waiting room's admission-token keys: a JWK set of P-256 private keys, read by
 * every function that signs or verifies tokens and written only by the rotation function. It starts as an
 * empty set, never with a key: a key in the template would sit in the assembly and in CloudFormation. The
 * rotation function makes the first key on its first run.
 */
public final class AdmissionKeys extends Construct {

    /** The value of {@link ResourceTags#SECRET} on this secret. */
    public static final String TAG = "admission-keys";
    static final String EMPTY_SET = "{\"keys\":[]}";

    private final Secret secret;

    public AdmissionKeys(Construct scope, String id) {
        super(scope, id);
        this.secret = Secret.Builder.create(this, "Secret")
                .description("Rushgate admission-token signing keys (JWK set); rotated by rotate-admission-keys")
                .secretStringValue(SecretValue.unsafePlainText(EMPTY_SET))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Tags.of(secret).add(ResourceTags.SECRET, TAG);
        Validations.of(secret).acknowledge(Acknowledgment.builder().id("AwsSolutions::AwsSolutions-SMG4")
                .reason("Rotated by the rotate-admission-keys function on its schedule, which keeps retired keys "
                        + "verifying until their tokens expire; Secrets Manager's rotation flow cannot").build());
    }

    public String secretArn() {
        return secret.getSecretArn();
    }

    /** Lets {@code function} read the keys (GetSecretValue, DescribeSecret on this secret only). */
    public void grantRead(IGrantable function) {
        secret.grantRead(function);
    }

    /** Lets {@code function} store a new version of the keys, and nothing else on the secret. */
    public void grantRotate(Function function) {
        secret.grantRead(function);
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:PutSecretValue"))
                .resources(List.of(secret.getSecretArn()))
                .build());
    }
}
