/**
 * Customer lifetime value: the BG/NBD model of repeat purchases and P(alive) (Fader, Hardie &amp; Lee 2005, "Counting
 * your customers the easy way") and the Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005,
 * "RFM and CLV"), fitted by maximum likelihood on per-customer summaries.
 *
 * <p>Plain Java with no Spark type: {@link loyalty.ml.clv.FitJob} ({@code loyalty clv fit}, run by the CLI in a child
 * JVM on this module's classpath) fits a CSV export with it without a Spark session or a stack, and the Spark jobs
 * can call the same code on summaries they build from the lakehouse. Formulas and conventions follow the
 * {@code lifetimes} Python package, whose results analysts will compare with ours.
 */
package loyalty.ml.clv;
