package dev.rushgate.localstack.bedrock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated model's hashtags: nouns for Korean, plain words for English, by frequency then first appearance. */
class HashtagsTest {

    private final Hashtags hashtags = new Hashtags();

    @Test
    void keepsKoreanNounsOnly_compoundsWhole() {
        // particles (를, 가), verbs (샀다), adverbs (정말) and the determiner 새 are not hashtags
        assertThat(hashtags.of("새 운동화를 샀다. 운동화가 정말 편하다", 5)).containsExactly("운동화");
    }

    @Test
    void ranksByFrequency_thenByFirstAppearance_andStopsAtTheLimit() {
        String text = "alpha beta gamma delta epsilon zeta beta gamma gamma";

        assertThat(hashtags.of(text, 5)).containsExactly("gamma", "beta", "alpha", "delta", "epsilon");
        assertThat(hashtags.of(text, 2)).containsExactly("gamma", "beta");
    }

    @Test
    void dropsEnglishStopWordsShortWordsAndNumbers() {
        assertThat(hashtags.of("We really like it: 2024 was the year of my new bike, a red bike", 5))
                .containsExactly("bike", "year", "red");
    }
}
