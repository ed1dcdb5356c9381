package io.tessera.projections.profile.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class LeastRecentlyUsedCacheTest {

    @Test
    void theLeastRecentlyUsedProfileLeavesFirstWhenTheCacheIsFull() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(2);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("p1", "one");
        cache.put("p2", "two");
        assertThat((String) cache.get("p1")).isEqualTo("one");
        cache.put("p3", "three");

        assertThat(cache.containsKey("p2")).as("p1 was read after p2, so p2 is the least recently used").isFalse();
        assertThat(cache.containsKey("p1")).isTrue();
        assertThat(cache.containsKey("p3")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(expired).containsExactly("p2");
    }

    @Test
    void putIfAbsentComputeAndRemoveBehaveAsAxonExpects() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(10);
        assertThat(cache.putIfAbsent("p1", "one")).isTrue();
        assertThat(cache.putIfAbsent("p1", "other")).isFalse();
        assertThat((String) cache.computeIfAbsent("p2", () -> "two")).isEqualTo("two");
        cache.<String>computeIfPresent("p2", value -> value + "!");
        assertThat((String) cache.get("p2")).isEqualTo("two!");
        cache.put("p1", null);
        assertThat(cache.containsKey("p1")).as("putting null removes").isFalse();
        assertThat(cache.remove("p2")).isTrue();
        assertThat(cache.remove("p2")).isFalse();
        cache.put("p3", "three");
        cache.removeAll();
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new LeastRecentlyUsedCache(0)).hasMessageContaining("at least one");
    }
}
