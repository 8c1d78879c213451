// Signature stub: jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java
// (extends AbstractJSON implements JSON, Comparable as well: left out; the Map methods are the interface's)
package net.sf.json;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

public final class JSONObject implements Map<String, Object> {
    public JSONObject() {
        throw new UnsupportedOperationException("signature stub");
    }

    public static JSONObject fromObject(Object object) {
        throw new UnsupportedOperationException("signature stub");
    }

    public Object opt(String key) {
        throw new UnsupportedOperationException("signature stub");
    }

    public String optString(String key, String defaultValue) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public boolean isEmpty() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public boolean containsKey(Object key) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public boolean containsValue(Object value) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Object get(Object key) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public void putAll(Map<? extends String, ?> map) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Set<String> keySet() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Collection<Object> values() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        throw new UnsupportedOperationException("signature stub");
    }
}
