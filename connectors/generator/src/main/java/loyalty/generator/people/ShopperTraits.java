package loyalty.generator.people;

import java.util.List;

/**
 * How a person shops. Spend is heavy-tailed: both the order rate and the basket size are lognormal, so a tenth
 * of the customers bring in well over a third of the revenue, as in real retail.
 *
 * @param ordersPerDay  mean completed orders per (average-season) day
 * @param basketMedian  median order value in the program currency
 * @param storeWeight   relative preference for the store channel
 * @param webWeight     relative preference for the web shop
 * @param appWeight     relative preference for the app (0 without a device)
 * @param categories    favourite categories, most liked first
 */
public record ShopperTraits(double ordersPerDay, double basketMedian, double storeWeight, double webWeight,
                            double appWeight, List<String> categories) {
    public ShopperTraits {
        categories = List.copyOf(categories);
    }
}
