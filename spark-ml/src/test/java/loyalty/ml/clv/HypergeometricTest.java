package loyalty.ml.clv;

import static loyalty.ml.clv.Hypergeometric.hyp2f1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** 2F1 against functions it reduces to (Abramowitz &amp; Stegun 15.1.3-15.1.6) and its own identities. */
class HypergeometricTest {
    @Test
    void withOneOneTwoItIsTheLogarithm() {
        for (double z : new double[] {-0.7, 0.001, 0.3, 0.9, 0.999}) {
            assertThat(hyp2f1(1, 1, 2, z)).as("z=%s", z).isCloseTo(-Math.log1p(-z) / z, within(1e-13 / (1 - z)));
        }
    }

    @Test
    void withEqualBAndCItIsAPower() {
        // 2F1(a, b; b; z) = (1-z)^-a
        assertThat(hyp2f1(2.5, 1.7, 1.7, 0.8)).isCloseTo(Math.pow(0.2, -2.5), within(1e-10));
        assertThat(hyp2f1(0.243, 3.2, 3.2, 0.95)).isCloseTo(Math.pow(0.05, -0.243), within(1e-13));
    }

    @Test
    void withHalvesItIsTheArcSine() {
        // 2F1(1/2, 1/2; 3/2; z^2) = arcsin(z) / z
        double z = 0.95;
        assertThat(hyp2f1(0.5, 0.5, 1.5, z * z)).isCloseTo(Math.asin(z) / z, within(1e-14));
    }

    @Test
    void aNegativeIntegerParameterMakesItAPolynomial() {
        double b = 1.3;
        double c = 2.7;
        double z = 0.6;
        double expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
        assertThat(hyp2f1(-2, b, c, z)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void eulersTransformationHolds() {
        // 2F1(a, b; c; z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z), here with BG/NBD-like parameters (r+x, b+x, a+b+x-1)
        double a = 0.243 + 5;
        double b = 2.426 + 5;
        double c = 0.793 + 2.426 + 5 - 1;
        for (double z : new double[] {0.1, 0.5, 0.8}) {
            double direct = hyp2f1(a, b, c, z);
            double euler = Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z);
            assertThat(euler).as("z=%s", z).isCloseTo(direct, within(1e-12 * direct));
        }
    }

    @Test
    void outsideTheDomainItRefuses() {
        assertThatThrownBy(() -> hyp2f1(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("|z| < 1");
        assertThatThrownBy(() -> hyp2f1(1, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pole");
        assertThatThrownBy(() -> hyp2f1(1, 1, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
