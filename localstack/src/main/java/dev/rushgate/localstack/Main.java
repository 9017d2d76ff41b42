package dev.rushgate.localstack;

import dev.rushgate.localstack.engine.DataDirInUseException;

import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Rushgate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** {@code ./rushgate local [--port N] [--data DIR]}: runs the local stack until Ctrl-C. */
public final class Main {
    private Main() {}

    private static final String USAGE = """
            usage: rushgate local [--port N] [--data DIR] [--features F,G] [--limit KEY=VALUE] [--no-throttle]
              --port N    where the API listens (default 8080)
              --data DIR  keep Redis, DynamoDB, SQS, Kafka and PostgreSQL data in DIR between runs (default: fresh);
                          one stack at a time per DIR
              --limit KEY=VALUE  a guard rail as the CDK context names it, e.g. --limit throttle.claim-drop=100/50
                          (README "Guard rails"); repeatable
              --features F,G  only these features and the core, as the CDK context features=F,G deploys them
                          (drops, room, tickets, votes; default all)
              --no-throttle  no route throttling (the benchmarks measure the engines, not the limits)
              --visibility-timeout S  (dev) SQS visibility timeout for every queue instead of the declared ones, so
                          messages in flight when the stack died come back sooner (the fault suite's short runs)
            """;

    public static void main(String[] args) throws Exception {
        LocalStack.Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (DataDirInUseException e) {
            // An expected refusal, not a fault: one line, no stack trace.
            System.err.println("rushgate: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping the local stack …");
            stack.close();
            stopped.countDown();
            System.out.println("stopped.");
        }, "rushgate-shutdown"));
        System.out.println(stack.describe());
        System.out.println("Ctrl-C stops it.");
        stopped.await();
    }

    static LocalStack.Options parse(String[] args) {
        int port = 8080;
        Optional<Path> data = Optional.empty();
        Optional<Integer> visibility = Optional.empty();
        Map<String, String> limits = new HashMap<>();
        boolean throttle = true;
        List<String> features = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("--port needs a number");
                    try {
                        port = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port needs a number, not " + args[i]);
                    }
                    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0 to 65535");
                }
                case "--data" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("--data needs a directory");
                    data = Optional.of(Path.of(args[++i]));
                }
                case "--visibility-timeout" -> {
                    try {
                        visibility = Optional.of(Integer.parseInt(args[++i]));
                    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                        throw new IllegalArgumentException("--visibility-timeout needs a number of seconds");
                    }
                    if (visibility.get() < 1) throw new IllegalArgumentException("--visibility-timeout must be at least 1");
                }
                case "--limit" -> {
                    String[] kv = i + 1 < args.length ? args[++i].split("=", 2) : new String[0];
                    if (kv.length != 2) throw new IllegalArgumentException("--limit needs KEY=VALUE");
                    limits.put(kv[0], kv[1]);
                }
                case "--no-throttle" -> throttle = false;
                case "--features" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("--features needs a list, e.g. drops,room");
                    features = Arrays.stream(args[++i].split(",")).map(String::strip).filter(f -> !f.isEmpty()).toList();
                }
                case "-h", "--help" -> throw new IllegalArgumentException("Rushgate local stack");
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var declaration = features.isEmpty() ? Rushgate.declaration() : Rushgate.declaration().select(features);
        Optional<GuardRails> rails = throttle
                ? Optional.of(Rushgate.guardRails().with(limits::get, declaration))
                : Optional.empty();
        return new LocalStack.Options(port, data, visibility, rails, features);
    }
}
