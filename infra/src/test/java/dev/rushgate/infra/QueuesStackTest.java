package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.rushgate.wiring.DeadLetterSource;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.QueueSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueuesStackTest {

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void redrivesEveryWorkQueueToItsDeadLetterQueue_afterTheDeclaredNumberOfReceives(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        Map<String, String> queueIds = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE);

        for (QueueSpec spec : declaration.queues().stream().filter(QueueSpec::hasDeadLetterQueue).toList()) {
            // when
            Map<String, Object> queue = properties(template.resources("AWS::SQS::Queue").get(logicalId(queueIds, spec.id())));
            Map<?, ?> redrive = (Map<?, ?>) queue.get("RedrivePolicy");

            // then
            assertThat(redrive).as(spec.id() + " has a redrive policy").isNotNull();
            assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).as(spec.id())
                    .isEqualTo(spec.maxReceiveCount());
            assertThat(refs(redrive.get("deadLetterTargetArn"))).as(spec.id())
                    .containsExactly(logicalId(queueIds, spec.dlqId()));
            assertThat(((Number) queue.get("VisibilityTimeout")).intValue()).isEqualTo(spec.visibilityTimeoutSeconds());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void endsEveryFailureInAQueueWithoutARedrivePolicy_keptFourteenDays(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        Map<String, String> queueIds = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE);

        for (DeadLetterSource source : declaration.deadLetterSources()) {
            // when
            Map<String, Object> holding = properties(template.resources("AWS::SQS::Queue")
                    .get(logicalId(queueIds, source.holdingQueue())));

            // then a look (a receive) cannot move anything on, and nothing expires before two weeks
            assertThat(holding).as(source.holdingQueue()).doesNotContainKey("RedrivePolicy");
            assertThat(((Number) holding.get("MessageRetentionPeriod")).intValue()).as(source.holdingQueue())
                    .isEqualTo(14 * 24 * 3600);
        }
        // and every queue is either consumed (so its failures reach a listed DLQ) or where failures end
        assertThat(declaration.complete()).isSameAs(declaration);
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void alarmsAsSoonAsAnyDeadLetterOrFailureQueueHoldsAMessage(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        Map<String, String> queueIds = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE);

        for (DeadLetterSource source : declaration.deadLetterSources()) {
            // when
            String dlq = logicalId(queueIds, source.holdingQueue());
            var alarms = template.resources("AWS::CloudWatch::Alarm").values().stream()
                    .map(TemplateQueries::properties)
                    .filter(a -> "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName")))
                    .filter(a -> refs(a.get("Dimensions")).contains(dlq))
                    .toList();

            // then
            assertThat(alarms).as(source.holdingQueue()).singleElement().satisfies(alarm -> {
                assertThat(((Number) alarm.get("Threshold")).intValue()).isEqualTo(1);
                assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
            });
        }
    }

    private static String logicalId(Map<String, String> queueIds, String queueId) {
        return queueIds.entrySet().stream().filter(e -> e.getValue().equals(queueId)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no queue tagged " + queueId));
    }
}
