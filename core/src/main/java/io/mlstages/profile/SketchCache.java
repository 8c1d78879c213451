package io.mlstages.profile;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.datasketches.common.SketchesException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * Heapified sketches and their sorted views, built once per serialized sketch. A record cannot hold a lazy
 * field, so the views are cached here by the identity of the summary's private byte array (a weak key: the
 * entry goes when the summary goes). A sorted view is immutable once built, so threads may share it.
 */
final class SketchCache {
    private static final Map<byte[], DoublesSortedView> VIEWS = Collections.synchronizedMap(new WeakHashMap<>());

    private SketchCache() {
    }

    /** The sorted view of a serialized, non-empty sketch. */
    static DoublesSortedView sortedView(final byte[] bytes) {
        DoublesSortedView view = VIEWS.get(bytes);
        if (view == null) {
            // built outside the lock: two threads may both build it, which is harmless
            view = heapify(bytes).getSortedView();
            VIEWS.putIfAbsent(bytes, view);
        }
        return view;
    }

    /** A heap copy of a serialized sketch. */
    static KllDoublesSketch heapify(final byte[] bytes) {
        try {
            return KllDoublesSketch.heapify(Memory.wrap(bytes));
        } catch (SketchesException | IndexOutOfBoundsException e) {
            throw new ProfileException("The profile's quantile sketch is corrupt: " + e.getMessage(), e);
        }
    }
}
