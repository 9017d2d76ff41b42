package dev.rushgate.wiring;

import java.util.List;
import java.util.Map;

import static dev.rushgate.wiring.Access.ADMIN;
import static dev.rushgate.wiring.Access.LOCAL_ONLY;
import static dev.rushgate.wiring.Access.PUBLIC;
import static dev.rushgate.wiring.Access.USER;

/** The one declaration of Rushgate's wiring. Add a function here and both the cloud and the laptop get it. */
public final class Rushgate {
    private Rushgate() {}

    // Tables
    public static final String DROPS_TABLE = "drops";
    public static final String CLAIMS_TABLE = "claims";
    // Queues
    public static final String CLAIMS_QUEUE = "claims";
    // Ticketing: PENDING orders wait here for their charge.
    public static final String PAYMENTS_QUEUE = "payments";
    // Topics, used by voting
    public static final String VOTES_TOPIC = "votes";
    public static final String ALERTS_TOPIC = "alerts";
    // Voting (issue 6): votes stored once each, and where the vote consumer's failed records go
    public static final String VOTES_TABLE = "votes";
    public static final String VOTES_FAILED_QUEUE = "votes-failed";
    // Feed (issue 19): a post is its own outbox (the posts stream drives every next step); an author's list is a
    // second table, written in the same transaction (the engine has no secondary index)
    public static final String POSTS_TABLE = "posts";
    public static final String AUTHOR_POSTS_TABLE = "author-posts";
    public static final String POSTS_FAILED_QUEUE = "posts-failed";
    // Subscriptions both ways, written together; inboxes filled by the fan-out, a page of followers per message
    public static final String FOLLOWERS_TABLE = "followers";
    public static final String SUBSCRIPTIONS_TABLE = "subscriptions";
    public static final String INBOXES_TABLE = "inboxes";
    // Per author: how many follow them, and whether their posts are merged in at read time instead of fanned out
    public static final String AUTHORS_TABLE = "authors";
    public static final String FAN_OUT_QUEUE = "fan-out-pages";
    // Profiles and categories cached from the upstream user service are refreshed through this queue (and its DLQ)
    public static final String UPSTREAM_REFRESH_QUEUE = "upstream-refresh";
    // Posts whose searchability may have changed wait here for the indexer (the stream's two readers are taken)
    public static final String SEARCH_INDEX_QUEUE = "index-posts";
    // Notices (issue 20): facts told to users (a claim confirmed, an order settled, an offer), stored once each by the
    // notices consumer, then sent to the event's webhook; what a webhook keeps refusing ends in this queue's DLQ
    public static final String NOTICES_QUEUE = "notices";
    // Alarms and alerts for the operators (issue 20): CloudWatch alarms through their SNS topic in the cloud, the local
    // stack's dead-letter alarms, and polls' fired alerts; posted to the operators' webhook, what it refuses to the DLQ
    public static final String ADMIN_ALERTS_QUEUE = "admin-alerts";
    // Which of them were posted (pk alertId), so a copy arriving again is not posted twice
    public static final String ADMIN_ALERTS_TABLE = "admin-alerts";
    // A user's notices, unread first: pk userId, sk I#<id> (stored once) and L0#/L1#<inverted time>#<id> (the list)
    public static final String NOTICES_TABLE = "notifications";
    // Operator controls (issue 20): each pause, rate change, early close and revocation, newest first. Only the
    // controls write it and only the audit route reads it.
    public static final String AUDIT_TABLE = "audit";
    /**
     * The categories a post may name while the upstream user service's are not cached yet, when none are configured
     * (CDK context {@code feedCategories}).
     */
    public static final List<String> DEFAULT_FEED_CATEGORIES =
            List.of("news", "tech", "sports", "food", "travel", "culture");
    /**
     * The Bedrock model that inspects posts when none is configured (CDK context {@code feedModelId}), and the one the
     * local stack's simulator answers as: Claude Haiku 4.5 through its global cross-Region inference profile, which
     * every commercial region can call (Bedrock user guide, "Global cross-Region inference"). Claude 3 Haiku, the
     * default until 2026-12-06, reached its end of life on Bedrock on 2026-09-10.
     */
    public static final String DEFAULT_FEED_MODEL = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
    /**
     * Followers from which an author is "loud" when none is configured (CDK context {@code loudAuthorFollowers}): their
     * posts are merged into inboxes at read time instead of written to every follower's.
     */
    public static final int DEFAULT_LOUD_AUTHOR_FOLLOWERS = 10_000;

    private static final String OPS = "dev.rushgate.ops.handler.";
    private static final String DROPS = "dev.rushgate.drops.handler.";
    private static final String ROOM = "dev.rushgate.room.handler.";
    private static final String VOTES = "dev.rushgate.votes.handler.";
    private static final String TICKETS = "dev.rushgate.tickets.handler.";
    private static final String FEED = "dev.rushgate.feed.handler.";
    private static final String NOTICES = "dev.rushgate.notices.handler.";
    private static final String STATS = "dev.rushgate.stats.handler.";
    /** A post written PUBLISHED: its inspection approved it (or a redrive wrote it again). */
    private static final String PUBLISHED = "{\"eventName\":[\"MODIFY\"],"
            + "\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"PUBLISHED\"]}}}}";
    /** A post written REJECTED, or deleted: whatever the search index holds of it must go. */
    private static final String REJECTED = "{\"eventName\":[\"MODIFY\"],"
            + "\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"REJECTED\"]}}}}";
    private static final String DELETED = "{\"eventName\":[\"REMOVE\"]}";
    /** A post written PENDING_REVIEW: new, or sent back for review. */
    private static final String PENDING_REVIEW = "{\"eventName\":[\"INSERT\",\"MODIFY\"],"
            + "\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"PENDING_REVIEW\"]}}}}";

    private static final Declaration DECLARATION = new Declaration(
            List.of(
                    http("health", OPS + "ReportHealthHttpHandler", "GET", "/v1/health", PUBLIC,
                            Needs.none().withCache()),
                    http("unknown-route", OPS + "RejectUnknownRouteHttpHandler", "ANY", Trigger.Http.DEFAULT_PATH,
                            PUBLIC, Needs.none()),
                    // Operations: what failed, per declared queue or topic, and the redrive that retries it.
                    http("list-dead-letters", OPS + "ListDeadLettersHttpHandler", "GET", "/v1/admin/dead-letters",
                            ADMIN, Needs.none().operatingDeadLetters()),
                    http("redrive-dead-letters", OPS + "RedriveDeadLettersHttpHandler", "POST",
                            "/v1/admin/dead-letters/{name}/redrive", ADMIN, Needs.none().operatingDeadLetters()),
                    // The live view: each event's answers per second, as the deciding calls counted them.
                    http("list-live", OPS + "ListLiveHttpHandler", "GET", "/v1/admin/live", ADMIN,
                            Needs.none().withCache()),
                    http("get-live", OPS + "GetLiveHttpHandler", "GET", "/v1/admin/live/{kind}/{id}", ADMIN,
                            Needs.none().withCache()),
                    // Posts each alarm or alert once to the operators' Slack-compatible webhook (its queue's URL, to
                    // put a refused one off).
                    new FunctionSpec("alert-admins", OPS + "AlertAdminsSqsHandler",
                            new Trigger.Sqs(ADMIN_ALERTS_QUEUE, 10, 0),
                            Needs.none().writing(ADMIN_ALERTS_TABLE).sending(ADMIN_ALERTS_QUEUE).alertingAdmins(),
                            Sizing.CONSUMER),
                    // The audit log of the operator controls below (pause, rate, close, revoke), newest first.
                    http("list-audit", OPS + "ListAuditHttpHandler", "GET", "/v1/admin/audit", ADMIN,
                            Needs.none().reading(AUDIT_TABLE)),
                    http("dev-tokens", "dev.rushgate.localstack.IssueDevTokenHttpHandler", "POST", "/v1/dev/tokens",
                            LOCAL_ONLY, Needs.none()),
                    // The fault suite's hand inside the local stack: kill a consumer mid-batch, restart Kafka.
                    http("dev-faults", "dev.rushgate.localstack.InjectFaultHttpHandler", "POST", "/v1/dev/faults/{fault}",
                            LOCAL_ONLY, Needs.none()),

                    http("put-drop", DROPS + "PutDropHttpHandler", "PUT", "/v1/admin/drops/{dropId}", ADMIN,
                            Needs.none().writing(DROPS_TABLE).withCache()),
                    // Both rebuild a drop the cache lost from the stored claims, once the claims queue is empty.
                    http("get-drop", DROPS + "GetDropHttpHandler", "GET", "/v1/drops/{dropId}", USER,
                            Needs.none().reading(DROPS_TABLE, CLAIMS_TABLE).watching(CLAIMS_QUEUE).withCache()),
                    // Checks X-Admission-Token of drops behind a waiting room against the room's keys and revocations.
                    http("claim-drop", DROPS + "ClaimDropHttpHandler", "POST", "/v1/drops/{dropId}/claims", USER,
                            Needs.none().reading(DROPS_TABLE, CLAIMS_TABLE).sending(CLAIMS_QUEUE)
                                    .watching(CLAIMS_QUEUE).withCache().usingAdmissionKeys()),
                    http("get-claim", DROPS + "GetClaimHttpHandler", "GET", "/v1/drops/{dropId}/claims/{claimId}",
                            USER, Needs.none().reading(CLAIMS_TABLE).withCache()),
                    http("list-claims", DROPS + "ListClaimsHttpHandler", "GET", "/v1/admin/drops/{dropId}/claims",
                            ADMIN, Needs.none().reading(DROPS_TABLE, CLAIMS_TABLE)),
                    // An operator's early close: stored terms, then the cache; audited.
                    http("close-drop", DROPS + "CloseDropHttpHandler", "POST", "/v1/admin/drops/{dropId}/close", ADMIN,
                            Needs.none().writing(DROPS_TABLE, AUDIT_TABLE).withCache()),

                    // Waiting room: the whole line lives in Redis; admission is computed from time in each call.
                    http("put-room", ROOM + "PutRoomHttpHandler", "PUT", "/v1/admin/rooms/{roomId}", ADMIN,
                            Needs.none().withCache()),
                    http("get-admin-room", ROOM + "GetAdminRoomHttpHandler", "GET", "/v1/admin/rooms/{roomId}", ADMIN,
                            Needs.none().withCache()),
                    // Operator controls, each audited: revoke one admission, pause, resume, a new rate.
                    http("revoke-admission", ROOM + "RevokeAdmissionHttpHandler", "POST",
                            "/v1/admin/rooms/{roomId}/revocations", ADMIN, Needs.none().withCache().writing(AUDIT_TABLE)),
                    http("pause-room", ROOM + "PauseRoomHttpHandler", "POST", "/v1/admin/rooms/{roomId}/pause", ADMIN,
                            Needs.none().withCache().writing(AUDIT_TABLE)),
                    http("resume-room", ROOM + "ResumeRoomHttpHandler", "POST", "/v1/admin/rooms/{roomId}/resume",
                            ADMIN, Needs.none().withCache().writing(AUDIT_TABLE)),
                    http("change-admission-rate", ROOM + "ChangeAdmissionRateHttpHandler", "POST",
                            "/v1/admin/rooms/{roomId}/rate", ADMIN, Needs.none().withCache().writing(AUDIT_TABLE)),
                    http("get-room", ROOM + "GetRoomHttpHandler", "GET", "/v1/rooms/{roomId}", USER,
                            Needs.none().withCache()),
                    http("enter-room", ROOM + "EnterRoomHttpHandler", "POST", "/v1/rooms/{roomId}/entries", USER,
                            Needs.none().withCache().usingAdmissionKeys()),
                    // Signs the admission token once the entry is admitted.
                    http("get-entry", ROOM + "GetEntryHttpHandler", "GET", "/v1/rooms/{roomId}/entries/{entryId}",
                            USER, Needs.none().withCache().usingAdmissionKeys()),
                    // Public keys of admission tokens, so any origin can verify them offline.
                    http("get-jwks", ROOM + "GetJwksHttpHandler", "GET", "/v1/.well-known/jwks.json", PUBLIC,
                            Needs.none().usingAdmissionKeys()),
                    new FunctionSpec("store-claims", DROPS + "StoreClaimsSqsHandler",
                            new Trigger.Sqs(CLAIMS_QUEUE, 25, 1),
                            Needs.none().writing(CLAIMS_TABLE, DROPS_TABLE).sending(NOTICES_QUEUE), Sizing.CONSUMER),
                    new FunctionSpec("sweep-claim-outbox", DROPS + "SweepClaimOutboxScheduledHandler",
                            new Trigger.Schedule(1, 2),
                            Needs.none().reading(DROPS_TABLE).sending(CLAIMS_QUEUE).withCache(), Sizing.CONSUMER),
                    // Every half hour, but a new key only when the signing one is a day old (and the first key at
                    // once, should the set be empty). Locally keys are generated: it only says so.
                    new FunctionSpec("rotate-admission-keys", ROOM + "RotateAdmissionKeysScheduledHandler",
                            new Trigger.Schedule(30, 3600), Needs.none().rotatingAdmissionKeys(), Sizing.CONSUMER),
                    // The first key right after a deployment, so a fresh one admits from its first minute.
                    new FunctionSpec("seed-admission-keys", ROOM + "SeedAdmissionKeysDeployHandler",
                            new Trigger.Deploy(), Needs.none().rotatingAdmissionKeys(), Sizing.CONSUMER),
                    // Applies the PostgreSQL schema migrations after each deployment, before traffic needs them.
                    new FunctionSpec("migrate-schema", OPS + "MigrateSchemaDeployHandler", new Trigger.Deploy(),
                            Needs.none().withDatabase(), Sizing.CONSUMER),

                    // Voting: polls live in PostgreSQL, the vote is decided in Redis and produced to Kafka, the
                    // consumer stores each vote in DynamoDB and counts it in PostgreSQL, once.
                    http("put-poll", VOTES + "PutPollHttpHandler", "PUT", "/v1/admin/polls/{pollId}", ADMIN,
                            Needs.none().withCache().withDatabase()),
                    // Redis and Kafka only, but for a poll the cache lost: its terms come from PostgreSQL, and once
                    // count-votes has consumed every vote (no lag, nothing in its on-failure queue) its voters are
                    // rebuilt from the votes table.
                    http("cast-vote", VOTES + "CastVoteHttpHandler", "POST", "/v1/polls/{pollId}/votes", USER,
                            Needs.none().producing(VOTES_TOPIC).withCache().withDatabase().usingAdmissionKeys()
                                    .reading(VOTES_TABLE).watchingConsumersOf(VOTES_TOPIC)),
                    http("get-tally", VOTES + "GetTallyHttpHandler", "GET", "/v1/polls/{pollId}/tally", USER,
                            Needs.none().withCache().withDatabase()),
                    http("list-poll-alerts", VOTES + "ListPollAlertsHttpHandler", "GET",
                            "/v1/admin/polls/{pollId}/alerts", ADMIN, Needs.none().withDatabase()),
                    // An operator's early close: stored terms, then the cache; audited.
                    http("close-poll", VOTES + "ClosePollHttpHandler", "POST", "/v1/admin/polls/{pollId}/close", ADMIN,
                            Needs.none().withCache().withDatabase().writing(AUDIT_TABLE)),
                    http("rebuild-tally", VOTES + "RebuildTallyHttpHandler", "POST", "/v1/admin/polls/{pollId}/rebuild",
                            ADMIN, Needs.none().reading(VOTES_TABLE).withDatabase()),
                    new FunctionSpec("count-votes", VOTES + "CountVotesKafkaHandler",
                            new Trigger.Kafka(VOTES_TOPIC, 500, VOTES_FAILED_QUEUE),
                            Needs.none().writing(VOTES_TABLE).withDatabase().producing(ALERTS_TOPIC).withCache()
                                    .sending(ADMIN_ALERTS_QUEUE), Sizing.CONSUMER),
                    new FunctionSpec("sweep-vote-outbox", VOTES + "SweepVoteOutboxScheduledHandler",
                            new Trigger.Schedule(1, 2),
                            Needs.none().producing(VOTES_TOPIC).withCache(), Sizing.CONSUMER),
                    // Alerts recorded in the counting transaction but not sent yet (the consumer died after commit).
                    new FunctionSpec("send-poll-alerts", VOTES + "SendPollAlertsScheduledHandler",
                            new Trigger.Schedule(1, 2),
                            Needs.none().producing(ALERTS_TOPIC).withDatabase().withCache()
                                    .sending(ADMIN_ALERTS_QUEUE), Sizing.CONSUMER),

                    // Feed: a post is stored PENDING_REVIEW with its author's list entry in one transaction; the
                    // posts stream, not the handler, starts its inspection (no dual write).
                    // Feed: a post is stored PENDING_REVIEW with its author's list entry in one transaction; the
                    // posts stream, not the handler, starts its inspection (no dual write). Profiles and categories are
                    // read from the cache only (one Lua call, with the upstream breaker's shared state); what is
                    // missing or stale is refreshed behind the upstream-refresh queue.
                    http("publish-post", FEED + "PublishPostHttpHandler", "POST", "/v1/posts", USER,
                            Needs.none().writing(POSTS_TABLE, AUTHOR_POSTS_TABLE).withCache()
                                    .sending(UPSTREAM_REFRESH_QUEUE)),
                    http("get-post", FEED + "GetPostHttpHandler", "GET", "/v1/posts/{postId}", USER,
                            Needs.none().reading(POSTS_TABLE).withCache().sending(UPSTREAM_REFRESH_QUEUE)),
                    http("list-my-posts", FEED + "ListMyPostsHttpHandler", "GET", "/v1/me/posts", USER,
                            Needs.none().reading(AUTHOR_POSTS_TABLE)),
                    http("list-categories", FEED + "ListCategoriesHttpHandler", "GET", "/v1/categories", USER,
                            Needs.none().withCache().sending(UPSTREAM_REFRESH_QUEUE)),
                    // Bedrock's guardrail then a forced-tool Converse; PUBLISHED or REJECTED only if still pending.
                    new FunctionSpec("inspect-posts", FEED + "InspectPostsStreamHandler",
                            new Trigger.DynamoStream(POSTS_TABLE, 10, 5, true, POSTS_FAILED_QUEUE,
                                    List.of(PENDING_REVIEW)),
                            Needs.none().writing(POSTS_TABLE, AUTHOR_POSTS_TABLE).inspectingPosts().withCache()
                                    .sending(UPSTREAM_REFRESH_QUEUE), Sizing.CONSUMER),
                    http("subscribe", FEED + "SubscribeHttpHandler", "PUT", "/v1/me/subscriptions/{authorId}", USER,
                            Needs.none().writing(SUBSCRIPTIONS_TABLE, FOLLOWERS_TABLE, AUTHORS_TABLE)),
                    http("unsubscribe", FEED + "UnsubscribeHttpHandler", "DELETE", "/v1/me/subscriptions/{authorId}",
                            USER, Needs.none().writing(SUBSCRIPTIONS_TABLE, FOLLOWERS_TABLE, AUTHORS_TABLE)),
                    http("list-subscriptions", FEED + "ListSubscriptionsHttpHandler", "GET", "/v1/me/subscriptions",
                            USER, Needs.none().reading(SUBSCRIPTIONS_TABLE)),
                    // The inbox, merged with the newest posts of the loud authors the reader follows.
                    http("read-inbox", FEED + "ReadInboxHttpHandler", "GET", "/v1/me/inbox", USER,
                            Needs.none().reading(INBOXES_TABLE, SUBSCRIPTIONS_TABLE, AUTHORS_TABLE, AUTHOR_POSTS_TABLE)
                                    .withCache().sending(UPSTREAM_REFRESH_QUEUE)),
                    // A published post's first page of followers goes to SQS; each page then sends the next.
                    // It also queues each published, rejected or deleted post for the search index.
                    new FunctionSpec("fan-out-posts", FEED + "FanOutPostsStreamHandler",
                            new Trigger.DynamoStream(POSTS_TABLE, 10, 5, true, POSTS_FAILED_QUEUE,
                                    List.of(PUBLISHED, REJECTED, DELETED)),
                            Needs.none().reading(POSTS_TABLE).writing(AUTHORS_TABLE)
                                    .sending(FAN_OUT_QUEUE, SEARCH_INDEX_QUEUE),
                            Sizing.CONSUMER),
                    new FunctionSpec("write-inboxes", FEED + "WriteInboxesSqsHandler",
                            new Trigger.Sqs(FAN_OUT_QUEUE, 5, 0),
                            Needs.none().reading(FOLLOWERS_TABLE).writing(INBOXES_TABLE).sending(FAN_OUT_QUEUE),
                            Sizing.CONSUMER),
                    // The search index follows the posts table: a published post is indexed, any other removed.
                    new FunctionSpec("index-posts", FEED + "IndexPostsSqsHandler",
                            new Trigger.Sqs(SEARCH_INDEX_QUEUE, 10, 0),
                            Needs.none().reading(POSTS_TABLE).searchingPosts(), Sizing.CONSUMER),
                    http("search-posts", FEED + "SearchPostsHttpHandler", "GET", "/v1/search", USER,
                            Needs.none().searchingPosts()),
                    // The only caller of the upstream user service: timeout, retry and a breaker whose "open" every
                    // environment sees in the cache; a refresh that fails is put off longer each time (its queue's
                    // URL, and SQS from the VPC, for ChangeMessageVisibility), then its DLQ.
                    new FunctionSpec("refresh-upstream", FEED + "RefreshUpstreamSqsHandler",
                            new Trigger.Sqs(UPSTREAM_REFRESH_QUEUE, 10, 0),
                            Needs.none().withCache().callingUpstream().sending(UPSTREAM_REFRESH_QUEUE),
                            Sizing.CONSUMER),

                    // Ticketing: seats are decided in Redis ({show:<id>} keys) and recorded in PostgreSQL, whose
                    // seat_claims key is the last line against a double sale.
                    http("put-show", TICKETS + "PutShowHttpHandler", "PUT", "/v1/admin/shows/{showId}", ADMIN,
                            Needs.none().withCache().withDatabase()),
                    http("get-show", TICKETS + "GetShowHttpHandler", "GET", "/v1/shows/{showId}", USER,
                            Needs.none().withCache().withDatabase()),
                    http("list-seats", TICKETS + "ListSeatsHttpHandler", "GET", "/v1/shows/{showId}/seats", USER,
                            Needs.none().withCache().withDatabase()),
                    // Checks X-Admission-Token of shows behind a waiting room.
                    http("hold-seats", TICKETS + "HoldSeatsHttpHandler", "POST", "/v1/shows/{showId}/holds", USER,
                            Needs.none().withCache().withDatabase().usingAdmissionKeys()),
                    http("release-hold", TICKETS + "ReleaseHoldHttpHandler", "DELETE", "/v1/holds/{holdId}", USER,
                            Needs.none().withCache().withDatabase()),
                    http("pay-hold", TICKETS + "PayForHoldHttpHandler", "POST", "/v1/holds/{holdId}/payment", USER,
                            Needs.none().withCache().withDatabase().sending(PAYMENTS_QUEUE)),
                    http("get-order", TICKETS + "GetOrderHttpHandler", "GET", "/v1/orders/{orderId}", USER,
                            Needs.none().withDatabase()),
                    // Frees the seats, offers them to the show's waitlist and owes the refund in one transaction;
                    // then sends the order to the payments queue, whose consumer refunds it.
                    http("cancel-order", TICKETS + "CancelOrderHttpHandler", "POST", "/v1/orders/{orderId}/cancel",
                            USER, Needs.none().withCache().withDatabase().sending(PAYMENTS_QUEUE, NOTICES_QUEUE)),
                    http("join-waitlist", TICKETS + "JoinWaitlistHttpHandler", "POST", "/v1/shows/{showId}/waitlist",
                            USER, Needs.none().withDatabase()),
                    // Charges (idempotency key = order id), then confirms and sells in one transaction, or releases.
                    new FunctionSpec("charge-payments", TICKETS + "ChargePaymentsSqsHandler",
                            new Trigger.Sqs(PAYMENTS_QUEUE, 10, 0),
                            Needs.none().withCache().withDatabase().chargingPayments().sending(NOTICES_QUEUE),
                            Sizing.CONSUMER),
                    // Lapses due holds (offers go to the next in line), resends stuck payments, retries webhooks.
                    new FunctionSpec("sweep-holds", TICKETS + "SweepHoldsScheduledHandler", new Trigger.Schedule(1, 1),
                            Needs.none().withCache().withDatabase().sending(PAYMENTS_QUEUE, NOTICES_QUEUE),
                            Sizing.CONSUMER),

                    // Notices (issue 20): what drops and ticketing tell users, in one store, unread first.
                    http("list-notifications", NOTICES + "ListNotificationsHttpHandler", "GET",
                            "/v1/me/notifications", USER, Needs.none().reading(NOTICES_TABLE)),
                    http("mark-notifications-read", NOTICES + "MarkNotificationsReadHttpHandler", "POST",
                            "/v1/me/notifications/read", USER, Needs.none().writing(NOTICES_TABLE)),
                    // Stores each notice once by its id, then the webhooks (its queue's URL, to put a refused one off).
                    new FunctionSpec("deliver-notices", NOTICES + "DeliverNoticesSqsHandler",
                            new Trigger.Sqs(NOTICES_QUEUE, 10, 0),
                            Needs.none().writing(NOTICES_TABLE).sending(NOTICES_QUEUE), Sizing.CONSUMER),

                    // Owner statistics (issue 20): every minute, each listed event's whole minutes of live counts,
                    // its refused users and its funnel's durable end are copied into PostgreSQL, exactly however
                    // often it runs (docs/statistics.md); admins and the event's owner read them, as JSON or CSV.
                    new FunctionSpec("roll-up-statistics", STATS + "RollUpStatisticsScheduledHandler",
                            new Trigger.Schedule(1, 5),
                            Needs.none().reading(DROPS_TABLE).withCache().withDatabase(), Sizing.CONSUMER),
                    http("get-statistics", STATS + "GetStatisticsHttpHandler", "GET", "/v1/stats/{kind}/{id}", USER,
                            Needs.none().withDatabase())),
            List.of(new QueueSpec(CLAIMS_QUEUE, 6 * Sizing.CONSUMER.timeoutSeconds(), 5),
                    // count-votes' on-failure destination: nobody consumes it; the dead-letter view lists it.
                    QueueSpec.failures(VOTES_FAILED_QUEUE),
                    // inspect-posts' on-failure destination: the dead-letter view lists it.
                    QueueSpec.failures(POSTS_FAILED_QUEUE),
                    new QueueSpec(FAN_OUT_QUEUE, 6 * Sizing.CONSUMER.timeoutSeconds(), 5),
                    // 6 tries, each put off longer (4 s doubling, jittered: about 4 minutes in all), so a minute's
                    // outage ends well before the DLQ
                    new QueueSpec(UPSTREAM_REFRESH_QUEUE, 6 * Sizing.CONSUMER.timeoutSeconds(), 6),
                    new QueueSpec(SEARCH_INDEX_QUEUE, 6 * Sizing.CONSUMER.timeoutSeconds(), 5),
                    new QueueSpec(PAYMENTS_QUEUE, 6 * Sizing.CONSUMER.timeoutSeconds(), 5),
                    // 6 tries, a refused one put off 2 s doubling (about two minutes in all), then notices-dlq
                    new QueueSpec(NOTICES_QUEUE, 6 * Sizing.CONSUMER.timeoutSeconds(), 6),
                    // the same 6 tries, put off the same way, then admin-alerts-dlq
                    new QueueSpec(ADMIN_ALERTS_QUEUE, 6 * Sizing.CONSUMER.timeoutSeconds(), 6)),
            List.of(new TopicSpec(VOTES_TOPIC, 6), new TopicSpec(ALERTS_TOPIC, 1)),
            List.of(new TableSpec(DROPS_TABLE, "dropId", null),
                    new TableSpec(CLAIMS_TABLE, "dropId", "claimId"),
                    // pollShard = pollId#0..31: a poll's votes spread over 32 partitions (one key takes ~1,000 writes/s)
                    new TableSpec(VOTES_TABLE, "pollShard", "voteId"),
                    new TableSpec(POSTS_TABLE, "postId", null).withStream("NEW_AND_OLD_IMAGES"),
                    // sk = createdAt#postId: an author's posts, newest first
                    new TableSpec(AUTHOR_POSTS_TABLE, "authorId", "sk"),
                    new TableSpec(FOLLOWERS_TABLE, "authorId", "followerId"),
                    new TableSpec(SUBSCRIPTIONS_TABLE, "followerId", "authorId"),
                    // a reader's inbox, newest first: sk = createdAt#postId, as author-posts, so both merge in one order
                    new TableSpec(INBOXES_TABLE, "userId", "sk"),
                    new TableSpec(AUTHORS_TABLE, "authorId", null),
                    new TableSpec(NOTICES_TABLE, "userId", "sk"),
                    new TableSpec(ADMIN_ALERTS_TABLE, "alertId", null),
                    // log = "controls" (one partition: people make a few controls a minute), sk = time-ordered entry id
                    new TableSpec(AUDIT_TABLE, "log", "sk"))).complete();

    public static Declaration declaration() {
        return DECLARATION;
    }

    /**
     * The default guard rails (README "Guard rails" gives the reasons; CDK context overrides each):
     * <ul>
     *   <li>every route: 10,000/s, burst 5,000, API Gateway's default account quota, so only the hot writes below
     *       are held back before the account limit is;</li>
     *   <li>entering a room and claiming: 5,000/s, burst 2,500 (one Lua call on the event's one hash slot each, then
     *       an SQS send per accepted claim); voting: 8,000/s, burst 4,000 (the votes topic's 6 partitions);
     *       holding seats: 2,000/s, burst 1,000 (a PostgreSQL transaction each);</li>
     *   <li>reserved concurrency: store-claims 50, charge-payments 20 (the provider's rate limit), count-votes 10
     *       (one poller per partition, 6), each sweeper, rotation and the statistics roll-up 1 (a sweep never
     *       overlaps itself); the feed's
     *       inspect-posts 10 (Bedrock's per-model request quotas), fan-out-posts 5, write-inboxes 25 (1,000 inbox
     *       writes per page), refresh-upstream 5 (another team's service: a trickle, not a crowd), index-posts 5 (one small search node);
     *       deliver-notices 10 (webhooks are slow and rate-limited: a rush's notices wait in their queue);
     *       alert-admins 3 (one webhook, which Slack limits to about a post a second);
     *       the SQS event sources' MaximumConcurrency below their reservation (40, 10, 20, 4, 4, 8 and 2), as
     *       Lambda advises, so the poller never invokes into throttles.</li>
     * </ul>
     */
    public static GuardRails guardRails() {
        return GUARD_RAILS;
    }

    private static final GuardRails GUARD_RAILS = new GuardRails(new GuardRails.Throttle(10_000, 5_000),
            Map.of("enter-room", new GuardRails.Throttle(5_000, 2_500),
                    "claim-drop", new GuardRails.Throttle(5_000, 2_500),
                    "cast-vote", new GuardRails.Throttle(8_000, 4_000),
                    "hold-seats", new GuardRails.Throttle(2_000, 1_000)),
            Map.ofEntries(Map.entry("store-claims", 50), Map.entry("charge-payments", 20),
                    Map.entry("count-votes", 10), Map.entry("sweep-claim-outbox", 1), Map.entry("sweep-vote-outbox", 1),
                    Map.entry("sweep-holds", 1), Map.entry("send-poll-alerts", 1),
                    Map.entry("roll-up-statistics", 1), Map.entry("rotate-admission-keys", 1),
                    Map.entry("inspect-posts", 10), Map.entry("fan-out-posts", 5), Map.entry("write-inboxes", 25),
                    Map.entry("refresh-upstream", 5), Map.entry("index-posts", 5), Map.entry("deliver-notices", 10),
                    Map.entry("alert-admins", 3)),
            Map.of("store-claims", 40, "charge-payments", 10, "write-inboxes", 20, "refresh-upstream", 4,
                    "index-posts", 4, "deliver-notices", 8, "alert-admins", 2)).checkedAgainst(DECLARATION);

    private static FunctionSpec http(String id, String handler, String method, String path, Access access,
                                     Needs needs) {
        return new FunctionSpec(id, handler, new Trigger.Http(method, path, access), needs, Sizing.API);
    }
}
