package dev.rushgate.localstack.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.JdkHttpServers;
import dev.rushgate.wiring.Rushgate;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulator of the Amazon Bedrock Runtime REST API, enough of it for the feed's inspection: the unchanged SDK
 * client talks to it through {@code endpointOverride}, with any static credentials (the signature is not checked).
 *
 * <ul>
 *   <li>{@code POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply} (ApplyGuardrail): the text
 *       blocks are matched against an English and a Korean block list ({@code bedrock/blocked-*.txt}); a hit answers
 *       {@code action: GUARDRAIL_INTERVENED} with one {@code wordPolicy.customWords} entry per phrase found, else
 *       {@code action: NONE}.</li>
 *   <li>{@code POST /model/{modelId}/converse} (Converse): only forced tool use is answered, and only for the
 *       {@value #TOOL} tool: {@code stopReason: tool_use} and one {@code toolUse} block whose input is
 *       {@code {approved, category, reasons, hashtags}}. The post is the last user message's text, read as the JSON
 *       object {@code {title, body, requestedCategory}} (plain text is taken as a body with no category). The allowed
 *       categories are the configured ones ({@link #useCategories}), else the system prompt's line
 *       {@code Allowed categories: a, b}, else the tool schema's {@code category} enum. An allowed requested category
 *       is approved as it is; any other is answered {@code approved: false} and echoed back as the category, as a
 *       model does when tool use is not strict, which the client must catch. Hashtags are nori's nouns for Korean
 *       and plain words for English ({@link Hashtags}).</li>
 * </ul>
 * Errors are Bedrock's: the status, an {@code x-amzn-ErrorType} header and {@code {"message": …}}. An unknown model
 * or a Converse without {@code toolConfig.toolChoice.tool} is a 400 {@code ValidationException}; an unknown guardrail
 * a 404 {@code ResourceNotFoundException}.
 *
 * <p>Failure modes for tests, switched at run time and cleared by {@link #reset()}: {@link #throttleNext} (429
 * {@code ThrottlingException}), {@link #failNext} (500 {@code InternalServerException}), {@link #answerAfter} (a
 * delay before every answer). {@link #calls} counts the requests of each operation as they arrive, failed ones
 * included.
 */
public final class BedrockSimulator implements AutoCloseable {

    /** The operations served; {@link #calls} counts each. */
    public enum Operation { APPLY_GUARDRAIL, CONVERSE }

    /** The models it knows and the guardrails it has; an empty set of guardrails accepts any identifier. */
    public record Settings(Set<String> models, Set<String> guardrails) {
        public Settings {
            models = Set.copyOf(models);
            guardrails = Set.copyOf(guardrails);
        }

        public static Settings defaults() {
            return new Settings(Set.of(MODEL), Set.of(GUARDRAIL));
        }
    }

    /** The model it answers as: the one a deployed stack asks by default. */
    public static final String MODEL = Rushgate.DEFAULT_FEED_MODEL;
    public static final String GUARDRAIL = "rushgateposts";
    public static final String GUARDRAIL_VERSION = "1";
    static final String TOOL = "record_inspection";
    private static final int MAX_HASHTAGS = 5;
    /** What the guardrail answers in place of blocked input, as a configured "blocked input messaging" would. */
    private static final String BLOCKED_MESSAGE = "This post breaks the community rules and cannot be published.";

    private static final Pattern APPLY = Pattern.compile("/guardrail/([^/]+)/version/([^/]+)/apply");
    private static final Pattern CONVERSE = Pattern.compile("/model/([^/]+)/converse");
    private static final Pattern GUARDRAIL_VERSION_FORMAT = Pattern.compile("[1-9][0-9]{0,7}|DRAFT");
    private static final Pattern CATEGORIES_LINE = Pattern.compile("(?im)^\\s*allowed categories\\s*:\\s*(.+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final Settings settings;
    private final BlockList blockList = BlockList.load();
    private final Hashtags hashtags = new Hashtags();
    private final Map<Operation, AtomicInteger> calls = new EnumMap<>(Operation.class);
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger failing = new AtomicInteger();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<List<String>> categories = new AtomicReference<>(List.of());
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private record Answer(int status, String errorType, JsonNode body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, null, body);
        }

        static Answer error(int status, String type, String message) {
            return new Answer(status, type, JSON.createObjectNode().put("message", message));
        }
    }

    /** Refused input: answered as Bedrock's 400 ValidationException. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private BedrockSimulator(Settings settings) {
        this.settings = settings;
        for (Operation op : Operation.values()) calls.put(op, new AtomicInteger());
    }

    /** Listens on 127.0.0.1 on a free port, with the default model and guardrail. */
    public static BedrockSimulator start() {
        return start(Settings.defaults());
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static BedrockSimulator start(Settings settings) {
        BedrockSimulator simulator = new BedrockSimulator(settings);
        // a slow answer must not hold up the others: a thread per exchange
        simulator.server = JdkHttpServers.startLoopback("bedrock", Map.of("/", simulator::handle));
        return simulator;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests of {@code operation} received so far, answered or failed. */
    public int calls(Operation operation) {
        return calls.get(operation).get();
    }

    /** The next {@code n} requests, of any operation, answer 429 ThrottlingException. */
    public void throttleNext(int n) {
        throttled.set(n);
    }

    /** The next {@code n} requests, of any operation, answer 500 InternalServerException (after any throttling). */
    public void failNext(int n) {
        failing.set(n);
    }

    /** Every answer waits {@code delay} first (until {@link #reset()}); zero answers at once. */
    public void answerAfter(Duration delay) {
        this.delay.set(delay);
    }

    /** Judges categories against this list instead of the one the request carries; empty goes back to the request's. */
    public void useCategories(List<String> categories) {
        this.categories.set(List.copyOf(categories));
    }

    /** Clears every failure mode, the category override and the counts. */
    public void reset() {
        throttled.set(0);
        failing.set(0);
        delay.set(Duration.ZERO);
        categories.set(List.of());
        calls.values().forEach(c -> c.set(0));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            Matcher apply = APPLY.matcher(path);
            Matcher converse = CONVERSE.matcher(path);
            Operation op = !exchange.getRequestMethod().equals("POST") ? null
                    : apply.matches() ? Operation.APPLY_GUARDRAIL : converse.matches() ? Operation.CONVERSE : null;
            if (op == null) {
                send(exchange, Answer.error(404, "UnknownOperationException", "No operation at "
                        + exchange.getRequestMethod() + " " + path));
                return;
            }
            calls.get(op).incrementAndGet();
            long started = System.nanoTime();
            if (waitOrStop(delay.get())) return;
            if (takeOne(throttled)) {
                send(exchange, Answer.error(429, "ThrottlingException", "Too many requests, please wait before trying again."));
                return;
            }
            if (takeOne(failing)) {
                send(exchange, Answer.error(500, "InternalServerException", "The server encountered an internal error."));
                return;
            }
            Answer answer;
            try {
                JsonNode body = JSON.readTree(request);
                if (body == null || !body.isObject()) throw new Invalid("The request body must be a JSON object.");
                answer = op == Operation.APPLY_GUARDRAIL
                        ? applyGuardrail(segment(apply.group(1)), segment(apply.group(2)), body)
                        : converse(segment(converse.group(1)), body, started);
            } catch (Invalid e) {
                answer = Answer.error(400, "ValidationException", e.getMessage());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                answer = Answer.error(400, "SerializationException", "The request body is not valid JSON.");
            }
            send(exchange, answer);
        }
    }

    private Answer applyGuardrail(String guardrail, String version, JsonNode body) {
        if (!settings.guardrails().isEmpty() && !settings.guardrails().contains(guardrail)) {
            return Answer.error(404, "ResourceNotFoundException", "The guardrail identifier or version is not found.");
        }
        if (!GUARDRAIL_VERSION_FORMAT.matcher(version).matches()) {
            throw new Invalid("The guardrail version must be a number or DRAFT.");
        }
        String source = body.path("source").asText("");
        if (!source.equals("INPUT") && !source.equals("OUTPUT")) throw new Invalid("source must be INPUT or OUTPUT.");
        JsonNode content = body.path("content");
        if (!content.isArray() || content.isEmpty()) throw new Invalid("content must hold at least one block.");
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            JsonNode t = block.path("text").path("text");
            if (!t.isTextual()) throw new Invalid("Only text content blocks are supported.");
            text.append(t.asText()).append('\n');
        }
        List<String> found = blockList.found(text.toString());

        ObjectNode answer = JSON.createObjectNode();
        int units = Math.max(1, (text.length() + 999) / 1000); // a text unit is up to 1,000 characters
        answer.putObject("usage").put("topicPolicyUnits", 0).put("contentPolicyUnits", 0)
                .put("wordPolicyUnits", units).put("sensitiveInformationPolicyUnits", 0)
                .put("sensitiveInformationPolicyFreeUnits", 0).put("contextualGroundingPolicyUnits", 0);
        ArrayNode outputs = answer.putArray("outputs");
        ObjectNode assessment = answer.putArray("assessments").addObject();
        if (found.isEmpty()) {
            answer.put("action", "NONE");
        } else {
            answer.put("action", "GUARDRAIL_INTERVENED").put("actionReason", "Guardrail blocked.");
            outputs.addObject().put("text", BLOCKED_MESSAGE);
            ArrayNode words = assessment.putObject("wordPolicy").putArray("customWords");
            found.forEach(p -> words.addObject().put("match", p).put("action", "BLOCKED").put("detected", true));
        }
        return Answer.ok(answer);
    }

    private Answer converse(String modelId, JsonNode body, long started) {
        if (!settings.models().contains(modelId)) throw new Invalid("The provided model identifier is invalid.");
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) throw new Invalid("messages must hold at least one message.");
        JsonNode tools = body.path("toolConfig").path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            throw new Invalid("This simulator answers only forced tool use: toolConfig.tools is missing.");
        }
        String forced = body.path("toolConfig").path("toolChoice").path("tool").path("name").asText("");
        if (forced.isEmpty()) {
            throw new Invalid("This simulator answers only forced tool use: toolConfig.toolChoice.tool is missing.");
        }
        JsonNode spec = null;
        for (JsonNode tool : tools) {
            if (tool.path("toolSpec").path("name").asText("").equals(forced)) spec = tool.path("toolSpec");
        }
        if (spec == null) throw new Invalid("toolChoice names the tool " + forced + ", which toolConfig.tools lacks.");
        if (!forced.equals(TOOL)) throw new Invalid("This simulator can only answer the " + TOOL + " tool.");

        String userText = lastUserText(messages);
        JsonNode post = postOf(userText);
        String title = post.path("title").asText("");
        String text = post.path("body").asText("");
        String requested = post.path("requestedCategory").asText("");
        List<String> allowed = allowedCategories(body, spec);

        ObjectNode input = JSON.createObjectNode();
        boolean approved = allowed.contains(requested);
        input.put("approved", approved).put("category", requested);
        ArrayNode reasons = input.putArray("reasons");
        ArrayNode tags = input.putArray("hashtags");
        if (approved) {
            hashtags.of(title + "\n" + text, MAX_HASHTAGS).forEach(tags::add);
        } else {
            reasons.add("category '" + requested + "' is not one of: " + String.join(", ", allowed));
        }

        ObjectNode answer = JSON.createObjectNode();
        ObjectNode message = answer.putObject("output").putObject("message").put("role", "assistant");
        message.putArray("content").addObject().putObject("toolUse")
                .put("toolUseId", "tooluse_sim" + ids.incrementAndGet()).put("name", TOOL).set("input", input);
        answer.put("stopReason", "tool_use");
        int inputTokens = tokens(body.toString());
        int outputTokens = tokens(input.toString());
        answer.putObject("usage").put("inputTokens", inputTokens).put("outputTokens", outputTokens)
                .put("totalTokens", inputTokens + outputTokens);
        answer.putObject("metrics").put("latencyMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return Answer.ok(answer);
    }

    private List<String> allowedCategories(JsonNode body, JsonNode spec) {
        List<String> configured = categories.get();
        if (!configured.isEmpty()) return configured;
        for (JsonNode block : body.path("system")) {
            Matcher line = CATEGORIES_LINE.matcher(block.path("text").asText(""));
            if (line.find()) {
                return List.of(line.group(1).strip().split("\\s*,\\s*"));
            }
        }
        List<String> enumerated = new ArrayList<>();
        spec.path("inputSchema").path("json").path("properties").path("category").path("enum")
                .forEach(v -> enumerated.add(v.asText()));
        return enumerated;
    }

    /** The text blocks of the last user message. */
    private static String lastUserText(JsonNode messages) {
        JsonNode last = null;
        for (JsonNode m : messages) {
            if (m.path("role").asText("").equals("user")) last = m;
        }
        if (last == null) throw new Invalid("A conversation must have a user message.");
        StringBuilder text = new StringBuilder();
        for (JsonNode block : last.path("content")) {
            if (block.path("text").isTextual()) text.append(block.path("text").asText());
        }
        return text.toString();
    }

    /** The post as {@code {title, body, requestedCategory}}; plain text is a body without a category. */
    private static JsonNode postOf(String userText) {
        try {
            JsonNode post = JSON.readTree(userText);
            if (post != null && post.isObject()) return post;
        } catch (IOException notJson) {
            // fall through: a plain-text post
        }
        return JSON.createObjectNode().put("body", userText);
    }

    /** A rough token count (about four characters a token), for the usage block. */
    private static int tokens(String text) {
        return Math.max(1, text.length() / 4);
    }

    /** Takes one from a countdown of failures; false once it is spent. */
    private static boolean takeOne(AtomicInteger left) {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Waits out a delay; true when the simulator stopped meanwhile (the exchange is then dropped). */
    private boolean waitOrStop(Duration wait) {
        if (wait.isZero()) return false;
        try {
            return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** A path segment as sent: percent-encoded (a model id's ':' arrives as %3A), with '+' kept as it is. */
    private static String segment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "sim-" + ids.incrementAndGet());
        if (answer.errorType() != null) exchange.getResponseHeaders().set("x-amzn-ErrorType", answer.errorType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
    }
}
