package dev.rushgate.votes.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.CountVotes;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Stores and counts the votes of a Kafka batch. Any record that cannot be read, or names a poll or option that
 * does not exist, fails the whole batch: the event source retries it, then splits it until the bad record is
 * alone, and sends that to the on-failure queue ({@code votes-failed}); handling the good ones again changes
 * nothing.
 */
public final class CountVotesKafkaHandler implements RequestHandler<KafkaEvent, Map<String, Integer>> {
    private final CountVotes countVotes;

    public CountVotesKafkaHandler() {
        this(VotesWiring.countVotes());
    }

    public CountVotesKafkaHandler(CountVotes countVotes) {
        this.countVotes = countVotes;
    }

    @Override
    public Map<String, Integer> handleRequest(KafkaEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            List<VoteAccepted> votes = new ArrayList<>();
            if (event.getRecords() != null) {
                event.getRecords().values().forEach(records -> records.forEach(r -> votes.add(read(r))));
            }
            int counted = countVotes.count(votes);
            Telemetry.count(Map.of("VotesCounted", counted, "VotesAlreadyCounted", votes.size() - counted));
            return Map.of("votes", votes.size(), "counted", counted);
        });
    }

    private static VoteAccepted read(KafkaEvent.KafkaEventRecord record) {
        if (record.getValue() == null) throw new IllegalArgumentException("a vote record without a value");
        return Json.read(new String(Base64.getDecoder().decode(record.getValue()), StandardCharsets.UTF_8),
                VoteAccepted.class);
    }
}
