package dev.rushgate.feed.domain;

import dev.rushgate.feed.adapter.DynamoAuthors;
import dev.rushgate.feed.adapter.DynamoInboxes;
import dev.rushgate.feed.adapter.DynamoPostStore;
import dev.rushgate.feed.adapter.DynamoSubscriptions;
import dev.rushgate.feed.adapter.SqsFanOutQueue;
import dev.rushgate.feed.adapter.SqsSearchIndexQueue;
import dev.rushgate.platform.Json;
import dev.rushgate.testing.LocalDynamoDb;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hybrid fan-out against the real engines (the project's DynamoDB engine, ElasticMQ): an author with as many
 * followers as the threshold is not fanned out, and readers merge their posts in; everyone else's go to inboxes.
 */
class LoudAuthorsIT {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final long LOUD = 3;

    private static LocalDynamoDb local;
    private static SQSRestServer sqsServer;
    private static SqsClient sqs;
    private static String queueUrl;
    private static DynamoPostStore posts;
    private static DynamoSubscriptions subscriptions;
    private static DynamoAuthors authors;
    private static FanOutPost fanOut;
    private static String indexQueueUrl;
    private static ReadInbox readInbox;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.start();
        local.createTable("posts", "postId", null);
        local.createTable("author-posts", "authorId", "sk");
        local.createTable("followers", "authorId", "followerId");
        local.createTable("subscriptions", "followerId", "authorId");
        local.createTable("inboxes", "userId", "sk");
        local.createTable("authors", "authorId", null);
        sqsServer = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
        int port = sqsServer.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
        queueUrl = sqs.createQueue(b -> b.queueName("fan-out-pages")).queueUrl();
        var dynamo = local.client();
        posts = new DynamoPostStore(dynamo, "posts", "author-posts");
        subscriptions = new DynamoSubscriptions(dynamo, "subscriptions", "followers", "authors");
        authors = new DynamoAuthors(dynamo, "authors");
        var inboxes = new DynamoInboxes(dynamo, "inboxes");
        // loud or not, every published post is queued for the search index
        indexQueueUrl = sqs.createQueue(b -> b.queueName("index-posts")).queueUrl();
        fanOut = new FanOutPost(posts, subscriptions, inboxes, new SqsFanOutQueue(sqs, queueUrl), authors, LOUD,
                new SqsSearchIndexQueue(sqs, indexQueueUrl));
        readInbox = new ReadInbox(inboxes, subscriptions, authors, posts);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        sqsServer.stopAndWait();
        local.close();
    }

    private static String id(int n) {
        return String.format("%032x", n);
    }

    /** Publishes a post as the inspection would, then runs its fan-out as the consumers would. */
    private static boolean publishAndFanOut(int n, String author, Instant at) {
        Post pending = posts.create(Post.pending(id(n), author, "Post " + n, "Body", "tech", List.of(), at));
        posts.recordReview(pending.reviewed(Inspection.approved("tech", List.of()), at.plusSeconds(1)));
        boolean queued = fanOut.start(id(n)).isPresent();
        for (var m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()) {
            fanOut.writePage(Json.read(m.body(), FanOutQueue.Page.class));
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return queued;
    }

    @Test
    void aLoudAuthorsPostsAreMergedInAtReadTime_andOthersAreFannedOut_inOneNewestFirstOrder_pageByPage() {
        // given a loud author (three followers, one of them the reader) and a quiet one the reader also follows
        for (String f : List.of("reader", "f-2", "f-3")) subscriptions.subscribe(f, "star", T0);
        subscriptions.subscribe("reader", "quiet", T0);
        assertThat(authors.standing("star").followers()).isEqualTo(3);

        // when each publishes, the star first
        boolean starQueued = publishAndFanOut(1, "star", T0.plusSeconds(10));
        boolean quietQueued = publishAndFanOut(2, "quiet", T0.plusSeconds(20));
        boolean starAgain = publishAndFanOut(3, "star", T0.plusSeconds(30));

        // then only the quiet author's post was fanned out, and the star is loud for good
        assertThat(starQueued).isFalse();
        assertThat(starAgain).isFalse();
        assertThat(quietQueued).isTrue();
        assertThat(authors.loud(List.of("star", "quiet"))).containsExactly("star");
        // and the reader's inbox merges them, newest first, two pages of two then one
        var first = readInbox.page("reader", null, 2);
        assertThat(first.items()).extracting(Inboxes.Entry::postId).containsExactly(id(3), id(2));
        var second = readInbox.page("reader", first.nextCursor(), 2);
        assertThat(second.items()).extracting(Inboxes.Entry::postId).containsExactly(id(1));
        assertThat(second.nextCursor()).isNull();

        // and a reader who follows the star only later sees only what it published since
        subscriptions.subscribe("late", "star", T0.plusSeconds(25));
        assertThat(readInbox.page("late", null, 10).items()).extracting(Inboxes.Entry::postId).containsExactly(id(3));

        // and unsubscribing moves the count back, once
        subscriptions.unsubscribe("f-3", "star");
        subscriptions.unsubscribe("f-3", "star");
        assertThat(authors.standing("star").followers()).isEqualTo(3); // reader, f-2, late
    }
}
