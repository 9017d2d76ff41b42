package dev.rushgate.infra.plan;

import java.util.List;

/** An itemised bill: what, how much of it, at which price, in dollars. */
public record Cost(List<Item> items) {

    public record Item(String what, double amount, String unit, String priceId, double usd) {}

    public Cost {
        items = List.copyOf(items);
    }

    public double total() {
        return items.stream().mapToDouble(Item::usd).sum();
    }
}
