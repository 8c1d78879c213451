package io.mlstages.profile;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Sorted views of serialized sketches, built once per sketch. A record cannot hold a lazy field, so the views
 * are cached here by the identity of the summary's private byte array (a weak key: the entry goes when the
 * summary goes). A sorted view is immutable once built, so threads may share it.
 */
final class SketchCache {
    private static final Map<byte[], QuantileSketch.SortedView> VIEWS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private SketchCache() {
    }

    /** The sorted view of a serialized, non-empty sketch. */
    static QuantileSketch.SortedView sortedView(final byte[] bytes) {
        QuantileSketch.SortedView view = VIEWS.get(bytes);
        if (view == null) {
            // built outside the lock: two threads may both build it, which is harmless
            view = QuantileSketch.fromBytes(bytes).sortedView();
            VIEWS.putIfAbsent(bytes, view);
        }
        return view;
    }
}
