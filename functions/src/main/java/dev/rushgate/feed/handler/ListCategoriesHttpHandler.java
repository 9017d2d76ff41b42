package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Categories;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/**
 * {@code GET /v1/categories}: the categories a post may name, {@code {"categories":[…],"fallback":false}}: the upstream
 * user service's, from the cache; {@code "fallback": true} when the cache has none yet and these are the deployment's
 * configured list.
 */
public final class ListCategoriesHttpHandler extends HttpHandler {
    record View(java.util.List<String> categories, boolean fallback) {}

    private final Categories categories;

    public ListCategoriesHttpHandler() {
        this(FeedWiring.categories());
    }

    public ListCategoriesHttpHandler(Categories categories) {
        this.categories = categories;
    }

    @Override
    protected Response handle(Request request) {
        Categories.Current current = categories.current();
        return Response.json(200, new View(current.names(), current.fallback()));
    }
}
