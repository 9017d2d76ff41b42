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
 * The operators' Slack-compatible webhook for alarms and alerts: one secret holding its URL (a Slack webhook URL is
 * itself the credential, so it stays out of the template and of the functions' configuration), read only by the
 * functions that declare {@code alertingAdmins()}. Created holding {@code unset}, which means no webhook: put the URL in
 * it after the first deploy ({@code aws secretsmanager put-secret-value --secret-id <AdminWebhookSecretArn>
 * --secret-string https://hooks.slack.com/…}). Until then alarms still reach the topic's e-mail subscription, if any.
 */
public final class AdminWebhook extends Construct {

    /** The value of {@link ResourceTags#SECRET} on this secret. */
    public static final String TAG = "admin-webhook";

    private final Secret secret;

    public AdminWebhook(Construct scope, String id) {
        super(scope, id);
        this.secret = Secret.Builder.create(this, "Secret")
                .description("Rushgate operators' Slack-compatible webhook URL for alarms and alerts; set it after the "
                        + "first deploy")
                .secretStringValue(SecretValue.unsafePlainText("unset"))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Tags.of(secret).add(ResourceTags.SECRET, TAG);
        Validations.of(secret).acknowledge(Acknowledgment.builder().id("AwsSolutions::AwsSolutions-SMG4")
                .reason("The chat service issues webhook URLs; an operator replaces this one there and here").build());
    }

    public String secretArn() {
        return secret.getSecretArn();
    }

    /** Lets {@code function} read the URL (GetSecretValue, DescribeSecret on this secret only). */
    public void grantRead(IGrantable function) {
        secret.grantRead(function);
    }
}
