package dev.rushgate.feed.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an inspection promises whoever stores it: a rejection says why, an approval has a category. */
class InspectionTest {

    @Test
    void keepsTheAuthorsCategory_whenRejected() {
        // when a post asked under "food" is rejected
        Inspection rejected = Inspection.rejected("food", List.of("blocked word: free money"));

        // then it keeps the category and its reason, and carries no hashtags
        assertThat(rejected.approved()).isFalse();
        assertThat(rejected.category()).isEqualTo("food");
        assertThat(rejected.reasons()).containsExactly("blocked word: free money");
        assertThat(rejected.hashtags()).isEmpty();
    }

    @Test
    void refusesARejectionWithoutAReason() {
        assertThatThrownBy(() -> Inspection.rejected("food", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void refusesAnApprovalWithoutACategory_orWithReasons() {
        assertThatThrownBy(() -> Inspection.approved(" ", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("category");
        assertThatThrownBy(() -> new Inspection(true, "food", List.of("why"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no reasons");
    }

    @Test
    void refusesMoreThanFiveHashtags_orRepeatedOnes() {
        assertThatThrownBy(() -> Inspection.approved("food", List.of("a", "b", "c", "d", "e", "f")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 5");
        assertThatThrownBy(() -> Inspection.approved("food", List.of("운동화", "운동화")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
    }

    @Test
    void refusesAPostWithNeitherTitleNorBody() {
        assertThatThrownBy(() -> new PostDraft(" ", "", "food"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title or a body");
    }
}
