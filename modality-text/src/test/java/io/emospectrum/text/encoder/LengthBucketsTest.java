package io.emospectrum.text.encoder;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LengthBucketsTest {

    @Test
    void everyWindowLandsInExactlyOneBatchWithinTheLimits() {
        Random r = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int n = r.nextInt(80);
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                lengths[i] = 3 + r.nextInt(r.nextBoolean() ? 40 : 128);
            }
            int maxWindows = 1 + r.nextInt(40);
            int maxTokens = 1 + r.nextInt(600);
            List<int[]> batches = LengthBuckets.of(lengths, maxWindows, maxTokens);
            int[] seen = new int[n];
            int previousLongest = 0;
            for (int[] b : batches) {
                assertThat(b).isNotEmpty();
                assertThat(b.length).isLessThanOrEqualTo(maxWindows);
                int longest = 0;
                for (int k = 0; k < b.length; k++) {
                    seen[b[k]]++;
                    longest = Math.max(longest, lengths[b[k]]);
                    if (k > 0) {
                        assertThat(lengths[b[k]]).isGreaterThanOrEqualTo(lengths[b[k - 1]]);
                    }
                }
                // a single window longer than the budget is still a batch of its own
                if (b.length > 1) {
                    assertThat((long) b.length * longest).isLessThanOrEqualTo(maxTokens);
                }
                assertThat(lengths[b[0]]).isGreaterThanOrEqualTo(previousLongest);
                previousLongest = longest;
            }
            for (int i = 0; i < n; i++) {
                assertThat(seen[i]).as("window %d of %d", i, n).isEqualTo(1);
            }
        }
    }

    @Test
    void mixedLengthsAreCutWhereThePaddingBudgetEnds() {
        // 4 short windows fit 256 tokens together; the long ones pad to 100 and go two by two
        int[] lengths = {100, 20, 100, 20, 20, 100, 20};
        List<int[]> batches = LengthBuckets.of(lengths, 32, 256);
        List<List<Integer>> asLists = new ArrayList<>();
        for (int[] b : batches) {
            asLists.add(java.util.Arrays.stream(b).boxed().toList());
        }
        assertThat(asLists).containsExactly(List.of(1, 3, 4, 6), List.of(0, 2), List.of(5));
    }

    @Test
    void badLimitsAreRejected() {
        assertThatThrownBy(() -> LengthBuckets.of(new int[]{5}, 0, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LengthBuckets.of(new int[]{5}, 8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LengthBuckets.of(new int[0], 8, 256)).isEmpty();
    }
}
