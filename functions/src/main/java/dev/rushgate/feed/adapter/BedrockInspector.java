package dev.rushgate.feed.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rushgate.feed.domain.Inspection;
import dev.rushgate.feed.domain.Inspector;
import dev.rushgate.feed.domain.PostDraft;
import dev.rushgate.platform.Json;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Inspects a post with Amazon Bedrock in two steps. First ApplyGuardrail on the title and body (source INPUT): a
 * guardrail that intervenes rejects the post with reasons taken from its assessments, and no model is asked. Then
 * Converse with one tool, {@value #TOOL}, forced through {@code toolChoice}: the model's answer is the tool-use
 * block's input, read against the tool's schema. The model's category is trusted only when it is one of ours, since
 * tool use without strict mode does not hold a model to the schema's enum.
 *
 * <p>Throttling, 5xx answers and timeouts throw {@link InspectionUnavailable} (the post stays pending and is tried
 * again); any other refusal by Bedrock (validation, access, an unknown model or guardrail) is a configuration fault
 * and throws {@link IllegalStateException}. Retries within one call are the client's own retry strategy: the client
 * is built once by the caller, with its timeouts, and shared by every call.
 */
public final class BedrockInspector implements Inspector {

    static final String TOOL = "record_inspection";

    private final BedrockRuntimeClient bedrock;
    private final String modelId;
    private final String guardrailId;
    private final String guardrailVersion;
    private final Supplier<List<String>> categories;
    private volatile Schema schema;

    /**
     * The prompt and the tool for one list of categories; built again only when the list changes (the categories are
     * the upstream user service's, read from the cache for each post).
     */
    private record Schema(List<String> categories, String systemPrompt, Tool tool) {
        static Schema of(List<String> categories) {
            List<String> names = List.copyOf(categories);
            if (names.isEmpty()) throw new IllegalArgumentException("at least one category");
            names.forEach(c -> requireText(c, "category"));
            return new Schema(names, BedrockInspector.systemPrompt(names), BedrockInspector.tool(names));
        }
    }

    public BedrockInspector(BedrockRuntimeClient bedrock, String modelId, String guardrailId, String guardrailVersion,
                            List<String> categories) {
        this(bedrock, modelId, guardrailId, guardrailVersion, () -> categories);
    }

    public BedrockInspector(BedrockRuntimeClient bedrock, String modelId, String guardrailId, String guardrailVersion,
                            Supplier<List<String>> categories) {
        this.bedrock = Objects.requireNonNull(bedrock, "bedrock");
        this.modelId = requireText(modelId, "modelId");
        this.guardrailId = requireText(guardrailId, "guardrailId");
        this.guardrailVersion = requireText(guardrailVersion, "guardrailVersion");
        this.categories = Objects.requireNonNull(categories, "categories");
        this.schema = Schema.of(categories.get());
    }

    private Schema schema() {
        List<String> now = categories.get();
        Schema known = schema;
        if (known.categories().equals(now)) return known;
        Schema fresh = Schema.of(now);
        schema = fresh;
        return fresh;
    }

    @Override
    public Inspection inspect(PostDraft post) {
        Schema schema = schema();
        ApplyGuardrailResponse guarded = call("ApplyGuardrail", () -> bedrock.applyGuardrail(r -> r
                .guardrailIdentifier(guardrailId)
                .guardrailVersion(guardrailVersion)
                .source(GuardrailContentSource.INPUT)
                .content(guarded(post))));
        if (guarded.action() == GuardrailAction.GUARDRAIL_INTERVENED) {
            return Inspection.rejected(post.category(), guardrailReasons(guarded.assessments()));
        }
        ConverseResponse answer = call("Converse", () -> bedrock.converse(r -> r
                .modelId(modelId)
                .system(SystemContentBlock.fromText(schema.systemPrompt()))
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText(postAsJson(post))).build())
                .inferenceConfig(c -> c.maxTokens(512).temperature(0f))
                .toolConfig(c -> c.tools(schema.tool()).toolChoice(ToolChoice.fromTool(t -> t.name(TOOL))))));
        return verdict(post, recordedInspection(answer), schema.categories());
    }

    /** The model's recorded answer, checked against our categories. */
    private static Inspection verdict(PostDraft post, Map<String, Document> recorded, List<String> categories) {
        boolean approved = bool(recorded, "approved");
        String category = string(recorded, "category");
        List<String> reasons = strings(recorded, "reasons").stream().filter(s -> !s.isBlank()).distinct().toList();
        if (!categories.contains(category)) {
            List<String> why = new ArrayList<>();
            why.add("category '" + category + "' is not one of: " + String.join(", ", categories));
            why.addAll(reasons);
            return Inspection.rejected(post.category(), why.stream().distinct().toList());
        }
        if (!approved) {
            return Inspection.rejected(category, reasons.isEmpty() ? List.of("not accepted by the review") : reasons);
        }
        return Inspection.approved(category, hashtags(strings(recorded, "hashtags")));
    }

    /** The input of the one {@value #TOOL} tool-use block; a model that wrote anything else gave no verdict. */
    private static Map<String, Document> recordedInspection(ConverseResponse answer) {
        if (answer.output() != null && answer.output().message() != null) {
            for (ContentBlock block : answer.output().message().content()) {
                ToolUseBlock use = block.toolUse();
                if (use != null && TOOL.equals(use.name()) && use.input() != null && use.input().isMap()) {
                    return use.input().asMap();
                }
            }
        }
        throw new InspectionUnavailable("the model recorded no inspection (stopReason "
                + answer.stopReasonAsString() + ")", null);
    }

    /** Readable reasons for each policy that acted, in the order the guardrail reported them. */
    static List<String> guardrailReasons(List<GuardrailAssessment> assessments) {
        Set<String> reasons = new LinkedHashSet<>();
        for (GuardrailAssessment a : assessments) {
            if (a.topicPolicy() != null) {
                a.topicPolicy().topics().stream().filter(t -> acted(t.actionAsString()))
                        .forEach(t -> reasons.add("blocked topic: " + t.name()));
            }
            if (a.contentPolicy() != null) {
                a.contentPolicy().filters().stream().filter(f -> acted(f.actionAsString()))
                        .forEach(f -> reasons.add("blocked content: " + lower(f.typeAsString())));
            }
            if (a.wordPolicy() != null) {
                a.wordPolicy().customWords().stream().filter(w -> acted(w.actionAsString()))
                        .forEach(w -> reasons.add("blocked word: " + w.match()));
                a.wordPolicy().managedWordLists().stream().filter(w -> acted(w.actionAsString()))
                        .forEach(w -> reasons.add("blocked word: " + w.match()));
            }
            if (a.sensitiveInformationPolicy() != null) {
                a.sensitiveInformationPolicy().piiEntities().stream().filter(p -> acted(p.actionAsString()))
                        .forEach(p -> reasons.add("personal information: " + lower(p.typeAsString())));
                a.sensitiveInformationPolicy().regexes().stream().filter(r -> acted(r.actionAsString()))
                        .forEach(r -> reasons.add("blocked pattern: " + r.name()));
            }
        }
        // A guardrail can intervene through a policy that names nothing (grounding, automated reasoning).
        return reasons.isEmpty() ? List.of("blocked by the content rules") : List.copyOf(reasons);
    }

    /** Runs one Bedrock call, sorting its failures into "try again later" and "something is set up wrong". */
    private static <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (BedrockRuntimeException e) {
            if (transientStatus(e.statusCode())) {
                throw new InspectionUnavailable(operation + " failed with " + e.statusCode() + " " + errorCode(e), e);
            }
            throw new IllegalStateException(operation + " was refused: " + e.statusCode() + " " + errorCode(e), e);
        } catch (SdkClientException e) {
            // The call's own deadline (ApiCallTimeoutException), or the connection failed: no answer either way.
            throw new InspectionUnavailable(operation + " got no answer: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * 429 (ThrottlingException, ModelNotReadyException), 408 (ModelTimeoutException), 424 (ModelErrorException)
     * and every 5xx: a later try can succeed.
     */
    private static boolean transientStatus(int status) {
        return status == 429 || status == 408 || status == 424 || status >= 500;
    }

    private static String errorCode(BedrockRuntimeException e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }

    private static boolean acted(String action) {
        return action != null && !action.equals("NONE");
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Title and body as two text blocks; a blank one is left out, as Bedrock refuses empty text. */
    private static List<GuardrailContentBlock> guarded(PostDraft post) {
        return java.util.stream.Stream.of(post.title(), post.body()).filter(t -> !t.isBlank())
                .map(t -> GuardrailContentBlock.fromText(b -> b.text(t))).toList();
    }

    private static String postAsJson(PostDraft post) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", post.title());
        fields.put("body", post.body());
        fields.put("requestedCategory", post.category());
        try {
            return Json.MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static List<String> hashtags(List<String> answered) {
        return answered.stream()
                .map(h -> h.strip().replaceFirst("^#+", "").toLowerCase(Locale.ROOT))
                .filter(h -> !h.isBlank())
                .distinct()
                .limit(Inspection.MAX_HASHTAGS)
                .toList();
    }

    private static boolean bool(Map<String, Document> recorded, String name) {
        Document d = recorded.get(name);
        if (d == null || !d.isBoolean()) throw malformed(name, "a boolean");
        return d.asBoolean();
    }

    private static String string(Map<String, Document> recorded, String name) {
        Document d = recorded.get(name);
        if (d == null || !d.isString()) throw malformed(name, "a string");
        return d.asString();
    }

    private static List<String> strings(Map<String, Document> recorded, String name) {
        Document d = recorded.get(name);
        if (d == null || d.isNull()) return List.of();
        if (!d.isList() || !d.asList().stream().allMatch(Document::isString)) throw malformed(name, "a list of strings");
        return d.asList().stream().map(Document::asString).toList();
    }

    /** The model broke its schema: no verdict this time, and a new try may well give one. */
    private static InspectionUnavailable malformed(String field, String expected) {
        return new InspectionUnavailable("the recorded inspection's '" + field + "' is not " + expected, null);
    }

    private static String systemPrompt(List<String> categories) {
        return """
                You review posts for a community feed before they are published. The user message is one post as \
                JSON with title, body and requestedCategory; its text may be Korean or English.
                Allowed categories: %s
                Record your verdict with the %s tool, once:
                - approved: false for spam, scams, harassment, hate or sexual content; true otherwise.
                - category: one of the allowed categories, the requested one when it fits the post. If the \
                requested category is not allowed, answer approved false and say so.
                - reasons: when not approved, short reasons its author can read, in the post's language; \
                otherwise empty.
                - hashtags: at most %d of the post's main nouns, in its language, without '#', most telling first.
                """.formatted(String.join(", ", categories), TOOL, Inspection.MAX_HASHTAGS);
    }

    /** The one tool, its input schema built once: {approved, category (an enum of ours), reasons, hashtags}. */
    private static Tool tool(List<String> categories) {
        Document stringList = Document.mapBuilder().putString("type", "array")
                .putDocument("items", Document.mapBuilder().putString("type", "string").build()).build();
        Document schema = Document.mapBuilder()
                .putString("type", "object")
                .putDocument("properties", Document.mapBuilder()
                        .putDocument("approved", Document.mapBuilder().putString("type", "boolean").build())
                        .putDocument("category", Document.mapBuilder().putString("type", "string")
                                .putDocument("enum", Document.fromList(categories.stream().map(Document::fromString).toList()))
                                .build())
                        .putDocument("reasons", stringList)
                        .putDocument("hashtags", Document.mapBuilder().putString("type", "array")
                                .putDocument("items", Document.mapBuilder().putString("type", "string").build())
                                .putNumber("maxItems", Inspection.MAX_HASHTAGS).build())
                        .build())
                .putDocument("required", Document.fromList(List.of(Document.fromString("approved"),
                        Document.fromString("category"), Document.fromString("reasons"), Document.fromString("hashtags"))))
                .build();
        return Tool.fromToolSpec(s -> s.name(TOOL)
                .description("Records the verdict on one post: whether it may be published, its category, the "
                        + "reasons for a rejection, and its hashtags.")
                .inputSchema(ToolInputSchema.fromJson(schema)));
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
        return value;
    }
}
