package dev.rushgate.feed.domain;

import dev.rushgate.platform.errors.BadInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SearchQueryTest {

    @Test
    void rejectsBlankText() {
        BadInput e = catchThrowableOfType(BadInput.class, () -> new SearchQuery("  ", null, null, 10));

        assertThat(e.code()).isEqualTo("invalid-parameter");
    }

    @Test
    void rejectsTextOverTheLimit() {
        BadInput e = catchThrowableOfType(BadInput.class,
                () -> new SearchQuery("가".repeat(SearchQuery.MAX_TEXT + 1), null, null, 10));

        assertThat(e.code()).isEqualTo("invalid-parameter");
    }

    @Test
    void rejectsLimitOutsideOneToMax() {
        assertThat(catchThrowableOfType(BadInput.class, () -> new SearchQuery("shoe", null, null, 0)).code())
                .isEqualTo("invalid-parameter");
        assertThat(catchThrowableOfType(BadInput.class,
                () -> new SearchQuery("shoe", null, null, SearchQuery.MAX_LIMIT + 1)).code()).isEqualTo("invalid-parameter");
    }

    @Test
    void readsBlankHashtagAndCursorAsAbsent_andTrimsText() {
        SearchQuery query = new SearchQuery(" 운동화 ", " ", "", SearchQuery.MAX_LIMIT);

        assertThat(query.text()).isEqualTo("운동화");
        assertThat(query.hashtag()).isNull();
        assertThat(query.cursor()).isNull();
    }
}
