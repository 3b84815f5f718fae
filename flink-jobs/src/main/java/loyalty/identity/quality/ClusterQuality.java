package loyalty.identity.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairwise precision and recall of member clusters against the true persons. Only records with both a person and a
 * member take part; the others are counted ({@code unattributed}: a person but no member; {@code noPerson}: no true
 * person, whatever the member).
 *
 * @param truePairs      Σ over persons C(n, 2)
 * @param predictedPairs Σ over members C(n, 2)
 * @param correctPairs   Σ over (person, member) cells C(n, 2)
 * @param persons        distinct persons among the records that take part
 * @param members        distinct members among the records that take part
 * @param impureMembers  members holding records of more than one person (each is at least one wrong merge)
 * @param examples       up to {@value #EXAMPLES} impure members, largest first, each with its persons by record count
 */
public record ClusterQuality(long truePairs, long predictedPairs, long correctPairs, long persons, long members,
                             long impureMembers, Map<String, List<String>> examples, long unattributed,
                             long noPerson) {
    public static final int EXAMPLES = 10;

    public ClusterQuality {
        examples = Collections.unmodifiableMap(new LinkedHashMap<>(examples));
    }

    /**
     * Measures the clusters of {@code records}.
     *
     * @throws IllegalArgumentException when a key occurs twice (a redelivered event joined twice would count its pairs
     *                                  twice)
     */
    public static ClusterQuality of(Collection<ResolvedRecord> records) {
        Set<String> keys = new HashSet<>(records.size() * 2);
        Map<String, Long> byPerson = new HashMap<>();
        Map<String, Long> byMember = new HashMap<>();
        Map<Cell, Long> byCell = new HashMap<>();
        long unattributed = 0;
        long noPerson = 0;
        for (ResolvedRecord r : records) {
            if (!keys.add(r.key())) {
                throw new IllegalArgumentException("record " + r.key() + " occurs twice");
            }
            if (r.person() == null) {
                noPerson++;
            } else if (r.member() == null) {
                unattributed++;
            } else {
                byPerson.merge(r.person(), 1L, Long::sum);
                byMember.merge(r.member(), 1L, Long::sum);
                byCell.merge(new Cell(r.member(), r.person()), 1L, Long::sum);
            }
        }
        Map<String, Map<String, Long>> impure = impure(byCell);
        return new ClusterQuality(pairs(byPerson.values()), pairs(byMember.values()), pairs(byCell.values()),
                byPerson.size(), byMember.size(), impure.size(), examples(impure, byMember), unattributed, noPerson);
    }

    /** correct / predicted; 1.0 when nothing was merged (no merge was wrong). */
    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
    }

    /** correct / true; 1.0 when no person has two records (there was nothing to put together). */
    public double recall() {
        return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
    }

    /** The number of unordered pairs in a group of {@code n}: C(n, 2). */
    static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    static long pairs(Collection<Long> groupSizes) {
        long sum = 0;
        for (long n : groupSizes) {
            sum += pairs(n);
        }
        return sum;
    }

    /** Members with more than one person: member → (person → records). */
    private static Map<String, Map<String, Long>> impure(Map<Cell, Long> byCell) {
        Map<String, Map<String, Long>> personsOf = new HashMap<>();
        byCell.forEach((cell, n) -> personsOf.computeIfAbsent(cell.member(), m -> new HashMap<>(2))
                .put(cell.person(), n));
        personsOf.values().removeIf(persons -> persons.size() < 2);
        return personsOf;
    }

    /** The largest impure members (ties by member id), so the examples are the same on every run. */
    private static Map<String, List<String>> examples(Map<String, Map<String, Long>> impure,
                                                      Map<String, Long> byMember) {
        List<String> members = new ArrayList<>(impure.keySet());
        members.sort(Comparator.comparing((String m) -> byMember.get(m)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String member : members.subList(0, Math.min(EXAMPLES, members.size()))) {
            Map<String, Long> persons = impure.get(member);
            out.put(member, persons.keySet().stream()
                    .sorted(Comparator.comparing((String p) -> persons.get(p)).reversed()
                            .thenComparing(Comparator.naturalOrder()))
                    .toList());
        }
        return out;
    }

    private record Cell(String member, String person) {
    }
}
