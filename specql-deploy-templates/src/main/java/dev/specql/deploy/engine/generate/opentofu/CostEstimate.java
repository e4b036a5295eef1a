package dev.specql.deploy.engine.generate.opentofu;

import dev.specql.deploy.engine.generate.opentofu.AwsPrices.Price;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A monthly cost estimate: line items with quantity, unit price and cost, at list price.
 *
 * @param title       what is estimated ("production environment", "bootstrap (once per account)")
 * @param assumptions the usage assumed for usage-priced items, in words
 */
public record CostEstimate(String title, List<LineItem> items, List<String> assumptions) {

    public CostEstimate {
        items = List.copyOf(items);
        assumptions = List.copyOf(assumptions);
    }

    public BigDecimal total() {
        return items.stream().map(LineItem::monthly).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
    }

    /** One priced line: {@code quantity} units of {@code price} a month. */
    public record LineItem(String item, BigDecimal quantity, Price price) {

        static LineItem of(String item, double quantity, Price price) {
            return new LineItem(item, BigDecimal.valueOf(quantity).stripTrailingZeros(), price);
        }

        /** The quantity as the table shows it: two decimals at most (a third of an hour is 0.33, not 0.333...5); the
         *  monthly figure is priced from the exact one. */
        public String shownQuantity() {
            return shown(quantity);
        }

        public BigDecimal monthly() {
            return quantity.multiply(price.amount()).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** A figure as the README shows it, in a table or a sentence: two decimals at most, no trailing zeros. */
    static String shown(BigDecimal value) {
        return value.setScale(Math.min(value.scale(), 2), RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
