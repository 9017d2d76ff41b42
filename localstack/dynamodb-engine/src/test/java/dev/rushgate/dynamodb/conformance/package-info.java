/**
 * The DynamoDB conformance suite: tests that speak only through the AWS SDK's {@code DynamoDbClient} and
 * {@code DynamoDbStreamsClient}, with expectations taken from DynamoDB's documentation, never from what our
 * engine happens to do.
 *
 * <p>By default the suite runs against our engine, started once, embedded. Setting
 * {@code RUSHGATE_DYNAMODB_CONFORMANCE_URL} points it at any other DynamoDB instead (an AWS account, LocalStack,
 * moto): region from {@code AWS_REGION} (default us-east-1), credentials from the default chain or dummy ones.
 * Every table it creates is on-demand, carries a per-run random prefix and is deleted when its class ends.
 */
package dev.rushgate.dynamodb.conformance;
