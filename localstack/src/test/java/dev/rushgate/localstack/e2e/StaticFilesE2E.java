package dev.rushgate.localstack.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting and operations pages' files next to the API: right content types, 404 for anything else, the API unchanged. */
@ExtendWith(SharedStack.class)
class StaticFilesE2E {

    private final Api api = SharedStack.api();

    @Test
    void servesTheWaitingPage_withTheContentTypeABrowserNeedsForEachFile() {
        Api.Answer folder = api.get("/waiting/", null);
        Api.Answer page = api.get("/waiting/index.html", null);
        Api.Answer script = api.get("/waiting/waiting.js", null);
        Api.Answer style = api.get("/waiting/waiting.css", null);

        assertThat(folder.status()).isEqualTo(200);
        assertThat(folder.raw()).isEqualTo(page.raw()).contains("<script type=\"module\" src=\"waiting.js\">");
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        // a module script with another type is refused by the browser
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.raw()).contains("/v1/rooms/");
        assertThat(style.contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(page.headers().get("x-content-type-options")).containsExactly("nosniff");
    }

    @Test
    void servesTheOperationsPage_andItsVendoredChartLibrary() {
        Api.Answer folder = api.get("/ops/", null);
        Api.Answer library = api.get("/ops/vendor/uPlot.iife.min.js", null);
        Api.Answer style = api.get("/ops/vendor/uPlot.min.css", null);

        assertThat(folder.status()).isEqualTo(200);
        assertThat(folder.raw()).contains("<script type=\"module\" src=\"ops.js\">");
        assertThat(library.status()).isEqualTo(200);
        assertThat(library.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(style.contentType()).isEqualTo("text/css; charset=utf-8");
        for (String path : new String[] {"/ops/vendor/LICENSE", "/ops/vendor/../ops.js", "/ops/vendor/.hidden.js",
                "/ops/vendor/x/uPlot.min.css", "/ops/other/ops.js", "/ops/ops..js"}) {
            assertThat(api.get(path, null).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void answers404ForUnknownFiles_andForAnythingOutsideTheFolder() {
        for (String path : new String[] {"/waiting/missing.js", "/waiting/notes.txt", "/waiting/..%2Fpom.xml",
                "/waiting/../pom.xml", "/waiting/sub/index.html"}) {
            Api.Answer answer = api.get(path, null);

            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
        }
    }

    @Test
    void refusesWritesToStaticFiles() {
        Api.Answer answer = api.post("/waiting/index.html", null, "{}");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.headers().get("allow")).containsExactly("GET, HEAD");
    }

    @Test
    void stillAnswersUnknownApiPathsWith404ProblemJson() {
        Api.Answer answer = api.get("/v1/waiting/index.html", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.code()).isEqualTo("unknown-route");
    }
}
