/**
 * SPEC §3 normalisation of identifiers and the blocklist (§13.5, §13.6), as plain Java with no Flink types, so identity
 * resolution, a batch replay and a rule simulation all normalise the same way.
 *
 * <p>Entry point: {@link loyalty.identity.normalize.IdentifierNormalizer#normalize} (raw
 * {@code loyalty.contract.event.Identifiers}, a {@link loyalty.identity.normalize.RegionChain} and a
 * {@link loyalty.identity.normalize.Blocklist} in; {@link loyalty.identity.normalize.NormalizedIdentifiers} out) and
 * {@link loyalty.identity.normalize.IdentifierNormalizer#deadLetterReason}. Each rule also stands alone:
 * {@link loyalty.identity.normalize.EmailNormalizer}, {@link loyalty.identity.normalize.PhoneNormalizer},
 * {@link loyalty.identity.normalize.CardNormalizer}, {@link loyalty.identity.normalize.CrmIdNormalizer}.
 *
 * <p>Choices made where the SPEC is silent (a wrong match merges two people, so doubtful values are ignored, and
 * counted, rather than guessed at):
 * <ul>
 *   <li>A blank raw value is absent, not invalid: it is neither kept nor listed as rejected (the contract's
 *       validation already treats it so for {@code no_identifier}).</li>
 *   <li>Email: printable ASCII only (internationalised addresses are rejected); RFC 5322 dot-atom local part of at most
 *       64 characters; DNS-label domain with an alphabetic or {@code xn--} TLD; at most 254 characters. Quoted local
 *       parts, IP-literal domains, {@code mailto:} and {@code <...>} wrappers are malformed. A gmail address whose
 *       mailbox is empty after dropping the {@code +tag} and dots is malformed. The {@code +tag} rule is gmail's only.
 *       </li>
 *   <li>Phone: the region chain picks the first region libphonenumber supports and does not try the others; the
 *       number must be libphonenumber-<em>valid</em> (not just possible); an extension is dropped.</li>
 *   <li>Repeated digits: a phone is blocked when its digits as typed (at least 4) are one digit, which also catches
 *       fillers that are not valid numbers ("0000000000"), or when the national number of its E.164 form is.
 *       The rule can be switched off with {@code repeated_digit_phones: false}.</li>
 *   <li>Card: any Unicode blank or dash is dropped (no-break spaces, en dashes); control and format characters make
 *       a card invalid. crm_id: only trimmed, case kept. device_id: trimmed.</li>
 *   <li>Blocklist globs are written in normalised form; email globs are lower-cased and card globs go through the card
 *       rule ({@code 6047 0000-*} is {@code 60470000*}), phone and crm_id globs are matched as written. Only {@code *} is special. There is a
 *       {@code crm_ids} list next to {@code emails}, {@code phones} and {@code cards}.</li>
 *   <li>An event whose strong identifiers were all ignored but which has a device id goes on as a device-only event
 *       (SPEC §13.5 dead-letters only "no device").</li>
 * </ul>
 */
package loyalty.identity.normalize;
