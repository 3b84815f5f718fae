/**
 * How good the member clusters of identity resolution are, measured against the generator's ground truth, as plain
 * Java with no Flink types ({@code loyalty bench identity} and tests use it on the resolver's output).
 *
 * <p>Pairwise measures: every two records of one true person are a <em>true pair</em>, every two records of one member
 * a <em>predicted pair</em>, and a pair that is both is <em>correct</em>. Precision = correct / predicted (how often a
 * merge was right), recall = correct / true (how much of each person was put together). Counts come from contingency
 * tables (person × member), so the cost is linear in the records, never quadratic.
 *
 * <p>Recall also punishes what no rule could link: a person who used an email at the till and only a card online has
 * two clusters however good the resolver is. {@link loyalty.identity.quality.Linkability} finds, per person, the
 * records that SPEC §3 <em>can</em> link (a chain of shared valid, non-blocklisted strong identifiers), and
 * <em>linkable recall</em> is recall over those pairs only.
 *
 * <p>Entry point: {@link loyalty.identity.quality.IdentityQuality#measure}.
 */
package loyalty.identity.quality;
