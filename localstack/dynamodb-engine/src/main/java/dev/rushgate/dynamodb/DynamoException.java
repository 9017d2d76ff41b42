package dev.rushgate.dynamodb;

import java.util.Objects;

/**
 * An error answered to the client in DynamoDB's own shape: HTTP 400 (or 500 for {@link #internal}) with
 * {@code {"__type":"com.amazonaws.dynamodb.v20120810#<type>","message":"…"}}. The SDK turns {@code type} into its
 * exception class ({@code ConditionalCheckFailedException}, {@code ValidationException}, …), so {@code type} must be
 * exactly DynamoDB's name, and {@code message} follows DynamoDB's wording where practical.
 */
public class DynamoException extends RuntimeException {
    private final String type;
    private final int status;

    public DynamoException(String type, String message) {
        this(type, message, 400);
    }

    protected DynamoException(String type, String message, int status) {
        super(message, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.status = status;
    }

    public static DynamoException validation(String message) {
        return new DynamoException("ValidationException", message);
    }

    public static DynamoException notFound(String message) {
        return new DynamoException("ResourceNotFoundException", message);
    }

    public static DynamoException inUse(String message) {
        return new DynamoException("ResourceInUseException", message);
    }

    public static DynamoException internal(String message) {
        return new DynamoException("InternalServerError", message, 500);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
