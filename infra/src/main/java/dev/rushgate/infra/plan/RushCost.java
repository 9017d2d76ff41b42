package dev.rushgate.infra.plan;

import java.util.ArrayList;
import java.util.List;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.Trigger;

/**
 * What the rush itself costs, on top of the idle month: every unit's calls priced at list price. Left out: data
 * transfer out of AWS and the rush's share of storage. Sign-ins are priced when the stack's own Cognito user pool
 * signs people in: each person is a monthly active user, above the month's free 10,000.
 */
final class RushCost {
    private RushCost() {}

    /** Monthly active users Cognito does not bill. */
    static final int FREE_MONTHLY_USERS = 10_000;

    static Cost of(Rush rush, Demand demand, CallModel model, Catalog catalog) {
        Declaration declaration = Rushgate.declaration();
        double requests = 0, invocations = 0, gbSeconds = 0, ecpu = 0, wru = 0, rru = 0, sqs = 0, kafkaBytes = 0,
                transactions = 0, bedrock = 0, search = 0;
        double recordBytes = catalog.assume("kafka.record-bytes");
        double memory = catalog.assume("lambda.memory-gb");
        for (var e : demand.rates().entrySet()) {
            double n = demand.total(e.getKey());
            CallModel.Unit unit = model.unit(e.getKey());
            FunctionSpec function = declaration.function(unit.function()).orElseThrow();
            boolean route = function.trigger() instanceof Trigger.Http;
            if (route) requests += n * unit.lambda();
            invocations += n * unit.lambda();
            gbSeconds += n * unit.lambda() * Planner.invocationSeconds(function, catalog) * memory;
            ecpu += n * unit.redisCommands();
            for (CallModel.Table t : unit.dynamodb().values()) {
                wru += n * t.writeUnits();
                rru += n * t.readUnits();
            }
            for (CallModel.Queue q : unit.sqs().values()) sqs += n * q.requests();
            for (double records : unit.kafkaRecords().values()) kafkaBytes += n * records * recordBytes;
            transactions += n * unit.auroraTransactions();
            bedrock += n * unit.bedrock() / 2;
            search += n * unit.opensearch();
        }
        List<Cost.Item> items = new ArrayList<>();
        item(items, catalog, "CloudFront requests", requests, "requests", "cloudfront.request");
        item(items, catalog, "AWS WAF requests", requests, "requests", "waf.request");
        item(items, catalog, "Lambda@Edge requests", requests, "requests", "lambda.edge-request");
        item(items, catalog, "Lambda@Edge duration", requests * catalog.assume("lambda.edge-ms") / 1000
                * catalog.assume("lambda.edge-memory-gb"), "GB-s", "lambda.edge-gb-second");
        item(items, catalog, "API Gateway requests", requests, "requests", "apigateway.http-request");
        item(items, catalog, "Lambda requests", invocations, "requests", "lambda.request");
        item(items, catalog, "Lambda duration (Arm, 1 GB)", gbSeconds, "GB-s", "lambda.arm-gb-second");
        item(items, catalog, "ElastiCache ECPU", ecpu, "ECPU", "elasticache.valkey-ecpu");
        item(items, catalog, "DynamoDB writes", wru, "WRU", "dynamodb.write-request");
        item(items, catalog, "DynamoDB reads", rru, "RRU", "dynamodb.read-request");
        item(items, catalog, "SQS requests", sqs, "requests", "sqs.request");
        item(items, catalog, "MSK data in", kafkaBytes / 1e9, "GB", "msk.gb-in");
        item(items, catalog, "MSK data out", kafkaBytes / 1e9, "GB", "msk.gb-out");
        item(items, catalog, "Aurora capacity", transactions / catalog.assume("aurora.transactions-per-acu") / 3600,
                "ACU-hours", "aurora.acu-hour");
        item(items, catalog, "Bedrock input tokens", bedrock * catalog.assume("bedrock.tokens-in"), "tokens",
                "bedrock.haiku-input");
        item(items, catalog, "Bedrock output tokens", bedrock * catalog.assume("bedrock.tokens-out"), "tokens",
                "bedrock.haiku-output");
        item(items, catalog, "Bedrock guardrail", bedrock * catalog.assume("bedrock.text-units"), "text units",
                "bedrock.guardrail-text-unit");
        item(items, catalog, "CloudWatch Logs ingestion", (requests + invocations)
                * catalog.assume("logs.bytes-per-request") / 1e9, "GB", "cloudwatch.logs-gb");
        if (rush.ownUserPool()) {
            item(items, catalog, "Cognito monthly active users (the stack's user pool)",
                    Math.max(0, rush.users() - FREE_MONTHLY_USERS), "users", "cognito.mau");
        }
        return new Cost(items);
    }

    private static void item(List<Cost.Item> items, Catalog catalog, String what, double amount, String unit,
                             String priceId) {
        if (amount <= 0) return;
        items.add(Cost.Item.of(what, amount, unit, catalog.price(priceId)));
    }
}
