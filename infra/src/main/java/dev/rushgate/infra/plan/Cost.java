package dev.rushgate.infra.plan;

import java.util.List;

/** An itemised bill: what, how much of it, at which price, in dollars. */
public record Cost(List<Item> items) {

    /**
     * {@code confirmed} is false when the list price was not read on an AWS page (its {@code aws.json} note says what
     * was searched): the planner says so next to the item, so that nobody budgets on it unchecked.
     */
    public record Item(String what, double amount, String unit, String priceId, double usd, boolean confirmed) {
        /** {@code amount} at {@code price}; a charge of nothing needs no confirming. */
        static Item of(String what, double amount, String unit, Catalog.Price price) {
            return new Item(what, amount, unit, price.id(), price.of(amount), price.verified() || price.usd() == 0);
        }
    }

    public Cost {
        items = List.copyOf(items);
    }

    public double total() {
        return items.stream().mapToDouble(Item::usd).sum();
    }

    /** Dollars of the total at list prices nobody confirmed on an AWS page. */
    public double unconfirmed() {
        return items.stream().filter(i -> !i.confirmed()).mapToDouble(Item::usd).sum();
    }
}
