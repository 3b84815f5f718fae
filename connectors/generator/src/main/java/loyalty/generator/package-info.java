/**
 * <h2>{@code loyalty generate}: a seeded synthetic retail program with ground truth</h2>
 *
 * <p>The generator makes the input of the whole platform for tests, the demo and benchmarks: a retailer's CRM,
 * web shop, returns desk and loyalty admin (operational PostgreSQL tables that CDC captures), its tills, website
 * and app (feed files of canonical events), and the truth behind them (which real person each record belongs to,
 * and what the pipeline must count). Everything is a pure function of {@link loyalty.generator.GeneratorConfig}:
 * the same seed gives byte-identical files and the same rows.
 *
 * <h3>Use</h3>
 * <pre>{@code
 * GeneratedProgram program = Generator.generate(GeneratorConfig.defaults(42).withCustomers(2_000));
 * GeneratedFiles.write(outDir, program);                    // pos.jsonl, web.jsonl, app.jsonl,
 *                                                           // ground-truth.jsonl, manifest.json
 * try (Connection c = cluster.connect("shop")) {
 *     OperationalWriter.write(c, program.operationalChanges()); // applies OperationalSchema first
 * }
 * }</pre>
 * Defaults: program {@code acme}, 2,000 customers, 180 days from 2026-01-01, 8% returns, 0.5% malformed and 1%
 * redelivered feed lines; {@code withSecondProgram("zenith")} adds a second brand that about a third of the same
 * people also shop at (same person ids, their own CRM accounts).
 *
 * <h3>Where each event goes</h3>
 * <table>
 * <caption>Sources</caption>
 * <tr><th>source</th><th>what</th><th>identifiers</th></tr>
 * <tr><td>{@code customers} (CDC)</td><td>CRM accounts of members and of shop customers who never join; later
 * UPDATEs: late enrollment (loyalty_enrolled false&rarr;true), new email, card added, phone re-typed, consents,
 * surname; saves that change no mapped column; staff test accounts ({@code test@test.com}) inserted and deleted;
 * {@code referred_by} = the referrer's crm_id</td><td>crm_id, email, phone, card_number as typed</td></tr>
 * <tr><td>{@code orders} (CDC)</td><td>web-shop orders: INSERT as PLACED then UPDATE to (PAID and) COMPLETED with
 * completed_at; some CANCELLED, some still open at the end, a few inserted as COMPLETED</td><td>logged in: crm_id
 * and the account's email (sometimes a phone); guest: an email (sometimes a phone)</td></tr>
 * <tr><td>{@code returns} (CDC)</td><td>returns of web and app orders: linked (order_id, refund &le; order) or
 * without receipt (order_id null)</td><td>as the order, or the login/email</td></tr>
 * <tr><td>{@code loyalty_rule_sets} (CDC)</td><td>version 1 (the SPEC §9 defaults, published the day before the
 * period, effective at its start) and version 2 (two campaigns, published halfway, effective a week later); the
 * body is {@code /loyalty/generator/rules/default-rule-set.json}</td><td>none</td></tr>
 * <tr><td>{@code pos.jsonl}</td><td>store sales ({@code order.completed}, channel store) and store returns
 * ({@code order.returned}); some tills write local offsets instead of Z</td><td>card and/or phone, sometimes an
 * e-receipt email, the store's shared address, {@code noemail@…} or a repeated-digit phone</td></tr>
 * <tr><td>{@code web.jsonl}</td><td>reviews, social shares, surveys ({@code engagement.recorded})</td><td>login
 * (crm_id + email) or a guest email</td></tr>
 * <tr><td>{@code app.jsonl}</td><td>app orders, app reviews and shares, {@code redemption.requested} (some over the
 * balance, some by non-members, a few sent twice with the same redemption_id) and
 * {@code redemption.cancelled}</td><td>device_id with crm_id or email; sometimes the device alone</td></tr>
 * </table>
 *
 * <p>The CDC mapping the counts follow ({@link loyalty.generator.operational.CdcMapping}): customers INSERT
 * enrolled &rarr; {@code member.enrolled}, not enrolled &rarr; {@code profile.updated}; UPDATE flipping
 * loyalty_enrolled false&rarr;true &rarr; {@code member.enrolled}; any other UPDATE changing email, phone,
 * card_number, names, birth_date, country or consents &rarr; {@code profile.updated}; other UPDATEs and DELETEs
 * &rarr; nothing. orders: one {@code order.completed} when a row reaches COMPLETED. returns INSERT &rarr;
 * {@code order.returned}. loyalty_rule_sets INSERT &rarr; {@code rules.published}. No row ever leaves COMPLETED or
 * un-enrolls, so {@code count(*) WHERE status = 'COMPLETED'} and {@code WHERE loyalty_enrolled} equal the expected
 * event counts.
 *
 * <h3>Identifiers and ids</h3>
 * Person ids {@code P-000001}; crm_ids {@code 1000001…}, order ids {@code S…} (store), {@code W…} (web),
 * {@code A…} (app), return ids {@code R…}, redemption ids {@code RD…}, all given in time order and unique across
 * programs; feed event ids {@code pos-000123} in file order. Phones come from ranges reserved for fiction (US 555,
 * Ofcom drama numbers, ARCEP fiction blocks; German numbers are random) and are valid for libphonenumber in every
 * format written; emails use the reserved {@code example.*} domains, plus gmail for the dot/+tag rules.
 *
 * <h3>The identity mess (each case is planted in every data set; see the manifest's {@code scenarios})</h3>
 * Email case, blanks, gmail dots, +tags and googlemail.com; phones in local and international formats
 * ("(415) 555-0100", "+1 415-555-0100", "4155550100", "020 7946 0123", "+33 1 99 00 12 34"); cards with spaces or
 * dashes; card-only store sales, some before the card was registered; guest web orders; app devices, a second
 * device after a phone change, device-only events; duplicate enrollment (two enrolled CRM rows, two emails, one
 * phone); the shared store e-receipt address and {@code noemail@…} fillers used by many; households sharing a
 * phone; one person's three accounts (CRM login, guest email + phone, anonymous card) that only connect through
 * a chain: an app order links the login to the guest email, a till sale links the card to the phone. Also
 * planted: review enthusiasts beyond the monthly cap, a super referrer beyond the yearly referral cap, a 29
 * February birthday.
 *
 * <h3>Feed faults</h3>
 * About 0.5% of lines per feed are malformed copies of a real event with their own event id, placed right after
 * it, each with exactly one fault and so one expected reason: truncated JSON ({@code invalid_json}), a required
 * field removed ({@code missing_field}), an amount as a number, points as a string or a time as epoch millis
 * ({@code wrong_type}), a negative amount, zero points or 30 February ({@code invalid_value}), a misspelt type
 * ({@code unknown_type}), no or blank identifiers ({@code no_identifier}); every kind at least once per feed.
 * About 1% of valid lines are redelivered byte for byte up to 200 lines later. Every real event is delivered.
 *
 * <h3>Ground truth (never read by the pipeline)</h3>
 * {@code ground-truth.jsonl}: one record per operational row ({@code source: cdc}, {@code key: table:pk},
 * {@code person}, {@code events}: the CDC events the row's changes must produce) and per distinct feed event id
 * ({@code key: event_id}, {@code person}, {@code type}, {@code line}, {@code expect}: {@code valid} or the reason
 * code, {@code fault}, {@code copies}). {@code manifest.json}: per source (cdc, pos, web, app) the distinct valid
 * events, duplicates, invalid lines by reason and events per type (CDC also rows per table and statements);
 * totals per type; the population; the scenarios with the people who carry them.
 *
 * <h3>Scale</h3>
 * Work is linear in the number of people: 2,000 customers generate in about a second once the JVM is warm;
 * 100,000 in well under a minute with about 2 GB of heap. Files are streamed; the operational writer batches and
 * commits every {@value loyalty.generator.operational.OperationalWriter#COMMIT_EVERY} changes.
 */
package loyalty.generator;
