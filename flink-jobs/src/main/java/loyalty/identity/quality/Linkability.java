package loyalty.identity.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import loyalty.identity.normalize.IdentifierType;

/**
 * What SPEC §3 can link at all: per true person, the records connected through a chain of shared strong identifiers
 * (email, phone, card, crm_id; valid, normalised and not blocklisted). These are the <em>linkable components</em>.
 *
 * <p>Components are built per person on purpose. Two people who share a household phone or a till's store email are
 * linked by the rules too, but that link is a wrong merge, which precision already counts; here only the pairs that
 * belong together and can be found are wanted. Device ids never count: they never cause a merge (SPEC §3).
 *
 * <p>The chain ignores event types and order: an engagement from identifiers nobody has enrolled yet stays
 * unattributed (SPEC §13.3) but still bridges here, so this is an upper bound of what the rules link.
 */
public final class Linkability {
    private final Map<String, Integer> componentOf;
    private final Map<String, String> personOf;
    private final long linkablePairs;
    private final int components;

    private Linkability(Map<String, Integer> componentOf, Map<String, String> personOf, long linkablePairs,
                        int components) {
        this.componentOf = componentOf;
        this.personOf = personOf;
        this.linkablePairs = linkablePairs;
        this.components = components;
    }

    /**
     * Finds the linkable components of {@code records}. A record without a true person links to nothing.
     *
     * @throws IllegalArgumentException when a key occurs twice
     */
    public static Linkability of(Collection<IdentifiedRecord> records) {
        Map<String, List<IdentifiedRecord>> byPerson = new LinkedHashMap<>();
        Map<String, String> personOf = new HashMap<>(records.size() * 2);
        for (IdentifiedRecord r : records) {
            if (personOf.containsKey(r.key())) {
                throw new IllegalArgumentException("record " + r.key() + " occurs twice");
            }
            personOf.put(r.key(), r.person());
            if (r.person() != null) {
                byPerson.computeIfAbsent(r.person(), p -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Integer> componentOf = new HashMap<>(records.size() * 2);
        long pairs = 0;
        int next = 0;
        for (List<IdentifiedRecord> own : byPerson.values()) {
            int[] root = components(own);
            Map<Integer, Integer> idOfRoot = new HashMap<>();
            Map<Integer, Long> sizes = new HashMap<>();
            for (int i = 0; i < own.size(); i++) {
                Integer id = idOfRoot.get(root[i]);
                if (id == null) {
                    id = next++;
                    idOfRoot.put(root[i], id);
                }
                componentOf.put(own.get(i).key(), id);
                sizes.merge(id, 1L, Long::sum);
            }
            pairs += ClusterQuality.pairs(sizes.values());
        }
        return new Linkability(componentOf, personOf, pairs, next);
    }

    /** Σ over linkable components C(size, 2), over every record given (members not considered). */
    public long linkablePairs() {
        return linkablePairs;
    }

    /** The number of linkable components (records without a person are in none). */
    public int components() {
        return components;
    }

    /** The component of a record; empty for an unknown key or a record without a person. */
    public OptionalInt component(String key) {
        Integer id = componentOf.get(key);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * Recall over the linkable pairs of the records that take part in the pairwise measures (a person and a member):
     * pairs in one member and one component / pairs in one component. A record this linkability does not know is a
     * component of its own.
     *
     * @throws IllegalArgumentException when a record's person is not the one it was given here with
     */
    public Recall recall(Collection<ResolvedRecord> records) {
        Map<Integer, Long> byComponent = new HashMap<>();
        Map<Cell, Long> byCell = new HashMap<>();
        int unknown = -1;
        for (ResolvedRecord r : records) {
            if (!r.takesPart()) {
                continue;
            }
            Integer component = componentOf.get(r.key());
            if (component == null) {
                component = unknown--;
            } else if (!Objects.equals(personOf.get(r.key()), r.person())) {
                throw new IllegalArgumentException("record " + r.key() + " belongs to " + r.person()
                        + " but was linked as " + personOf.get(r.key()));
            }
            byComponent.merge(component, 1L, Long::sum);
            byCell.merge(new Cell(r.member(), component), 1L, Long::sum);
        }
        return new Recall(ClusterQuality.pairs(byComponent.values()), ClusterQuality.pairs(byCell.values()));
    }

    /** Union-find over one person's records: records sharing a strong identifier end under one root. */
    private static int[] components(List<IdentifiedRecord> own) {
        int[] parent = new int[own.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstHolder = new HashMap<>();
        for (int i = 0; i < own.size(); i++) {
            for (Map.Entry<IdentifierType, String> id : own.get(i).identifiers().strong().entrySet()) {
                Integer holder = firstHolder.putIfAbsent(id.getKey().wireName() + ':' + id.getValue(), i);
                if (holder != null) {
                    union(parent, holder, i);
                }
            }
        }
        int[] root = new int[parent.length];
        for (int i = 0; i < parent.length; i++) {
            root[i] = find(parent, i);
        }
        return root;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /**
     * @param linkablePairs pairs of participating records within one linkable component
     * @param linkedPairs   those of them that are also within one member
     */
    public record Recall(long linkablePairs, long linkedPairs) {
        /** linked / linkable; 1.0 when nothing was linkable. */
        public double value() {
            return linkablePairs == 0 ? 1.0 : (double) linkedPairs / linkablePairs;
        }
    }

    private record Cell(String member, int component) {
    }
}
