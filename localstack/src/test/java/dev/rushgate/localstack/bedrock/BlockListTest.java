package dev.rushgate.localstack.bedrock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated guardrail's matching: what counts as the listed phrase, and what only looks like it. */
class BlockListTest {

    private final BlockList list = BlockList.load();

    @Test
    void matchesAPhraseWhateverItsCaseWidthOrPunctuation() {
        assertThat(list.found("ＦＲＥＥ　ＭＯＮＥＹ inside")).containsExactly("free money");
        assertThat(list.found("get free...money!")).containsExactly("free money");
    }

    @Test
    void doesNotMatchAnEnglishPhraseInsideLongerWords() {
        assertThat(list.found("a carefree moneybags story")).isEmpty();
    }

    @Test
    void matchesAKoreanPhraseWithParticlesAndWithoutSpaces() {
        assertThat(list.found("무료 코인을 드려요")).containsExactly("무료 코인");
        assertThat(list.found("무료코인 이벤트, 도박사이트")).containsExactly("무료 코인", "도박 사이트");
    }
}
