package dev.rushgate.dynamodb.conformance;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** DynamoDB reports bad requests as a ValidationException error code, which the SDK has no class for. */
final class Errors {
    private Errors() {
    }

    static void isValidationException(Throwable thrown) {
        assertThat(thrown).as("a ValidationException, but the request succeeded").isNotNull();
        assertThat(thrown).isInstanceOf(DynamoDbException.class);
        assertThat(((DynamoDbException) thrown).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    static void assertValidationException(ThrowingCallable call) {
        isValidationException(catchThrowable(call));
    }
}
