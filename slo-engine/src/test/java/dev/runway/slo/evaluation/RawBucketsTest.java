package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RawBucketsTest {
    @Test
    void bucketsGoToTheBandOfTheShortestWindowHoldingThemAndTrimmingDropsBothEnds() {
        RawBuckets raw = new RawBuckets(List.of(), Set.of("pay"));
        // 100 buckets, one every 5 s from t=1000: 10 requests and 1 error each
        for (int i = 0; i < 100; i++) {
            raw.append("pay", 1000 + 5L * i, new long[] {10, 1});
        }
        // bands start at 1400 (the last 20 buckets) and 1200 (the 40 before)
        assertThat(raw.bands(new long[] {1400, 1200}).get("pay")).containsExactly(200, 20, 400, 40);

        // forget what the minute rows now cover (before 1100) and what will be read again (from 1450)
        raw.trim(1100, 1450);
        raw.append("pay", 1450, new long[] {7, 7});
        assertThat(raw.bands(new long[] {1400, 1000}).get("pay")).containsExactly(107, 17, 600, 60);
    }

    @Test
    void theVersionsOfABucketAddUp() {
        RawBuckets raw = new RawBuckets(List.of(5), Set.of("pay"));
        raw.append("pay", 1000, new long[] {10, 1, 9});
        raw.append("pay", 1000, new long[] {5, 5, 0});
        raw.append("pay", 1005, new long[] {1, 0, 1});
        assertThat(raw.bands(new long[] {1005, 1000}).get("pay")).containsExactly(1, 0, 1, 15, 6, 9);
    }

    @Test
    void aNewerHalfReadApartIsAppendedAfterTheOlderOne() {
        RawBuckets older = new RawBuckets(List.of(), Set.of("pay", "cart"));
        older.append("pay", 1000, new long[] {10, 1});
        older.append("cart", 1000, new long[] {3, 0});
        RawBuckets newer = new RawBuckets(List.of(), Set.of("pay", "cart"));
        newer.append("pay", 1005, new long[] {20, 2});
        newer.append("pay", 1010, new long[] {40, 4});
        older.appendAll(newer);
        assertThat(older.bands(new long[] {1010, 1000}).get("pay")).containsExactly(40, 4, 30, 3);
        assertThat(older.bands(new long[] {1010, 1000}).get("cart")).containsExactly(0, 0, 3, 0);
    }

    @Test
    void aLongSeriesGrowsAndCompactsWithoutLosingBuckets() {
        RawBuckets raw = new RawBuckets(List.of(3), Set.of("pay"));
        for (int i = 0; i < 1000; i++) {
            raw.append("pay", i, new long[] {1, 0, 1});
            raw.trim(i - 131, Long.MAX_VALUE);
        }
        assertThat(raw.bands(new long[] {0}).get("pay")).containsExactly(132, 0, 132);
    }
}
