package dev.rushgate.feed.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be checked without an engine: the definition's shape, and that the cloud client builds from this jar. */
class OpenSearchPostsTest {

    @Test
    void definition_analysesTitleAndBodyWithNori_andAnEnglishSubfield() throws Exception {
        JsonNode definition = new ObjectMapper().readTree(OpenSearchPosts.definition());

        JsonNode tokenizer = definition.at("/settings/analysis/tokenizer/korean");
        assertThat(tokenizer.get("type").asText()).isEqualTo("nori_tokenizer");
        assertThat(tokenizer.get("decompound_mode").asText()).isEqualTo("mixed");
        List<String> rules = new ArrayList<>();
        tokenizer.get("user_dictionary_rules").forEach(rule -> rules.add(rule.asText()));
        assertThat(rules).contains("크라우드");
        for (String field : List.of("title", "body")) {
            JsonNode mapping = definition.at("/mappings/properties/" + field);
            assertThat(mapping.get("analyzer").asText()).as(field).isEqualTo("korean");
            assertThat(mapping.at("/fields/english/analyzer").asText()).as(field).isEqualTo("english");
        }
    }

    @Test
    void cloudClient_buildsWithTheJarsTheFunctionShips() {
        // The JSON-B and annotation jars are excluded from the function jar: a SigV4 client must build without them.
        OpenSearchPosts posts = OpenSearchPosts.aws("search-feed.ap-northeast-2.es.amazonaws.com", Region.AP_NORTHEAST_2);

        assertThat(posts).isNotNull();
    }
}
