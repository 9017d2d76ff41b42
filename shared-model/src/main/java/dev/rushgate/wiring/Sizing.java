package dev.rushgate.wiring;

/** Memory and timeout of one function. SQS visibility timeouts are derived from the consumer's timeout. */
public record Sizing(int memoryMb, int timeoutSeconds) {
    public Sizing {
        if (memoryMb < 128 || memoryMb > 10_240) throw new IllegalArgumentException("memoryMb 128..10240");
        if (timeoutSeconds < 1 || timeoutSeconds > 900) throw new IllegalArgumentException("timeoutSeconds 1..900");
    }

    public static final Sizing API = new Sizing(1024, 10);
    public static final Sizing CONSUMER = new Sizing(1024, 30);
}
