package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The Lambda {@link Context} of one local invocation: function name = declaration id, a fresh request id, and a
 * deadline counted from creation, so {@link #getRemainingTimeInMillis()} shrinks as it would in Lambda. Create
 * one per invocation.
 */
public final class LocalContext implements Context {
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";
    private static final LambdaLogger STDERR = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineNanos;
    private final int memoryMb;

    /**
     * @param functionName the declaration id
     * @param timeout      the function's declared timeout; the invocation's deadline is now plus this
     * @param memoryMb     the declared memory, reported as is (the local JVM is shared, nothing is enforced)
     */
    public LocalContext(String functionName, Duration timeout, int memoryMb) {
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.memoryMb = memoryMb;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return STDERR;
    }
}
