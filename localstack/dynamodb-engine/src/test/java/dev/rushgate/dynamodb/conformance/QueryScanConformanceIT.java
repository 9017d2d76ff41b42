package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.n;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static dev.rushgate.dynamodb.conformance.Errors.assertValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Query and Scan: key conditions, order, Limit and pagination, filters, projections, counts, segments, 1 MB pages. */
@ExtendWith(ConformanceExtension.class)
class QueryScanConformanceIT {
    private static final int SCANNED_ITEMS = 40;
    private static final int LARGE_ITEMS = 15;
    private static final int LARGE_PAYLOAD_BYTES = 100_000;
    private static final int ONE_MB = 1024 * 1024;

    private static DynamoDbClient dynamo;
    private static String numbers;
    private static String strings;
    private static String scanned;

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        numbers = tables.hashRangeTable("query-numbers", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        strings = tables.hashRangeTable("query-strings", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        scanned = tables.hashTable("scan", "pk", ScalarAttributeType.S);
        for (int sk = 1; sk <= 10; sk++) {
            put(numbers, item("pk", s("p"), "sk", n(sk), "parity", s(sk % 2 == 0 ? "even" : "odd"), "label", s("item-" + sk)));
        }
        for (int sk = 1; sk <= 3; sk++) {
            put(numbers, item("pk", s("neighbour"), "sk", n(sk)));
        }
        for (String sk : List.of("100", "-10", "2", "0", "1.5", "-2", "10")) {
            put(numbers, item("pk", s("signed"), "sk", n(sk)));
        }
        for (String sk : List.of("ORDER#002", "USER#b", "ORDER#001", "ORDERS", "USER#a", "ORDER#003")) {
            put(strings, item("pk", s("customer"), "sk", s(sk)));
        }
        for (int i = 0; i < SCANNED_ITEMS; i++) {
            put(scanned, item("pk", s("scan-" + i), "i", n(i)));
        }
        String payload = "x".repeat(LARGE_PAYLOAD_BYTES);
        for (int sk = 0; sk < LARGE_ITEMS; sk++) {
            put(numbers, item("pk", s("large"), "sk", n(sk), "payload", s(payload)));
        }
    }

    private static void put(String table, Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static QueryResponse queryP(Consumer<QueryRequest.Builder> extra) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(numbers).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("p")));
        extra.accept(request);
        return dynamo.query(request.build());
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").n()).toList();
    }

    private static List<String> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }

    @Test
    void query_returnsOnlyThePartition_inAscendingSortKeyOrder() {
        // when
        QueryResponse response = queryP(r -> { });

        // then
        assertThat(sortKeys(response.items())).containsExactlyElementsOf(range(1, 10));
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.hasLastEvaluatedKey()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sortKeyConditions")
    void query_appliesSortKeyConditions(String condition, Map<String, AttributeValue> values, List<String> expected) {
        // given
        Map<String, AttributeValue> allValues = new java.util.HashMap<>(values);
        allValues.put(":pk", s("p"));

        // when
        QueryResponse response = dynamo.query(r -> r.tableName(numbers).consistentRead(true)
                .keyConditionExpression("pk = :pk AND " + condition).expressionAttributeValues(allValues));

        // then
        assertThat(sortKeys(response.items())).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> sortKeyConditions() {
        return Stream.of(
                arguments("sk = :v", Map.of(":v", n(5)), List.of("5")),
                arguments("sk < :v", Map.of(":v", n(3)), List.of("1", "2")),
                arguments("sk <= :v", Map.of(":v", n(3)), List.of("1", "2", "3")),
                arguments("sk > :v", Map.of(":v", n(8)), List.of("9", "10")),
                arguments("sk >= :v", Map.of(":v", n(8)), List.of("8", "9", "10")),
                arguments("sk BETWEEN :lo AND :hi", Map.of(":lo", n(4), ":hi", n(6)), List.of("4", "5", "6")),
                arguments("sk = :v", Map.of(":v", n("5.0")), List.of("5")));
    }

    @Test
    void query_beginsWith_onAStringSortKey() {
        // when
        List<String> keys = dynamo.query(r -> r.tableName(strings).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s("customer"), ":prefix", s("ORDER#"))))
                .items().stream().map(i -> i.get("sk").s()).toList();

        // then
        assertThat(keys).containsExactly("ORDER#001", "ORDER#002", "ORDER#003");
    }

    @Test
    void query_withScanIndexForwardFalse_returnsDescendingOrder() {
        // when
        QueryResponse response = queryP(r -> r.scanIndexForward(false));

        // then
        assertThat(sortKeys(response.items())).containsExactlyElementsOf(range(1, 10).reversed());
    }

    @Test
    void query_ordersNumericSortKeysByValue() {
        // when
        List<String> keys = sortKeys(dynamo.query(r -> r.tableName(numbers).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("signed")))).items());

        // then
        assertThat(keys).containsExactly("-10", "-2", "0", "1.5", "2", "10", "100");
    }

    @Test
    void query_withLimit_pagesThroughEveryItemExactlyOnce() {
        // when
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = queryP(r -> r.limit(3).exclusiveStartKey(exclusiveStart));
            pageSizes.add(page.count());
            seen.addAll(sortKeys(page.items()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && pageSizes.size() < 20);

        // then
        assertThat(seen).containsExactlyElementsOf(range(1, 10));
        assertThat(pageSizes.subList(0, 3)).containsOnly(3);
    }

    @Test
    void query_lastEvaluatedKey_isTheKeyOfTheLastItemRead() {
        // when
        QueryResponse page = queryP(r -> r.limit(4));

        // then
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(4)));
    }

    @Test
    void query_appliesTheFilterAfterTheLimit() {
        // when
        QueryResponse page = queryP(r -> r.limit(3).filterExpression("parity = :even")
                .expressionAttributeValues(Map.of(":pk", s("p"), ":even", s("even"))));

        // then fewer items than the limit, yet more to read
        assertThat(sortKeys(page.items())).containsExactly("2");
        assertThat(page.count()).isEqualTo(1);
        assertThat(page.scannedCount()).isEqualTo(3);
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(3)));
    }

    @Test
    void query_withFilter_countsMatchesAndScannedItemsSeparately() {
        // when
        QueryResponse response = queryP(r -> r.filterExpression("parity = :odd")
                .expressionAttributeValues(Map.of(":pk", s("p"), ":odd", s("odd"))));

        // then
        assertThat(sortKeys(response.items())).containsExactly("1", "3", "5", "7", "9");
        assertThat(response.count()).isEqualTo(5);
        assertThat(response.scannedCount()).isEqualTo(10);
    }

    @Test
    void query_filterOnAKeyAttribute_isValidationException() {
        assertValidationException(() -> queryP(r -> r.filterExpression("sk > :three")
                .expressionAttributeValues(Map.of(":pk", s("p"), ":three", n(3)))));
    }

    @Test
    void query_withProjectionExpression_returnsOnlyTheProjectedAttributes() {
        // when
        QueryResponse response = queryP(r -> r.projectionExpression("label").limit(2));

        // then
        assertThat(response.items()).containsExactly(item("label", s("item-1")), item("label", s("item-2")));
    }

    @Test
    void query_withSelectCount_returnsTheCountAndNoItems() {
        // when
        QueryResponse response = queryP(r -> r.select(Select.COUNT));

        // then
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.items()).isEmpty();
    }

    @Test
    void query_onAnEmptyPartition_returnsNothing() {
        // when
        QueryResponse response = dynamo.query(r -> r.tableName(numbers).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("nobody"))));

        // then
        assertThat(response.count()).isZero();
        assertThat(response.items()).isEmpty();
        assertThat(response.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void query_keyConditionOnANonKeyAttribute_isValidationException() {
        assertValidationException(() -> dynamo.query(r -> r.tableName(numbers)
                .keyConditionExpression("pk = :pk AND label = :label")
                .expressionAttributeValues(Map.of(":pk", s("p"), ":label", s("item-1")))));
    }

    @Test
    void query_withoutAPartitionKeyEquality_isValidationException() {
        assertValidationException(() -> dynamo.query(r -> r.tableName(numbers)
                .keyConditionExpression("sk > :v").expressionAttributeValues(Map.of(":v", n(1)))));
    }

    @Test
    void query_stopsAPageAtOneMegabyte_andPaginationReturnsEverything() {
        // when
        List<QueryResponse> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(r -> r.tableName(numbers).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("large")))
                    .exclusiveStartKey(exclusiveStart));
            pages.add(page);
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && pages.size() < 20);

        // then the docs promise pages of 1 MB or less; one item of slack keeps the check independent of whether
        // the limit is tested before or after reading the item that crosses it
        QueryResponse first = pages.getFirst();
        long firstPageBytes = (long) first.count() * LARGE_PAYLOAD_BYTES;
        assertThat(first.hasLastEvaluatedKey()).isTrue();
        assertThat(first.count()).isLessThan(LARGE_ITEMS);
        assertThat(firstPageBytes).isLessThanOrEqualTo(ONE_MB + LARGE_PAYLOAD_BYTES);
        assertThat(pages.stream().flatMap(p -> sortKeys(p.items()).stream()).toList())
                .containsExactlyElementsOf(IntStream.range(0, LARGE_ITEMS).mapToObj(Integer::toString).toList());
    }

    private static List<Integer> scanAll(Consumer<ScanRequest.Builder> extra) {
        List<Integer> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(scanned).consistentRead(true).exclusiveStartKey(start);
            extra.accept(request);
            ScanResponse page = dynamo.scan(request.build());
            page.items().forEach(i -> seen.add(Integer.parseInt(i.get("i").n())));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null && pages < 200);
        return seen;
    }

    @Test
    void scan_returnsEveryItem() {
        // when
        List<Integer> seen = scanAll(r -> { });

        // then
        assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, SCANNED_ITEMS).boxed().toList());
    }

    @Test
    void scan_withLimit_pagesThroughEveryItemExactlyOnce() {
        // when
        ScanResponse firstPage = dynamo.scan(r -> r.tableName(scanned).consistentRead(true).limit(7));
        List<Integer> seen = scanAll(r -> r.limit(7));

        // then
        assertThat(firstPage.count()).isEqualTo(7);
        assertThat(firstPage.hasLastEvaluatedKey()).isTrue();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, SCANNED_ITEMS).boxed().toList());
    }

    @Test
    void scan_withFilter_returnsMatchesButScansEverything() {
        // when
        ScanResponse response = dynamo.scan(r -> r.tableName(scanned).consistentRead(true)
                .filterExpression("i < :ten").expressionAttributeValues(Map.of(":ten", n(10))));

        // then
        assertThat(response.items()).extracting(i -> Integer.parseInt(i.get("i").n()))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.scannedCount()).isEqualTo(SCANNED_ITEMS);
    }

    @Test
    void scan_withSelectCount_returnsTheCountAndNoItems() {
        // when
        ScanResponse response = dynamo.scan(r -> r.tableName(scanned).consistentRead(true).select(Select.COUNT));

        // then
        assertThat(response.count()).isEqualTo(SCANNED_ITEMS);
        assertThat(response.items()).isEmpty();
    }

    @Test
    void parallelScan_segmentsTogetherReturnEveryItemExactlyOnce() {
        // when
        List<Integer> seen = new ArrayList<>();
        for (int segment = 0; segment < 4; segment++) {
            int current = segment;
            seen.addAll(scanAll(r -> r.segment(current).totalSegments(4).limit(5)));
        }

        // then
        assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.range(0, SCANNED_ITEMS).boxed().toList());
    }

    @Test
    void parallelScan_segmentOutOfRange_isValidationException() {
        assertValidationException(() -> dynamo.scan(r -> r.tableName(scanned).segment(4).totalSegments(4)));
    }
}
