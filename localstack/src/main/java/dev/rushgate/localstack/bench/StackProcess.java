package dev.rushgate.localstack.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stack in a JVM of its own, as {@code ./rushgate local} runs it, so that the benchmark's client
 * and the stack are separate processes that share only the machine (and so that tests can kill it as a crash would).
 */
public final class StackProcess implements AutoCloseable {

    /**
     * The JVM options of the stack, from the same file {@code ./rushgate local} reads, then its start-up cache's when
     * the launcher passed them ({@value #CACHE_OPTIONS}: the cache is made for this classpath).
     */
    static List<String> jvmOptions() throws IOException {
        try (var in = StackProcess.class.getResourceAsStream("/stack-jvm.options")) {
            if (in == null) throw new IOException("stack-jvm.options is missing from the classpath");
            List<String> options = new ArrayList<>(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
            options.addAll(List.of(System.getProperty(CACHE_OPTIONS, "").split(" ")).stream()
                    .filter(o -> !o.isBlank()).toList());
            return options;
        }
    }

    /** The system property in which {@code ./rushgate bench} and {@code chaos} pass the start-up cache's options. */
    static final String CACHE_OPTIONS = "rushgate.stack.jvm-options";

    private final Process process;
    private final URI url;
    private final Duration readyIn;
    private final Path log;

    private StackProcess(Process process, URI url, Duration readyIn, Path log) {
        this.process = process;
        this.url = url;
        this.readyIn = readyIn;
        this.log = log;
    }

    /** The first group of {@code regex} in what the stack printed once it was ready (waits up to 10 s for it). */
    public String printed(String regex) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        while (true) {
            java.util.regex.Matcher m = p.matcher(Files.readString(log));
            if (m.find()) return m.group(1);
            if (System.nanoTime() > deadline) throw new IOException("no " + regex + " in " + log);
            Thread.sleep(50);
        }
    }

    /** The stack's Redis, as it printed it ({@code redis://…}). */
    public String redis() throws IOException, InterruptedException {
        return printed("(redis://\\S+)");
    }

    static StackProcess start(Path log) throws IOException, InterruptedException {
        return start(log, List.of());
    }

    /** How often a start is tried again when the port picked for the stack was taken before the stack bound it. */
    static final int PORT_ATTEMPTS = 3;

    /**
     * Starts {@code ./rushgate local} with {@code args} after {@code --port}, its output in {@code log}, and returns
     * once its API answers. The port is one the system says is free; the stack binds it only after starting its
     * engines, whose own ephemeral ports may take it first, so a start that fails for that reason alone is tried again
     * on another port.
     */
    public static StackProcess start(Path log, List<String> args) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(log, args);
            } catch (PortTaken e) {
                if (attempt == PORT_ATTEMPTS) throw e;
                System.err.println("the stack's port was taken before it bound it (" + e.getMessage() + "); again");
            }
        }
    }

    /** The stack exited because its gateway's port was taken. */
    static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static StackProcess startOnce(Path log, List<String> args) throws IOException, InterruptedException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.rushgate.localstack.Main",
                "--port", Integer.toString(port)));
        command.addAll(args);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        URI url = URI.create("http://127.0.0.1:" + port);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String printed = Files.readString(log);
                if (gatewayPortTaken(printed)) throw new PortTaken("port " + port + "; see " + log);
                throw new IOException("the stack exited; see " + log + "\n" + printed);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(url.resolve("/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return new StackProcess(process, url, Duration.ofNanos(System.nanoTime() - started), log);
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IOException("the stack was not healthy within 60 s; see " + log);
    }

    /** Whether what a stack printed before it exited says its gateway could not bind its port. */
    static boolean gatewayPortTaken(String printed) {
        int bind = printed.indexOf("java.net.BindException: Address already in use");
        return bind >= 0 && printed.indexOf("dev.rushgate.localstack.LocalGateway.<init>", bind) > bind;
    }

    public URI url() {
        return url;
    }

    /** Ends the stack's JVM as a crash would (SIGKILL): no shutdown hook runs, its engines are not told. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** From process start to the first healthy answer. */
    Duration readyIn() {
        return readyIn;
    }

    /**
     * CPU time the stack and its child processes (Redis, PostgreSQL) have used so far; null where the
     * platform does not say. A child that has exited is no longer counted, so read it while the stack runs.
     */
    Duration cpu() {
        Duration total = process.info().totalCpuDuration().orElse(null);
        if (total == null) return null;
        for (ProcessHandle child : process.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /** Resident memory of the stack and its child processes (Redis, PostgreSQL), in MiB. */
    long residentMiB() {
        long kib = rssKib(process.pid());
        for (ProcessHandle child : process.descendants().toList()) kib += rssKib(child.pid());
        return kib / 1024;
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux, or the process is gone: report what we could read
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy(); // SIGTERM: the stack's shutdown hook stops its engines
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
