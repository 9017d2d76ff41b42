package dev.rushgate.localstack.e2e;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.JdkHttpServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waiting page in a real browser (Debian's headless Chromium through chromedriver): a visitor joins,
 * watches their place and the estimated wait, reloads without losing the place, and lands on the target
 * with an admission token that verifies against the published keys. Skipped where no browser is installed.
 */
@ExtendWith(SharedStack.class)
@EnabledIf(value = "browserInstalled",
        disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install chromium chromium-driver")
class WaitingPageE2E {


    private static Api api;
    private static String admin;
    private static HttpServer shop;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    static boolean browserInstalled() {
        return HeadlessChromium.installed();
    }

    @BeforeAll
    static void setUp() throws IOException {
        api = SharedStack.api();
        admin = api.token("page-admin", "admin");
        shop = target();
        chromium = new HeadlessChromium(900, 900);
        browser = chromium.driver();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (chromium != null) chromium.close();
        if (shop != null) shop.stop(0);
    }

    /** The site visitors go on to: another origin, as a shop behind a waiting room would be. */
    private static HttpServer target() throws IOException {
        HttpServer server = JdkHttpServers.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/shop", exchange -> {
            byte[] page = "<!doctype html><title>Shop</title><h1>Welcome to the shop</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (exchange; var out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        return server;
    }

    @Test
    void showsPlaceAndWait_keepsThePlaceOnReload_andGoesOnToTheTargetWithAVerifiableToken() throws Exception {
        // given a room admitting one a second with five people already in line
        String roomId = "page-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.put("/v1/admin/rooms/" + roomId, admin, Api.json(Map.of("admitPerSecond", 1,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString())));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            api.post("/v1/rooms/" + roomId + "/entries", api.token("page-ahead-" + i), null);
        }
        String target = "http://127.0.0.1:" + shop.getAddress().getPort() + "/shop";
        String userId = "page-visitor-" + UUID.randomUUID().toString().substring(0, 8);

        // when the visitor opens the page, signs in with a user id and joins
        browser.get(api.base().resolve("/waiting/?room=" + roomId + "&target="
                + URLEncoder.encode(target, StandardCharsets.UTF_8)).toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("join")).isDisplayed());
        browser.findElement(By.id("user")).clear();
        browser.findElement(By.id("user")).sendKeys(userId);
        browser.findElement(By.id("join-button")).click();

        // then the page shows a place in line, people ahead and an estimated wait, in words
        await().atMost(Duration.ofSeconds(10)).until(() -> text("position").matches("\\d+"));
        String position = text("position");
        assertThat(Long.parseLong(position)).isGreaterThan(1);
        assertThat(text("ahead")).matches("\\d+");
        assertThat(text("wait")).matches("About \\d+ (seconds|minutes?)|Any moment now");
        assertThat(text("status")).startsWith("You are number " + position + " in line");
        assertThat(browser.findElement(By.id("status")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.findElement(By.id("join")).isDisplayed()).as("the sign-in form is gone").isFalse();
        screenshot("waiting-page.png");

        // and a reload keeps the same place
        browser.navigate().refresh();
        await().atMost(Duration.ofSeconds(10)).until(() -> text("position").matches("\\d+"));
        assertThat(text("position")).isEqualTo(position);

        // and the progress bar advances while waiting
        await().atMost(Duration.ofSeconds(15)).until(() -> onTarget(target)
                || progress() > 0 && "waiting".equals(browser.findElement(By.tagName("body")).getAttribute("data-state")));
        if (!onTarget(target)) screenshot("waiting-page-progress.png");

        // and on admission the browser lands on the target with a token that verifies against the JWKS
        await().atMost(Duration.ofSeconds(20)).until(() -> onTarget(target));
        URI landed = URI.create(browser.getCurrentUrl());
        assertThat(landed.getRawFragment()).startsWith("admission=");
        String token = URLDecoder.decode(landed.getRawFragment().substring("admission=".length()), StandardCharsets.UTF_8);
        SignedJWT jwt = SignedJWT.parse(token);
        ECKey key = (ECKey) JWKSet.parse(api.get("/v1/.well-known/jwks.json", null).raw())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("room")).isEqualTo(roomId);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome to the shop");
        screenshot("waiting-page-target.png");
    }

    @Test
    void showsTheProblemsDetail_whenTheRoomDoesNotExist() throws IOException {
        String token = api.token("page-lost");

        browser.get(api.base().resolve("/waiting/?room=no-such-room&target=https%3A%2F%2Fshop.example%2F#token="
                + token).toString());

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(text("problem")).contains("no-such-room");
        assertThat(browser.findElement(By.id("problem")).getAttribute("role")).isEqualTo("alert");
        // the bearer token left the address bar
        assertThat(URI.create(browser.getCurrentUrl()).getRawFragment()).isNull();
        screenshot("waiting-page-problem.png");
    }

    @Test
    void refusesATargetThatIsNotAnHttpAddress() {
        browser.get(api.base().resolve("/waiting/?room=any&target=javascript%3Aalert(1)").toString());

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(text("problem")).contains("target=");
        assertThat(browser.findElement(By.id("join")).isDisplayed()).isFalse();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static int progress() {
        String value = browser.findElement(By.id("progress")).getAttribute("value");
        return value == null ? 0 : (int) Double.parseDouble(value);
    }

    private static boolean onTarget(String target) {
        return browser.getCurrentUrl().startsWith(target);
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }
}
