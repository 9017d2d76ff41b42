package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations page in a real browser (Debian's headless Chromium through chromedriver), on the shared stack: an
 * admin signs in with a bearer token, finds a drop that just sold out in the list of every event, and its live view
 * shows the same numbers the admin API gives; a poll's view shows its votes accepted against counted as its tally
 * does. A token without the admin group gets a plain 403 message. Skipped
 * where no browser is installed.
 */
@ExtendWith(SharedStack.class)
@EnabledIf(value = "browserInstalled",
        disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install chromium chromium-driver")
class OpsPageE2E {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static Api api;
    private static String admin;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    static boolean browserInstalled() {
        return HeadlessChromium.installed();
    }

    @BeforeAll
    static void setUp() throws IOException {
        api = SharedStack.api();
        admin = api.token("ops-admin", "admin");
        chromium = new HeadlessChromium(1200, 1300);
        browser = chromium.driver();
    }

    @BeforeEach
    void signedOut() {
        browser.get(api.base().resolve("/ops/").toString());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (chromium != null) chromium.close();
    }

    @Test
    void showsADropThatSoldOut_withTheNumbersTheAdminApiGives() throws Exception {
        // given a drop of 3 claimed by 10 users, and one more once the refusals answered from memory are counted
        String dropId = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Poster", "stock", 3,
                "perUserLimit", 1, "opensAt", Instant.now().minusSeconds(1).toString()))).status()).isEqualTo(201);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (api.post("/v1/drops/" + dropId + "/claims", api.token(dropId + "-u" + i), null).status() == 202) {
                accepted++;
            }
        }
        Thread.sleep(1_100);
        assertThat(api.post("/v1/drops/" + dropId + "/claims", api.token(dropId + "-late"), null).status())
                .isEqualTo(409);
        assertThat(accepted).isEqualTo(3);

        // when the admin signs in on the operations page
        browser.get(api.base().resolve("/ops/").toString());
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        screenshot("ops-page-sign-in.png");
        browser.findElement(By.id("token")).sendKeys(admin);
        browser.findElement(By.id("sign-in-button")).click();

        // then the list of every event has the drop, with its last minute's answers and its stock
        By row = By.cssSelector("#events-table tr[data-kind='drop'][data-id='" + dropId + "']");
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class)
                .until(() -> browser.findElement(row).isDisplayed());
        String minute = browser.findElement(row).findElement(By.cssSelector("[data-col='minute']")).getText();
        assertThat(minute).contains("accepted 3").contains("sold-out 8");
        assertThat(browser.findElement(row).findElement(By.cssSelector("[data-col='gauges']")).getText())
                .contains("stock 3").contains("remaining 0");
        // and the dead letters, one row per source the API lists
        int sources = api.get("/v1/admin/dead-letters", admin).body().get("deadLetters").size();
        await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#dead-letters-table tbody tr"))
                .size() == sources);
        screenshot("ops-page-events.png");

        // when the admin opens the drop
        browser.findElement(row).findElement(By.linkText(dropId)).click();

        // then its tables show what the admin API gives for the last five minutes, and the drop's numbers now
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class)
                .until(() -> !inWindow("accepted").isEmpty());
        JsonNode live = api.get("/v1/admin/live/drop/" + dropId + "?since="
                + (Instant.now().getEpochSecond() - 299), admin).body();
        assertThat(live.get("totals").get("accepted").asLong()).isEqualTo(3);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(inWindow("accepted"))
                    .isEqualTo(live.get("totals").get("accepted").asText());
            assertThat(inWindow("sold-out"))
                    .isEqualTo(live.get("totals").get("sold-out").asText());
        });
        assertThat(live.get("totals").get("sold-out").asLong()).isEqualTo(8);
        assertThat(gauge("remaining")).isEqualTo("0");
        assertThat(gauge("stock")).isEqualTo("3");
        assertThat(gauge("accepted")).isEqualTo("3");
        // and what the consumer stored beside it, as the drop's own route says: none accepted and not yet stored
        await().atMost(PATIENCE).until(() -> api.get("/v1/drops/" + dropId, admin).body().get("confirmed").asLong() == 3);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(gauge("confirmed")).isEqualTo("3");
            assertThat(gauge("behind")).isEqualTo("0");
        });
        // and the headline numbers are read out politely, the chart drew one line per answer
        WebElement headline = browser.findElement(By.id("headline"));
        assertThat(headline.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(headline.getText()).contains("Remaining").contains("0");
        assertThat(browser.findElements(By.cssSelector("#chart .u-legend .u-series"))).hasSize(1 + 2);
        assertThat(browser.findElement(By.cssSelector("#answers-table caption")).getText()).isNotBlank();
        screenshot("ops-page-drop.png");

        // and a reload keeps the view, as the address names the drop
        browser.navigate().refresh();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("live-title")).getText().contains(dropId));
    }

    @Test
    void showsAPollsVotes_acceptedAgainstCounted_asTheTallySaysThem() throws IOException {
        // given a poll with four votes, all counted by its consumer
        String pollId = "ops-poll-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/v1/admin/polls/" + pollId, admin, Api.json(Map.of("question", "Encore?",
                "options", List.of(Map.of("id", "yes", "label", "Yes"), Map.of("id", "no", "label", "No")),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(3600).toString()))).status()).isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/v1/polls/" + pollId + "/votes", api.token(pollId + "-v" + i),
                    "{\"optionId\":\"" + (i < 3 ? "yes" : "no") + "\"}").status()).isEqualTo(202);
        }
        await().atMost(PATIENCE).until(() ->
                api.get("/v1/polls/" + pollId + "/tally", admin).body().get("persisted").asLong() == 4);
        JsonNode tally = api.get("/v1/polls/" + pollId + "/tally", admin).body();

        // when the admin follows a link to its live view and signs in
        signInAt("/ops/#/poll/" + pollId);

        // then the page shows the votes accepted and counted as the tally gives them, and none behind
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class).untilAsserted(() -> {
            assertThat(gauge("accepted")).isEqualTo(tally.get("accepted").asText());
            assertThat(gauge("persisted")).isEqualTo(tally.get("persisted").asText());
            assertThat(gauge("behind")).isEqualTo("0");
        });
        assertThat(tally.get("accepted").asLong()).isEqualTo(4);
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class)
                .until(() -> inWindow("accepted").equals("4"));
        screenshot("ops-page-poll.png");
    }

    @Test
    void showsAShowsHoldsSalesAndPaymentsInFlight_asTheLiveApiGivesThem() throws IOException {
        // given a show of eight seats with one hold of two
        String showId = "ops-show-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/v1/admin/shows/" + showId, admin, Api.json(Map.of("name", "Gig",
                "startsAt", "2027-01-01T20:00:00Z", "holdSeconds", 300, "maxSeatsPerUser", 4,
                "sections", List.of(Map.of("id", "A", "rows", 1, "seatsPerRow", 8, "priceCents", 5000))))).status())
                .isEqualTo(201);
        assertThat(api.post("/v1/shows/" + showId + "/holds", api.token(showId + "-fan"),
                Api.json(Map.of("seatIds", List.of("A-1-1", "A-1-2")))).status()).isEqualTo(201);
        JsonNode gauges = api.get("/v1/admin/live/show/" + showId, admin).body().get("gauges");

        // when the admin follows a link to its live view and signs in
        signInAt("/ops/#/show/" + showId);

        // then its seats held, sold and being paid for read as the live API gives them
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class).untilAsserted(() -> {
            assertThat(gauge("held")).isEqualTo(gauges.get("held").asText());
            assertThat(gauge("sold")).isEqualTo(gauges.get("sold").asText());
            assertThat(gauge("paymentsInFlight"))
                    .isEqualTo(gauges.get("paymentsInFlight").asText());
        });
        assertThat(gauges.get("held").asLong()).isEqualTo(2);
        assertThat(browser.findElement(By.cssSelector("#gauges-table tr[data-gauge='paymentsInFlight'] th")).getText())
                .isEqualTo("Payments in flight");
        screenshot("ops-page-show.png");
    }

    @Test
    void showsARoomsLine_fromALinkThatNamesIt() throws IOException {
        // given a room admitting nobody yet, with two people in line
        String roomId = "ops-room-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/v1/admin/rooms/" + roomId, admin, Api.json(Map.of("admitPerSecond", 0,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString()))).status())
                .isEqualTo(201);
        for (int i = 0; i < 2; i++) {
            assertThat(api.post("/v1/rooms/" + roomId + "/entries", api.token(roomId + "-w" + i), null).status())
                    .isIn(200, 201);
        }

        // when the admin follows a link to its live view and signs in
        signInAt("/ops/#/room/" + roomId);

        // then the room's line is there as the API counts it, and the wait says why it has no number
        JsonNode gauges = api.get("/v1/admin/live/room/" + roomId, admin).body().get("gauges");
        assertThat(gauges.get("waiting").asLong()).isEqualTo(2);
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class)
                .until(() -> gauge("waiting").equals("2"));
        assertThat(gauge("lastInLineWaitSeconds")).contains("admitting nobody");
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class)
                .until(() -> inWindow("entered").equals("2"));
        screenshot("ops-page-room.png");
    }

    @Test
    void pausesARoomAndClosesADrop_onlyOnceConfirmed_andShowsEachInTheAuditLog() throws IOException {
        // given a room admitting 50 a second and an open drop
        String roomId = "ops-ctl-" + UUID.randomUUID().toString().substring(0, 8);
        String dropId = roomId + "-drop";
        assertThat(api.put("/v1/admin/rooms/" + roomId, admin, Api.json(Map.of("admitPerSecond", 50,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString()))).status())
                .isEqualTo(201);
        assertThat(api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Mug", "stock", 5,
                "opensAt", Instant.now().minusSeconds(1).toString()))).status()).isEqualTo(201);

        // when the admin opens the room's live view and asks to pause it, but cancels in the dialog
        signInAt("/ops/#/room/" + roomId);
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("pause-room")).isDisplayed());
        assertThat(browser.findElement(By.id("close-drop")).isDisplayed()).as("a drop's control on a room").isFalse();
        await().atMost(PATIENCE).until(() -> "now 50".equals(browser.findElement(By.id("rate")).getAttribute("placeholder")));
        browser.findElement(By.id("pause-room")).click();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains(roomId).contains("admit nobody");
        screenshot("ops-page-confirm.png");
        browser.findElement(By.id("confirm-cancel")).click();

        // then nothing changed
        await().atMost(PATIENCE).until(() -> cell("#control-result").startsWith("Cancelled"));
        assertThat(api.get("/v1/admin/rooms/" + roomId, admin).body().get("admitPerSecond").asInt()).isEqualTo(50);

        // when they confirm
        browser.findElement(By.id("pause-room")).click();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
        browser.findElement(By.id("confirm-ok")).click();

        // then the room admits nobody, the page says so, and the audit log shows who did it and the rates
        await().atMost(PATIENCE).until(() -> cell("#control-result").startsWith("Done: pause"));
        assertThat(api.get("/v1/admin/rooms/" + roomId, admin).body().get("admitPerSecond").asInt()).isZero();
        By paused = By.cssSelector("#audit-table tr[data-kind='room'][data-id='" + roomId + "'][data-action='pause']");
        // (the table is drawn again every few seconds, so each look finds the row afresh)
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            WebElement entry = browser.findElement(paused);
            assertThat(entry.findElement(By.cssSelector("[data-col='who']")).getText()).isEqualTo("ops-admin");
            assertThat(entry.findElement(By.cssSelector("[data-col='details']")).getText())
                    .isEqualTo("admitPerSecond 50 → 0");
            assertThat(entry.findElement(By.cssSelector("[data-col='status']")).getText()).isEqualTo("done");
        });
        await().atMost(PATIENCE).ignoreException(NoSuchElementException.class)
                .until(() -> gauge("admitPerSecond").equals("0"));
        showControlsAndAudit();
        screenshot("ops-page-room-paused.png");

        // when they open the drop and close it, confirming
        browser.get(api.base().resolve("/ops/#/drop/" + dropId).toString());
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("close-drop")).isDisplayed());
        browser.findElement(By.id("close-drop")).click();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
        browser.findElement(By.id("confirm-ok")).click();

        // then claims are refused as closed, and the audit log has the close above the pause
        await().atMost(PATIENCE).until(() -> cell("#control-result").startsWith("Done: close"));
        Api.Answer late = api.post("/v1/drops/" + dropId + "/claims", api.token(dropId + "-late"), null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("closed");
        By closed = By.cssSelector("#audit-table tr[data-kind='drop'][data-id='" + dropId + "'][data-action='close']");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            List<String> order = browser.findElements(By.cssSelector("#audit-table tbody tr")).stream()
                    .map(r -> r.getAttribute("data-id")).filter(id -> id.startsWith(roomId)).toList();
            assertThat(order).containsExactly(dropId, roomId);
            assertThat(browser.findElement(closed).findElement(By.cssSelector("[data-col='details']")).getText())
                    .startsWith("closesAt none → 20");
        });
        showControlsAndAudit();
        screenshot("ops-page-drop-closed.png");
    }

    @Test
    void saysPlainlyWhenTheTokenIsNotAnAdmins() throws IOException {
        browser.get(api.base().resolve("/ops/").toString());
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("sign-in")).isDisplayed());

        browser.findElement(By.id("token")).sendKeys(api.token("ops-visitor"));
        browser.findElement(By.id("sign-in-button")).click();

        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(browser.findElement(By.id("problem")).getText()).contains("403").contains("admin");
        assertThat(browser.findElement(By.id("problem")).getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).as("asked to sign in again").isTrue();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.length")).isEqualTo(0L);
        screenshot("ops-page-forbidden.png");

        browser.findElement(By.id("token")).sendKeys("not-a-token");
        browser.findElement(By.id("sign-in-button")).click();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("problem")).getText().contains("401"));
    }

    /** Scrolls the live view's controls to the top, so a screenshot has them and the audit log below. */
    private static void showControlsAndAudit() {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('controls').scrollIntoView()");
    }

    /** Opens {@code path} signed out, and signs in there as the admin. */
    private static void signInAt(String path) {
        browser.get(api.base().resolve(path).toString());
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys(admin);
        browser.findElement(By.id("sign-in-button")).click();
    }

    /** The value of gauge {@code name} in the "Numbers now" table. */
    private static String gauge(String name) {
        return cell("#gauges-table tr[data-gauge='" + name + "'] td");
    }

    /** How many answers {@code code} the answers table counts over the page's whole window. */
    private static String inWindow(String code) {
        return cell("#answers-table tr[data-answer='" + code + "'] [data-col='window']");
    }

    /**
     * The text of the element {@code css} finds, read in one script call: the page draws its tables again every few
     * seconds, and a find followed by a read can fall between two drawings (a stale element).
     */
    private static String cell(String css) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e === null ? null : e.innerText;", css);
        if (text == null) {
            throw new NoSuchElementException("no element matches " + css);
        }
        return text.toString().strip();
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
