package dev.specql.deploy.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An enum whose constants are written in the spec as lowercase words such as {@code small-saas}. */
public interface Keyword {

    String id();

    static <E extends Enum<E> & Keyword> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyword::id).toList();
    }

    static <E extends Enum<E> & Keyword> Optional<E> byId(Class<E> type, String id) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.id().equals(id)).findFirst();
    }

    static <E extends Enum<E> & Keyword> E parse(Class<E> type, String id) {
        return byId(type, id).orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + id));
    }
}
