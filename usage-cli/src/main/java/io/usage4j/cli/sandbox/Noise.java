package io.usage4j.cli.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/** Deterministic variation: the same key always gives the same numbers, whatever was asked before. */
final class Noise {
    private static final long SEED = 0x5EED_0F_0A_4Aa11L;

    private Noise() {}

    /** A random generator seeded by {@code parts}, so a value depends only on what it describes. */
    static Random of(Object... parts) {
        long seed = SEED;
        for (Object part : parts) {
            seed = seed * 1_000_003L + String.valueOf(part).hashCode();
        }
        return new Random(seed);
    }

    /** {@code value} rounded half-up to {@code scale} decimals, as an exact decimal. */
    static BigDecimal round(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
