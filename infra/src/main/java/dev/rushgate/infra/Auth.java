package dev.rushgate.infra;

import java.util.List;
import java.util.Optional;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

/**
 * Who checks bearer tokens: the configured OIDC issuer and audience, or, when none is configured, a Cognito
 * user pool and app client made here. The gateway only proves the token; the {@code admin} role is checked
 * by the handlers.
 */
public final class Auth extends Construct {

    private final String issuer;
    private final String audience;
    private final HttpJwtAuthorizer authorizer;

    public Auth(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.issuer().isPresent()) {
            this.issuer = props.issuer().get();
            this.audience = props.audience().orElseThrow();
        } else {
            UserPool pool = UserPool.Builder.create(this, "Users")
                    .selfSignUpEnabled(false)
                    .signInAliases(SignInAliases.builder().email(true).build())
                    .passwordPolicy(PasswordPolicy.builder().minLength(12).requireLowercase(true)
                            .requireUppercase(true).requireDigits(true).requireSymbols(true).build())
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            UserPoolClient client = pool.addClient("Api", UserPoolClientOptions.builder()
                    .authFlows(AuthFlow.builder().userSrp(true).build())
                    .generateSecret(false)
                    .build());
            Validations.of(pool).acknowledge(
                    Acknowledgment.builder().id("AwsSolutions::AwsSolutions-COG2")
                            .reason("The fallback pool for trying Rushgate; production sets jwtIssuer to its own IdP, "
                                    + "where MFA policy belongs").build(),
                    Acknowledgment.builder().id("AwsSolutions::AwsSolutions-COG8")
                            .reason("Threat protection needs the Plus plan, billed per user: the IdP's choice").build());
            this.issuer = "https://cognito-idp." + Stack.of(this).getRegion() + ".amazonaws.com/"
                    + pool.getUserPoolId();
            this.audience = client.getUserPoolClientId();
        }
        this.authorizer = new HttpJwtAuthorizer("Jwt", issuer, HttpJwtAuthorizerProps.builder()
                .jwtAudience(List.of(audience))
                .build());
    }

    public HttpJwtAuthorizer authorizer() {
        return authorizer;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** Both issuer and audience, or neither (then Cognito). The issuer must be an https URL. */
    public record Props(Optional<String> issuer, Optional<String> audience) {
        public Props {
            issuer = issuer.filter(s -> !s.isBlank());
            audience = audience.filter(s -> !s.isBlank());
            if (issuer.isPresent() != audience.isPresent()) {
                throw new IllegalArgumentException("set both jwtIssuer and jwtAudience, or neither (Cognito)");
            }
            issuer.ifPresent(i -> {
                if (!i.startsWith("https://")) throw new IllegalArgumentException("jwtIssuer must be https: " + i);
            });
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String issuer;
            private String audience;

            public Builder issuer(String issuer) {
                this.issuer = issuer;
                return this;
            }

            public Builder audience(String audience) {
                this.audience = audience;
                return this;
            }

            public Props build() {
                return new Props(Optional.ofNullable(issuer), Optional.ofNullable(audience));
            }
        }
    }
}
