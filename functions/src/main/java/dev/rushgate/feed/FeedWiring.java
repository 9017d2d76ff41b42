package dev.rushgate.feed;

import dev.rushgate.feed.adapter.BedrockInspector;
import dev.rushgate.feed.adapter.DynamoAuthors;
import dev.rushgate.feed.adapter.DynamoInboxes;
import dev.rushgate.feed.adapter.DynamoPostStore;
import dev.rushgate.feed.adapter.DynamoSubscriptions;
import dev.rushgate.feed.adapter.HttpUserService;
import dev.rushgate.feed.adapter.OpenSearchPosts;
import dev.rushgate.feed.adapter.RedisUpstreamCache;
import dev.rushgate.feed.adapter.RememberedAuthors;
import dev.rushgate.feed.adapter.SqsSearchIndexQueue;
import dev.rushgate.feed.adapter.SqsRefreshQueue;
import dev.rushgate.feed.adapter.SqsFanOutQueue;
import dev.rushgate.feed.domain.Categories;
import dev.rushgate.feed.domain.FanOutPost;
import dev.rushgate.feed.domain.Follow;
import dev.rushgate.feed.domain.IndexPost;
import dev.rushgate.feed.domain.InspectPost;
import dev.rushgate.feed.domain.ListMyPosts;
import dev.rushgate.feed.domain.PostSearch;
import dev.rushgate.feed.domain.Profiles;
import dev.rushgate.feed.domain.PublishPost;
import dev.rushgate.feed.domain.ReadInbox;
import dev.rushgate.feed.domain.RefreshQueue;
import dev.rushgate.feed.domain.RefreshUpstream;
import dev.rushgate.feed.domain.UpstreamCache;
import dev.rushgate.feed.domain.ViewPost;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** Builds the feed's use cases from configuration, once per execution environment. */
public final class FeedWiring {
    private FeedWiring() {}

    private static final Clock CLOCK = Clock.systemUTC();

    public static PublishPost publishPost() {
        return new PublishPost(posts(), categories()::names, CLOCK);
    }

    public static ViewPost viewPost() {
        return new ViewPost(posts());
    }

    /** Authors' profiles from the cache, the placeholder where it has none; never the upstream itself. */
    public static Profiles profiles() {
        return new Profiles(upstreamCache(), refreshQueue(), CLOCK);
    }

    /** The upstream's categories from the cache; the configured ones ({@link EnvNames#FEED_CATEGORIES}) before that. */
    public static Categories categories() {
        return new Categories(upstreamCache(), refreshQueue(), configuredCategories(), CLOCK);
    }

    /** The one caller of the upstream user service ({@link EnvNames#UPSTREAM_URL}). */
    public static RefreshUpstream refreshUpstream() {
        UpstreamCache cache = upstreamCache();
        var upstream = new HttpUserService(URI.create(Config.required(EnvNames.UPSTREAM_URL)),
                HttpUserService.Settings.DEFAULT, cache, CLOCK);
        return new RefreshUpstream(upstream, cache, CLOCK);
    }


    public static ListMyPosts listMyPosts() {
        return new ListMyPosts(posts());
    }

    /** Bedrock's guardrail, then its model; locally the stack's Bedrock simulator ({@link EnvNames#BEDROCK_ENDPOINT}). */
    public static InspectPost inspectPost() {
        var inspector = new BedrockInspector(Clients.get().bedrock(), Config.required(EnvNames.BEDROCK_MODEL_ID),
                Config.required(EnvNames.BEDROCK_GUARDRAIL_ID), Config.required(EnvNames.BEDROCK_GUARDRAIL_VERSION),
                categories()::names);
        return new InspectPost(inspector, posts(), CLOCK);
    }

    public static Follow follow() {
        return new Follow(subscriptions(), CLOCK);
    }

    public static ReadInbox readInbox() {
        return new ReadInbox(inboxes(), subscriptions(), new RememberedAuthors(authors(), CLOCK), posts());
    }

    public static FanOutPost fanOutPost() {
        return new FanOutPost(posts(), subscriptions(), inboxes(),
                new SqsFanOutQueue(Clients.get().sqs(), Config.required(EnvNames.queueUrl(Rushgate.FAN_OUT_QUEUE))),
                authors(), Config.optional(EnvNames.FEED_LOUD_AUTHOR_FOLLOWERS).map(Long::parseLong)
                        .orElse((long) Rushgate.DEFAULT_LOUD_AUTHOR_FOLLOWERS),
                new SqsSearchIndexQueue(Clients.get().sqs(),
                        Config.optional(EnvNames.queueUrl(Rushgate.SEARCH_INDEX_QUEUE)).orElse("")));
    }

    /** The search index ({@link EnvNames#SEARCH_ENDPOINT}): the domain, signed, in the cloud; the local node here. */
    public static PostSearch postSearch() {
        return searchIndex();
    }

    /** Keeps the search index in line with the posts table. */
    public static IndexPost indexPost() {
        return new IndexPost(posts(), searchIndex());
    }

    private static OpenSearchPosts searchIndex() {
        URI endpoint = URI.create(Config.required(EnvNames.SEARCH_ENDPOINT));
        return Config.optional(EnvNames.SEARCH_SIGNED).map(Boolean::parseBoolean).orElse(false)
                ? OpenSearchPosts.aws(endpoint.getHost(), Region.of(Config.required("AWS_REGION")))
                : OpenSearchPosts.local(endpoint);
    }

    private static DynamoSubscriptions subscriptions() {
        return new DynamoSubscriptions(Clients.get().dynamo(), table(Rushgate.SUBSCRIPTIONS_TABLE),
                table(Rushgate.FOLLOWERS_TABLE), table(Rushgate.AUTHORS_TABLE));
    }

    private static DynamoAuthors authors() {
        return new DynamoAuthors(Clients.get().dynamo(), table(Rushgate.AUTHORS_TABLE));
    }

    private static DynamoInboxes inboxes() {
        return new DynamoInboxes(Clients.get().dynamo(), table(Rushgate.INBOXES_TABLE));
    }

    private static RedisUpstreamCache upstreamCache() {
        return new RedisUpstreamCache(Clients.get()::redis, RedisUpstreamCache.Expiry.DEFAULT);
    }

    public static RefreshQueue refreshQueue() {
        return new SqsRefreshQueue(Clients.get().sqs(),
                Config.required(EnvNames.queueUrl(Rushgate.UPSTREAM_REFRESH_QUEUE)));
    }

    /** The deployment's categories, served until the upstream's are cached. */
    static List<String> configuredCategories() {
        return Arrays.stream(Config.required(EnvNames.FEED_CATEGORIES).split(",")).map(String::strip)
                .filter(c -> !c.isEmpty()).toList();
    }

    private static DynamoPostStore posts() {
        return new DynamoPostStore(Clients.get().dynamo(), table(Rushgate.POSTS_TABLE),
                table(Rushgate.AUTHOR_POSTS_TABLE));
    }

    /**
     * A table's physical name, or "" where the function does not declare it: each feed function is given only the
     * tables it declares (list-my-posts reads only the authors' lists), and a store it does not use is never called.
     */
    private static String table(String id) {
        return Config.optional(EnvNames.table(id)).orElse("");
    }
}
