package dev.rushgate.feed.adapter;

import dev.rushgate.platform.errors.BadInput;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchCursorTest {

    private static final int QUERY = SearchCursor.fingerprint("running shoes", "Running");

    @Test
    void decodesWhatItEncoded() {
        SearchCursor cursor = new SearchCursor(QUERY, 1.2345678f, 1_780_000_000_123L, "0123abcd");

        assertThat(SearchCursor.decode(cursor.encode(), QUERY)).isEqualTo(cursor);
    }

    @Test
    void after_readsSortValuesWhetherTheEngineSentTheScoreAsDoubleOrWholeNumber() {
        var asDouble = SearchCursor.after(QUERY, List.of(FieldValue.of(2.5), FieldValue.of(7L), FieldValue.of("ab")));
        var asLong = SearchCursor.after(QUERY, List.of(FieldValue.of(1L), FieldValue.of(7L), FieldValue.of("ab")));

        assertThat(asDouble).isEqualTo(new SearchCursor(QUERY, 2.5, 7L, "ab"));
        assertThat(asLong).isEqualTo(new SearchCursor(QUERY, 1.0, 7L, "ab"));
    }

    @Test
    void fingerprint_ignoresHashtagCase_butNotText() {
        assertThat(SearchCursor.fingerprint("running shoes", "running")).isEqualTo(QUERY);
        assertThat(SearchCursor.fingerprint("running shoe", "Running")).isNotEqualTo(QUERY);
    }

    @Test
    void rejectsACursorOfAnotherQuery() {
        String cursor = new SearchCursor(QUERY, 1.0, 1L, "0123abcd").encode();

        assertThatThrownBy(() -> SearchCursor.decode(cursor, SearchCursor.fingerprint("zebra", null)))
                .isInstanceOf(BadInput.class);
    }

    @Test
    void rejectsCursorsItCouldNotHaveIssued() {
        for (String json : new String[] {"[]", "{}", "{\"q\":" + QUERY + ",\"s\":1.0,\"t\":1}",
                "{\"q\":" + QUERY + ",\"s\":\"1\",\"t\":1,\"id\":\"ab\"}",
                "{\"q\":" + QUERY + ",\"s\":1.0,\"t\":1.5,\"id\":\"ab\"}",
                "{\"q\":" + QUERY + ",\"s\":1.0,\"t\":1,\"id\":\"../etc\"}"}) {
            String cursor = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> SearchCursor.decode(cursor, QUERY)).as(json).isInstanceOf(BadInput.class);
        }
        assertThatThrownBy(() -> SearchCursor.decode("%%%", QUERY)).isInstanceOf(BadInput.class);
    }
}
