package dev.rushgate.dynamodb.store;

/** The region and account in every ARN the engine answers: those of the rest of the local stack. */
public final class Arns {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";

    private Arns() {}
}
