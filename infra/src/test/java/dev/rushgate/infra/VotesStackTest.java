package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.Test;

/** Voting's pieces in the real stack: the votes table, the MSK event source and its on-failure queue. */
class VotesStackTest {

    private final TemplateQueries template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));

    private String logicalId(String type, String tag, String id) {
        return template.tagged(type, tag).entrySet().stream().filter(e -> e.getValue().equals(id))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no " + type + " " + id));
    }

    @Test
    void storesVotesByPollShardAndVoteId() {
        Map<String, Object> table = properties(template.resources("AWS::DynamoDB::Table")
                .get(logicalId("AWS::DynamoDB::Table", ResourceTags.TABLE, Rushgate.VOTES_TABLE)));

        assertThat(table.get("KeySchema")).isEqualTo(List.of(Map.of("AttributeName", "pollShard", "KeyType", "HASH"),
                Map.of("AttributeName", "voteId", "KeyType", "RANGE")));
    }

    @Test
    void countsTheVotesTopicFromTheStart_andSendsFailedRecordsToVotesFailed_whereTheyEnd() {
        String alias = template.liveAliasLogicalId("count-votes");
        Map<String, Object> mapping = template.resources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(TemplateQueries::properties).filter(m -> refs(m.get("FunctionName")).contains(alias))
                .findFirst().orElseThrow();
        String failed = logicalId("AWS::SQS::Queue", ResourceTags.QUEUE, Rushgate.VOTES_FAILED_QUEUE);

        assertThat(mapping.get("Topics")).isEqualTo(List.of(Rushgate.VOTES_TOPIC));
        assertThat(mapping.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
        assertThat(mapping.get("BisectBatchOnFunctionError")).isEqualTo(true);
        assertThat(((Number) mapping.get("MaximumRetryAttempts")).intValue()).isEqualTo(3);
        assertThat(refs(mapping.get("EventSourceArn")))
                .containsExactlyElementsOf(template.resources("AWS::MSK::ServerlessCluster").keySet());
        assertThat(refs(((Map<?, ?>) mapping.get("DestinationConfig")).get("OnFailure"))).containsExactly(failed);
        // no redrive policy: the dead-letter view's looks cannot move failed batches to a queue nobody lists
        assertThat(properties(template.resources("AWS::SQS::Queue").get(failed))).doesNotContainKey("RedrivePolicy");
        assertThat(template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE)).doesNotContainValue(
                Rushgate.VOTES_FAILED_QUEUE + "-dlq");
    }

    @Test
    void grantsProducersIdempotentWrites_andTheCounterItsConsumerGroup_asMskIamDocumentsThem() {
        // Kafka producers here set enable.idempotence=true: MSK's IAM then also asks WriteDataIdempotently on the cluster.
        String cluster = template.resources("AWS::MSK::ServerlessCluster").keySet().iterator().next();
        for (String producer : List.of("cast-vote", "sweep-vote-outbox", "count-votes", "send-poll-alerts")) {
            List<Map<String, Object>> statements = template.statementsOf(producer);
            assertThat(statements).as(producer).anySatisfy(s -> {
                assertThat(TemplateQueries.actions(s)).contains("kafka-cluster:Connect", "kafka-cluster:DescribeCluster",
                        "kafka-cluster:WriteDataIdempotently");
                assertThat(refs(s.get("Resource"))).contains(cluster);
            });
            assertThat(statements).as(producer).anySatisfy(s -> assertThat(TemplateQueries.actions(s))
                    .contains("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData", "kafka-cluster:CreateTopic"));
        }
        List<Map<String, Object>> counter = template.statementsOf("count-votes");
        assertThat(counter).anySatisfy(s -> assertThat(TemplateQueries.actions(s))
                .contains("kafka-cluster:Connect", "kafka-cluster:DescribeCluster"));
        assertThat(counter).anySatisfy(s -> assertThat(TemplateQueries.actions(s))
                .contains("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"));
        assertThat(counter).anySatisfy(s -> assertThat(TemplateQueries.actions(s))
                .contains("kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"));
        assertThat(counter).anySatisfy(s -> assertThat(TemplateQueries.actions(s))
                .contains("kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"));
    }

    @Test
    void letsOnlyTheVoteCastersAndTheSweeperWriteTheVotesTopic() {
        List<String> writers = SynthesizedStacks.RUSHGATE.deployedFunctions().stream()
                .filter(f -> template.statementsOf(f.id()).stream().anyMatch(s -> TemplateQueries.actions(s)
                        .contains("kafka-cluster:WriteData") && String.valueOf(s.get("Resource")).contains("/votes")))
                .map(f -> f.id()).toList();

        assertThat(writers).containsExactlyInAnyOrder("cast-vote", "sweep-vote-outbox");
        // MSK Serverless topics are made by their first producer, not by CloudFormation
        assertThat(template.statementsOf("cast-vote")).anySatisfy(s -> assertThat(TemplateQueries.actions(s))
                .contains("kafka-cluster:WriteData", "kafka-cluster:CreateTopic"));
    }

    @Test
    void letsTheVoteCasterReadTheCountersOffsets_toRebuildAPollTheCacheLost_butNotItsRecords() {
        List<Map<String, Object>> caster = template.statementsOf("cast-vote");

        // the counter's group, by its ARN, and nothing else of any group
        assertThat(caster).anySatisfy(s -> {
            assertThat(TemplateQueries.actions(s)).containsExactly("kafka-cluster:DescribeGroup");
            assertThat(String.valueOf(s.get("Resource"))).contains(":group/").contains("/count-votes");
        });
        assertThat(caster).noneSatisfy(s -> assertThat(TemplateQueries.actions(s))
                .containsAnyOf("kafka-cluster:ReadData", "kafka-cluster:AlterGroup"));
        // the counts of the counter's on-failure queue, and the stored votes, read only
        String failed = logicalId("AWS::SQS::Queue", ResourceTags.QUEUE, Rushgate.VOTES_FAILED_QUEUE);
        assertThat(caster).anySatisfy(s -> {
            assertThat(TemplateQueries.actions(s)).containsExactly("sqs:GetQueueAttributes");
            assertThat(refs(s.get("Resource"))).containsExactly(failed);
        });
        assertThat(caster).anySatisfy(s -> assertThat(TemplateQueries.actions(s)).contains("dynamodb:Query")
                .doesNotContain("dynamodb:PutItem"));
    }
}
