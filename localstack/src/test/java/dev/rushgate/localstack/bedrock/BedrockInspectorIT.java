package dev.rushgate.localstack.bedrock;

import dev.rushgate.feed.adapter.BedrockInspector;
import dev.rushgate.feed.domain.Inspection;
import dev.rushgate.feed.domain.Inspector.InspectionUnavailable;
import dev.rushgate.feed.domain.PostDraft;
import dev.rushgate.localstack.bedrock.BedrockSimulator.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Bedrock adapter, through the real SDK client over HTTP, against the Bedrock simulator. */
class BedrockInspectorIT {

    private static final List<String> CATEGORIES = List.of("food", "fashion", "tech");

    private static BedrockSimulator simulator;
    private static BedrockRuntimeClient client;
    private static BedrockInspector inspector;

    @BeforeAll
    static void start() {
        simulator = BedrockSimulator.start();
        client = BedrockClients.against(simulator.url());
        inspector = new BedrockInspector(client, BedrockSimulator.MODEL, BedrockSimulator.GUARDRAIL,
                BedrockSimulator.GUARDRAIL_VERSION, CATEGORIES);
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

    @Test
    void approvesAnEnglishPost_underItsCategory_withItsMostFrequentWordsAsHashtags() {
        // given an English post about ramen
        PostDraft post = new PostDraft("Ramen in Seoul", "This ramen shop serves ramen with a spicy broth. The broth is rich.",
                "food");

        // when it is inspected
        Inspection inspection = inspector.inspect(post);

        // then it is approved as food, its hashtags ranked by frequency, then by first appearance
        assertThat(inspection.approved()).isTrue();
        assertThat(inspection.category()).isEqualTo("food");
        assertThat(inspection.reasons()).isEmpty();
        assertThat(inspection.hashtags()).containsExactly("ramen", "broth", "seoul", "shop", "serves");
        assertThat(simulator.calls(Operation.APPLY_GUARDRAIL)).isEqualTo(1);
        assertThat(simulator.calls(Operation.CONVERSE)).isEqualTo(1);
    }

    @Test
    void approvesAKoreanPost_withNorisNounsAsHashtags() {
        // given a Korean post about new sneakers
        PostDraft post = new PostDraft("새 운동화 리뷰", "새 운동화를 샀다. 운동화가 정말 편하다", "fashion");

        // when it is inspected
        Inspection inspection = inspector.inspect(post);

        // then it is approved as fashion, and the noun said three times leads the hashtags
        assertThat(inspection.approved()).isTrue();
        assertThat(inspection.category()).isEqualTo("fashion");
        assertThat(inspection.hashtags()).containsExactly("운동화", "리뷰");
    }

    @Test
    void rejectsABlockedEnglishPhrase_namingIt_withoutAskingTheModel() {
        // given a post with a blocked phrase, in capitals and with a hyphen
        PostDraft post = new PostDraft("Easy win", "Get FREE-money now, just send your details!", "tech");

        // when it is inspected
        Inspection inspection = inspector.inspect(post);

        // then the guardrail rejected it with the phrase, and no model was asked
        assertThat(inspection.approved()).isFalse();
        assertThat(inspection.category()).isEqualTo("tech");
        assertThat(inspection.reasons()).containsExactly("blocked word: free money");
        assertThat(simulator.calls(Operation.APPLY_GUARDRAIL)).isEqualTo(1);
        assertThat(simulator.calls(Operation.CONVERSE)).isZero();
    }

    @Test
    void rejectsABlockedKoreanPhrase_writtenWithoutItsSpace_withoutAskingTheModel() {
        // given a Korean post offering free coins, "무료 코인" written as one word in the body
        PostDraft post = new PostDraft("이벤트", "지금 무료코인을 받아가세요", "tech");

        // when it is inspected
        Inspection inspection = inspector.inspect(post);

        // then it is rejected naming the phrase as listed, and no model was asked
        assertThat(inspection.approved()).isFalse();
        assertThat(inspection.reasons()).containsExactly("blocked word: 무료 코인");
        assertThat(simulator.calls(Operation.CONVERSE)).isZero();
    }

    @Test
    void rejectsACategoryOutsideTheList() {
        // given a clean post asked under a category the feed does not have
        PostDraft post = new PostDraft("My new phone", "The battery lasts two days.", "gadgets");

        // when it is inspected
        Inspection inspection = inspector.inspect(post);

        // then it is rejected, and the author reads which category was refused
        assertThat(inspection.approved()).isFalse();
        assertThat(inspection.category()).isEqualTo("gadgets");
        assertThat(inspection.reasons()).first().asString().contains("'gadgets'").contains("food, fashion, tech");
        assertThat(inspection.hashtags()).isEmpty();
    }

    @Test
    void rejectsACategoryTheModelApprovesOutsideOurList() {
        // given a model that knows a category the feed does not (it approves "gadgets" whatever it was told)
        simulator.useCategories(List.of("food", "fashion", "tech", "gadgets"));
        PostDraft post = new PostDraft("My new phone", "The battery lasts two days.", "gadgets");

        // when it is inspected
        Inspection inspection = inspector.inspect(post);

        // then the adapter does not trust the model's category
        assertThat(inspection.approved()).isFalse();
        assertThat(inspection.reasons()).containsExactly("category 'gadgets' is not one of: food, fashion, tech");
    }

    @Test
    void inspectsAnyway_whenOneThrottleIsRetriedByTheClient() {
        // given Bedrock throttles the next call only
        simulator.throttleNext(1);

        // when a post is inspected
        Inspection inspection = inspector.inspect(new PostDraft("Kimchi stew", "Kimchi stew for dinner.", "food"));

        // then the client's retry got through
        assertThat(inspection.approved()).isTrue();
        assertThat(simulator.calls(Operation.APPLY_GUARDRAIL)).isEqualTo(2);
    }

    @Test
    void isUnavailable_whenThrottlingOutlastsTheClientsRetries() {
        // given Bedrock throttles more calls than the client tries
        simulator.throttleNext(BedrockClients.ATTEMPTS + 2);

        // then the inspection is a "try later", carrying Bedrock's exception, after every attempt was made
        assertThatThrownBy(() -> inspector.inspect(new PostDraft("Kimchi stew", "Kimchi stew for dinner.", "food")))
                .isInstanceOf(InspectionUnavailable.class).hasCauseInstanceOf(ThrottlingException.class);
        assertThat(simulator.calls(Operation.APPLY_GUARDRAIL)).isEqualTo(BedrockClients.ATTEMPTS);
        assertThat(simulator.calls(Operation.CONVERSE)).isZero();
    }

    @Test
    void isUnavailable_whenBedrockAnswers500() {
        // given Bedrock fails every attempt with a server error
        simulator.failNext(BedrockClients.ATTEMPTS);

        // then the inspection is a "try later"
        assertThatThrownBy(() -> inspector.inspect(new PostDraft("Kimchi stew", "Kimchi stew for dinner.", "food")))
                .isInstanceOf(InspectionUnavailable.class).hasCauseInstanceOf(InternalServerException.class);
    }

    @Test
    void isUnavailable_whenTheAnswerComesAfterTheClientsDeadline() {
        // given Bedrock answers three times slower than the client's deadline
        simulator.answerAfter(BedrockClients.DEADLINE.multipliedBy(3));
        long started = System.nanoTime();

        // then the inspection gives up at the deadline, as a "try later"
        assertThatThrownBy(() -> inspector.inspect(new PostDraft("Kimchi stew", "Kimchi stew for dinner.", "food")))
                .isInstanceOf(InspectionUnavailable.class).hasCauseInstanceOf(ApiCallTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BedrockClients.DEADLINE.multipliedBy(2));
    }

    @Test
    void aRefusedRequestIsAFault_notATryLater() {
        // given an inspector set up with a model Bedrock does not know
        BedrockInspector misconfigured = new BedrockInspector(client, "no.such-model-v1:0", BedrockSimulator.GUARDRAIL,
                BedrockSimulator.GUARDRAIL_VERSION, CATEGORIES);

        // then a clean post fails as a fault to fix, which retrying would not cure
        assertThatThrownBy(() -> misconfigured.inspect(new PostDraft("Kimchi stew", "Kimchi stew for dinner.", "food")))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasCauseInstanceOf(ValidationException.class).hasMessageContaining("400");
    }
}
