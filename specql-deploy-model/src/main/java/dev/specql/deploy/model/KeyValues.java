package dev.specql.deploy.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered tables of spec values by key path, as the default tables write them. */
public final class KeyValues {

    private KeyValues() {
    }

    /** Key-value pairs into an ordered map; int values become Long, as the validator normalises them. */
    public static Map<String, Object> table(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            map.put((String) pairs[i], value instanceof Integer n ? Long.valueOf(n) : value);
        }
        return Collections.unmodifiableMap(map);
    }
}
