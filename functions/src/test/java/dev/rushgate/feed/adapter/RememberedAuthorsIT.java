package dev.rushgate.feed.adapter;

import dev.rushgate.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Loudness remembered by an environment, over the real engine: loud for good, quiet only for a few seconds. */
class RememberedAuthorsIT {
    private static LocalDynamoDb local;
    private static DynamoAuthors stored;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.start();
        local.createTable("authors", "authorId", null);
        stored = new DynamoAuthors(local.client(), "authors");
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static void setLoud(String authorId) {
        local.client().putItem(b -> b.tableName("authors").item(Map.of("authorId", AttributeValue.fromS(authorId),
                "followers", AttributeValue.fromN("20000"), "loud", AttributeValue.fromBool(true))));
    }

    @Test
    void aQuietAuthorIsReadAgainAfterAFewSeconds_soOneWhoTurnedLoudIsMergedSoon() {
        Instant t0 = Instant.parse("2026-12-05T12:00:00Z");
        Clock[] clock = {Clock.fixed(t0, ZoneOffset.UTC)};
        var remembered = new RememberedAuthors(stored, new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return clock[0].instant(); }
        });
        assertThat(remembered.loud(List.of("quiet-a", "loud-b"))).isEmpty();

        // another environment marks an author loud: this one still remembers them as quiet for a moment
        setLoud("loud-b");
        assertThat(remembered.loud(List.of("loud-b"))).isEmpty();

        // past the memory, it reads again and sees them loud; and loud is remembered for good
        clock[0] = Clock.fixed(t0.plus(RememberedAuthors.QUIET_FOR).plusMillis(1), ZoneOffset.UTC);
        assertThat(remembered.loud(List.of("quiet-a", "loud-b"))).containsExactly("loud-b");
        local.client().deleteItem(b -> b.tableName("authors").key(Map.of("authorId", AttributeValue.fromS("loud-b"))));
        assertThat(remembered.loud(List.of("loud-b"))).containsExactly("loud-b");
    }
}
