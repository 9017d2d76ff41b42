package dev.rushgate.localstack.bedrock;

import dev.rushgate.localstack.bedrock.BedrockSimulator.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailCustomWord;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailWordPolicyAction;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The simulator's protocol, read by the real SDK client: Bedrock's shapes, and its errors as the SDK types them. */
class BedrockSimulatorIT {

    private static BedrockSimulator simulator;
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void start() {
        simulator = BedrockSimulator.start();
        client = BedrockClients.against(simulator.url());
    }

    @AfterAll
    static void stop() {
        client.close();
        simulator.close();
    }

    @BeforeEach
    void clearFailures() {
        simulator.reset();
    }

    private static ApplyGuardrailResponse guard(String guardrail, String... texts) {
        return client.applyGuardrail(r -> r.guardrailIdentifier(guardrail).guardrailVersion("1")
                .source(GuardrailContentSource.INPUT)
                .content(java.util.Arrays.stream(texts).map(t -> GuardrailContentBlock.fromText(b -> b.text(t))).toList()));
    }

    private static Consumer<ConverseRequest.Builder> converse(String model, boolean forceTool) {
        Document schema = Document.mapBuilder().putString("type", "object").putDocument("properties",
                Document.mapBuilder().putDocument("category", Document.mapBuilder().putString("type", "string")
                        .putDocument("enum", Document.fromList(List.of(Document.fromString("food")))).build()).build())
                .build();
        Tool tool = Tool.fromToolSpec(s -> s.name("record_inspection").inputSchema(ToolInputSchema.fromJson(schema)));
        return r -> r.modelId(model)
                .system(SystemContentBlock.fromText("Judge the post."))
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(
                        "{\"title\":\"김치찌개\",\"body\":\"오늘 김치찌개를 끓였다\",\"requestedCategory\":\"food\"}")).build())
                .toolConfig(c -> {
                    c.tools(tool);
                    if (forceTool) c.toolChoice(ToolChoice.fromTool(t -> t.name("record_inspection")));
                });
    }

    @Test
    void answersApplyGuardrail_withEachBlockedPhraseAsACustomWord() {
        // when two blocks carry two listed phrases, one English and one Korean
        ApplyGuardrailResponse response = guard(BedrockSimulator.GUARDRAIL, "Buy followers here", "도박 사이트 홍보");

        // then the guardrail intervened, with Bedrock's word-policy assessment and its blocked message
        assertThat(response.action()).isEqualTo(GuardrailAction.GUARDRAIL_INTERVENED);
        assertThat(response.outputs()).singleElement().satisfies(o -> assertThat(o.text()).isNotBlank());
        assertThat(response.assessments()).singleElement().satisfies(a -> assertThat(a.wordPolicy().customWords())
                .extracting(GuardrailCustomWord::match, GuardrailCustomWord::action, GuardrailCustomWord::detected)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("buy followers", GuardrailWordPolicyAction.BLOCKED, true),
                        org.assertj.core.groups.Tuple.tuple("도박 사이트", GuardrailWordPolicyAction.BLOCKED, true)));
        assertThat(response.usage().wordPolicyUnits()).isEqualTo(1);
    }

    @Test
    void answersApplyGuardrail_withNoAction_forCleanText() {
        ApplyGuardrailResponse response = guard(BedrockSimulator.GUARDRAIL, "A carefree morning", "money well spent");

        // "carefree" + "money" across blocks is not the phrase "free money"
        assertThat(response.action()).isEqualTo(GuardrailAction.NONE);
        assertThat(response.outputs()).isEmpty();
    }

    @Test
    void answersForcedToolUse_withOneToolUseBlock() {
        // when Converse forces record_inspection, with no category line in the prompt
        ConverseResponse response = client.converse(converse(BedrockSimulator.MODEL, true));

        // then one tool-use block answers, its category taken from the schema's enum and its nouns from nori
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
        ToolUseBlock use = response.output().message().content().getFirst().toolUse();
        assertThat(use.name()).isEqualTo("record_inspection");
        assertThat(use.toolUseId()).isNotBlank();
        assertThat(use.input().asMap().get("approved").asBoolean()).isTrue();
        assertThat(use.input().asMap().get("category").asString()).isEqualTo("food");
        assertThat(use.input().asMap().get("hashtags").asList()).extracting(Document::asString)
                .containsExactly("김치찌개", "오늘"); // nori reads 오늘 ("today") as a noun here
        assertThat(response.usage().totalTokens())
                .isEqualTo(response.usage().inputTokens() + response.usage().outputTokens()).isPositive();
    }

    @Test
    void answersThrottlingAsBedrockDoes_429WithItsErrorTypeHeader() {
        // given the next call is throttled
        simulator.throttleNext(BedrockClients.ATTEMPTS);

        // when a guardrail is applied
        ThrottlingException thrown = catchThrowableOfType(ThrottlingException.class,
                () -> guard(BedrockSimulator.GUARDRAIL, "hello"));

        // then the SDK read Bedrock's error: status, type (from x-amzn-ErrorType) and message
        assertThat(thrown.statusCode()).isEqualTo(429);
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(thrown.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType"))
                .hasValue("ThrottlingException");
        assertThat(thrown.awsErrorDetails().errorMessage()).contains("Too many requests");
        assertThat(thrown.requestId()).startsWith("sim-");
        assertThat(simulator.calls(Operation.APPLY_GUARDRAIL)).isEqualTo(BedrockClients.ATTEMPTS);
    }

    @Test
    void refusesConverse_withoutAForcedTool_orWithAnUnknownModel() {
        ValidationException noChoice = catchThrowableOfType(ValidationException.class,
                () -> client.converse(converse(BedrockSimulator.MODEL, false)));
        ValidationException noModel = catchThrowableOfType(ValidationException.class,
                () -> client.converse(converse("no.such-model-v1:0", true)));

        assertThat(noChoice.statusCode()).isEqualTo(400);
        assertThat(noChoice.awsErrorDetails().errorMessage()).contains("toolChoice");
        assertThat(noModel.awsErrorDetails().errorMessage()).contains("model identifier is invalid");
        // a refusal is not retried: one call each
        assertThat(simulator.calls(Operation.CONVERSE)).isEqualTo(2);
    }

    @Test
    void refusesAnUnknownGuardrail_as404() {
        BedrockRuntimeException thrown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> guard("nosuchguardrail", "hello"));

        assertThat(thrown.statusCode()).isEqualTo(404);
    }
}
