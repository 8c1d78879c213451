// Signature stub: jenkinsci/json-lib src/main/java/net/sf/json/JSONObject.java
// (extends AbstractJSON implements JSON, Comparable as well: left out. The class implements Map<String, Object>, but
// keySet(), entrySet(), values() and putAll(Map) are declared raw, as here: code that relies on their element types
// needs a cast in the real build too)
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

    public Object remove(String key) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void putAll(Map map) {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Set keySet() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Collection values() {
        throw new UnsupportedOperationException("signature stub");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Set entrySet() {
        throw new UnsupportedOperationException("signature stub");
    }
}
