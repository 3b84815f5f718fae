package loyalty.generator.random;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded draws for one purpose. Every purpose (and every person within it) gets its own stream derived from the
 * seed, so adding a draw to one part of the generator never shifts the data of another. The distributions are
 * computed here from {@code nextDouble()} alone, so the output does not depend on a JDK's Gaussian algorithm.
 */
public final class Draw {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private final SplittableRandom random;

    private Draw(long state) {
        this.random = new SplittableRandom(state);
    }

    /** The stream for {@code (seed, purpose, index)}: independent of every other purpose and index. */
    public static Draw of(long seed, String purpose, long index) {
        long h = mix(seed + GOLDEN);
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h * 31 + purpose.charAt(i));
        }
        return new Draw(mix(h ^ (index * GOLDEN + 1)));
    }

    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform in {@code [lo, hi]}, both inclusive. */
    public int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    public long below(long bound) {
        return random.nextLong(bound);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal, Box-Muller. */
    public double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Lognormal with the given median: a heavy right tail, the shape of retail spend. */
    public double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    public int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... items) {
        return items[random.nextInt(items.length)];
    }

    /** An index drawn with probability proportional to its weight. */
    public int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit hash. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
