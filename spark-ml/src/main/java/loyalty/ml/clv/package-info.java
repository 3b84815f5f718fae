/**
 * Customer lifetime value: the BG/NBD model of repeat purchases and P(alive) (Fader, Hardie &amp; Lee 2005, "Counting
 * your customers the easy way") and the Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005,
 * "RFM and CLV"), fitted by maximum likelihood on per-customer summaries.
 *
 * <p>Plain Java with no Spark type: the CLI fits a CSV export with it ({@code loyalty clv fit}) without a stack, and
 * the Spark jobs can call the same code on summaries they build from the lakehouse. Formulas and conventions follow the
 * {@code lifetimes} Python package, whose results analysts will compare with ours.
 */
package loyalty.ml.clv;
