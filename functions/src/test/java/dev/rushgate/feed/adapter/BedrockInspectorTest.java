package dev.rushgate.feed.adapter;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reasons an author reads when the guardrail blocks a post, for the policies the local simulator never reports
 * (it has a word policy only). Built from the SDK's own response shapes, as its unmarshaller would build them.
 */
class BedrockInspectorTest {

    @Test
    void namesEachPolicyThatActed_andSkipsOnesThatOnlyDetected() {
        // given an assessment where a topic, a content filter, a managed word and a PII filter acted, and one only detected
        GuardrailAssessment assessment = GuardrailAssessment.builder()
                .topicPolicy(t -> t.topics(x -> x.name("Investment advice").type("DENY").action("BLOCKED").detected(true)))
                .contentPolicy(c -> c.filters(
                        f -> f.type("INSULTS").confidence("HIGH").action("BLOCKED").detected(true),
                        f -> f.type("VIOLENCE").confidence("LOW").action("NONE").detected(true)))
                .wordPolicy(w -> w.managedWordLists(m -> m.match("darn").type("PROFANITY").action("BLOCKED")))
                .sensitiveInformationPolicy(s -> s.piiEntities(p -> p.match("010-1234-5678").type("PHONE")
                        .action("BLOCKED")))
                .build();

        // then each that acted is named once, in the order reported
        assertThat(BedrockInspector.guardrailReasons(List.of(assessment, assessment))).containsExactly(
                "blocked topic: Investment advice", "blocked content: insults", "blocked word: darn",
                "personal information: phone");
    }

    @Test
    void givesAGeneralReason_whenThePolicyThatActedNamesNothing() {
        assertThat(BedrockInspector.guardrailReasons(List.of(GuardrailAssessment.builder().build())))
                .containsExactly("blocked by the content rules");
    }
}
