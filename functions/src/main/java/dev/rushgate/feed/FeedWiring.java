package dev.rushgate.feed;

import dev.rushgate.feed.adapter.BedrockInspector;
import dev.rushgate.feed.adapter.DynamoPostStore;
import dev.rushgate.feed.domain.InspectPost;
import dev.rushgate.feed.domain.ListMyPosts;
import dev.rushgate.feed.domain.PublishPost;
import dev.rushgate.feed.domain.ViewPost;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** Builds the feed's use cases from configuration, once per execution environment. */
public final class FeedWiring {
    private FeedWiring() {}

    private static final Clock CLOCK = Clock.systemUTC();

    public static PublishPost publishPost() {
        return new PublishPost(posts(), categories(), CLOCK);
    }

    public static ViewPost viewPost() {
        return new ViewPost(posts());
    }

    public static ListMyPosts listMyPosts() {
        return new ListMyPosts(posts());
    }

    /** Bedrock's guardrail, then its model; locally the stack's Bedrock simulator ({@link EnvNames#BEDROCK_ENDPOINT}). */
    public static InspectPost inspectPost() {
        var inspector = new BedrockInspector(Clients.get().bedrock(), Config.required(EnvNames.BEDROCK_MODEL_ID),
                Config.required(EnvNames.BEDROCK_GUARDRAIL_ID), Config.required(EnvNames.BEDROCK_GUARDRAIL_VERSION),
                categories());
        return new InspectPost(inspector, posts(), CLOCK);
    }

    /** The categories a post may name (until the upstream user service serves them: issue 19, item 5). */
    static List<String> categories() {
        return Arrays.stream(Config.required(EnvNames.FEED_CATEGORIES).split(",")).map(String::strip)
                .filter(c -> !c.isEmpty()).toList();
    }

    private static DynamoPostStore posts() {
        // list-my-posts reads only the author's list, get-post only the posts: each has the one table it declares
        return new DynamoPostStore(Clients.get().dynamo(),
                Config.optional(EnvNames.table(Rushgate.POSTS_TABLE)).orElse(""),
                Config.optional(EnvNames.table(Rushgate.AUTHOR_POSTS_TABLE)).orElse(""));
    }
}
