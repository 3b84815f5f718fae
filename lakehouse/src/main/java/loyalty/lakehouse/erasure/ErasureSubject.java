package loyalty.lakehouse.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member an erasure forgets: the survivor the request resolved to and every profile merged into it (one person,
 * one request), each with its own pseudonym, so rows keyed by member (balances) stay one per key.
 *
 * @param members the survivor first, then the merged profiles
 */
record ErasureSubject(String program, List<String> members, Map<String, String> pseudonyms) {
    ErasureSubject {
        members = List.copyOf(members);
        pseudonyms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pseudonyms));
    }

    String survivor() {
        return members.get(0);
    }

    String survivorPseudonym() {
        return pseudonyms.get(survivor());
    }
}
