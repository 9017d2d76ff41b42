package dev.rushgate.localstack.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode record(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static final String PUBLISHED = """
            {"eventName":"MODIFY","dynamodb":{"SizeBytes":120,
             "NewImage":{"status":{"S":"PUBLISHED"},"slug":{"S":"drop-42"},"tags":{"SS":["a","b"]}},
             "OldImage":{"status":{"S":"DRAFT"}}}}""";

    @Test
    void passesEverything_whenThereIsNoPattern() throws Exception {
        assertThat(new EventFilter(List.of()).passes(record(PUBLISHED))).isTrue();
    }

    @Test
    void matchesExactValues_andAnyOfSeveralPatterns() throws Exception {
        var published = new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"PUBLISHED\"]}}}}"));
        var removed = new EventFilter(List.of("{\"eventName\":[\"REMOVE\"]}"));
        var either = new EventFilter(List.of("{\"eventName\":[\"REMOVE\"]}", "{\"eventName\":[\"INSERT\",\"MODIFY\"]}"));

        assertThat(published.passes(record(PUBLISHED))).isTrue();
        assertThat(removed.passes(record(PUBLISHED))).isFalse();
        assertThat(either.passes(record(PUBLISHED))).isTrue();
    }

    @Test
    void matchesPrefixAnythingButExistsAndNumeric() throws Exception {
        var r = record(PUBLISHED);
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"slug\":{\"S\":[{\"prefix\":\"drop-\"}]}}}}")).passes(r)).isTrue();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"slug\":{\"S\":[{\"prefix\":\"room-\"}]}}}}")).passes(r)).isFalse();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"OldImage\":{\"status\":{\"S\":[{\"anything-but\":[\"PUBLISHED\"]}]}}}}")).passes(r)).isTrue();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[{\"anything-but\":\"PUBLISHED\"}]}}}}")).passes(r)).isFalse();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"deletedAt\":[{\"exists\":false}]}}}")).passes(r)).isTrue();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"slug\":[{\"exists\":true}]}}}")).passes(r)).isTrue();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"slug\":[{\"exists\":false}]}}}")).passes(r)).isFalse();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"SizeBytes\":[{\"numeric\":[\">\",100,\"<=\",120]}]}}")).passes(r)).isTrue();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"SizeBytes\":[{\"numeric\":[\"<\",100]}]}}")).passes(r)).isFalse();
        assertThat(new EventFilter(List.of("{\"dynamodb\":{\"NewImage\":{\"tags\":{\"SS\":[\"b\"]}}}}")).passes(r)).as("any element of an array").isTrue();
    }

    @Test
    void rejectsPatternsItCannotHonour() {
        assertThatThrownBy(() -> new EventFilter(List.of("[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventFilter(List.of("{\"a\":[{\"wildcard\":\"x*\"}]}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventFilter(List.of("{\"a\":\"x\"}"))).isInstanceOf(IllegalArgumentException.class);
    }
}
