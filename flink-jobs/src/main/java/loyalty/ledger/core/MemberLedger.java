package loyalty.ledger.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import loyalty.contract.event.Event;
import loyalty.contract.event.EventType;
import loyalty.ledger.rules.RuleSet;

/**
 * One member's points ledger (SPEC §4–8, §13): a pure function of its state and the next event or due time. The
 * caller gives events in SPEC §1 order, {@code (occurred_at, event_id)}; {@link #apply} first applies every effect
 * due up to the event's time (availability with debt settlement, expiry, tier review, birthday, and the time-driven
 * nudge triggers — SPEC §13.1), then the event.
 * {@link #advanceTo} applies due effects alone (the Flink job calls it from timers).
 *
 * <p>Mutable on purpose: the Flink operator keeps one per member in keyed state and changes it in place.
 */
public final class MemberLedger {
    static final Duration DAY = Duration.ofDays(1);

    @JsonProperty("program") public String program;
    @JsonProperty("member_id") public String memberId;
    @JsonProperty("enrolled_at") public Instant enrolledAt;
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("lots") public Map<String, Lot> lots = new TreeMap<>();
    @JsonProperty("debt") public long debt;
    @JsonProperty("lifetime_earned") public long lifetimeEarned;
    @JsonProperty("redeemed") public long redeemed;
    @JsonProperty("expired") public long expired;
    @JsonProperty("tier") public String tier;
    @JsonProperty("tier_achieved_at") public Instant tierAchievedAt;
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("orders") public Map<String, OrderRecord> orders = new TreeMap<>();
    @JsonDeserialize(as = LinkedHashSet.class)
    @JsonProperty("return_ids") public Set<String> returnIds = new LinkedHashSet<>();
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("unlinked_refunds") public Map<Instant, BigDecimal> unlinkedRefunds = new TreeMap<>();
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("engagements") public Map<String, List<Instant>> engagements = new TreeMap<>();
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("order_points_by_day") public Map<String, Long> orderPointsByDay = new TreeMap<>();
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("redemptions") public Map<String, RedemptionRecord> redemptions = new TreeMap<>();
    @JsonProperty("clock") public Instant clock;
    /**
     * The {@code as_of} of the last balance published: balances never go back in time, also when a late event
     * arrives after a merge moved this member on (served copies keep the newest {@code as_of}).
     */
    @JsonProperty("published_as_of") public Instant publishedAsOf;
    @JsonProperty("birth_date") public java.time.LocalDate birthDate;
    /** For campaign conditions ({@code member.country}), from enrolment and profile updates. */
    @JsonProperty("country") public String country;
    /** Birthdays are considered only after this instant: a changed birth date does not pay one already passed. */
    @JsonProperty("birthday_checked_up_to") public Instant birthdayCheckedUpTo;
    @JsonProperty("birthday_years") public Set<Integer> birthdayYears = new java.util.TreeSet<>();
    /** The referral to pay at the first order after enrolment (SPEC §13.11), as the referrer's raw identifiers. */
    @JsonProperty("referred_by") public JsonNode referredBy;
    @JsonProperty("referral_settled") public boolean referralSettled;
    @JsonDeserialize(as = TreeMap.class)
    @JsonProperty("referral_bonus_years") public Map<Integer, Integer> referralBonusYears = new TreeMap<>();
    /** Expiry reminders and lapses (SPEC §10) have been considered up to this instant; see {@link NudgeDues}. */
    @JsonProperty("nudges_checked_up_to") public Instant nudgesCheckedUpTo;

    public MemberLedger() {
    }

    public MemberLedger(String program, String memberId) {
        this.program = program;
        this.memberId = memberId;
    }

    // ---------------------------------------------------------------- events

    /** Applies the effects due up to the event's time, then the event. */
    public LedgerStep apply(Event event, LedgerRules rules) {
        Instant t = event.occurredAt();
        LedgerStep step = advanceTo(t, rules);
        RuleSet rs = rules.at(t);
        JsonNode p = event.payload();
        switch (event.eventType()) {
            case MEMBER_ENROLLED -> enroll(event, rs, step);
            case ORDER_COMPLETED -> order(event, rs, rules, step);
            case ORDER_RETURNED -> orderReturned(event, rs, step);
            case ENGAGEMENT_RECORDED -> engagement(event, rs, step);
            case REDEMPTION_REQUESTED -> Redemptions.request(this, event, rs.version(), step);
            case REDEMPTION_CANCELLED -> Redemptions.cancel(this, event, rs.version(), step);
            case POINTS_ADJUSTED -> adjust(event, p.path("points").asLong(), rs, step);
            case PROFILE_UPDATED -> birthDate(p, t);
            default -> {
                // profile updates, scores and rule sets change no points
            }
        }
        clock = max(clock, t);
        return step;
    }

    private void enroll(Event e, RuleSet rs, LedgerStep step) {
        Instant t = e.occurredAt();
        if (enrolledAt != null) {
            step.note("already enrolled since " + enrolledAt);
            return;
        }
        enrolledAt = t;
        birthDate(e.payload(), t);
        if (e.payload().hasNonNull("referred_by")) {
            referredBy = e.payload().get("referred_by");
        }
        long welcome = rs.bonuses().welcome();
        if (welcome > 0) {
            Lot lot = newLot(e.eventId() + ":welcome", EntryType.BONUS, welcome, t, t, rs, e.eventId());
            step.add(entry(e.eventId() + ":BONUS:welcome", EntryType.BONUS, welcome, lot, t, e.eventId(),
                    rs.version(), List.of(), "welcome"));
            lifetimeEarned += welcome;
            settleDebt(lot);
        }
        setTier(rs.tierFor(qualifyingSpend(t, rs)).name(), t, "enrollment", e.eventId(), rs, step);
    }

    private void order(Event e, RuleSet rs, LedgerRules rules, LedgerStep step) {
        Instant t = e.occurredAt();
        JsonNode p = e.payload();
        String orderId = p.path("order_id").asText();
        if (orders.containsKey(orderId)) {
            step.refuse("duplicate_order_id");
            return;
        }
        OrderRecord order = new OrderRecord(orderId, e.eventId(), t, new BigDecimal(p.path("net_amount").asText()));
        orders.put(orderId, order);
        if (enrolledAt == null) {
            step.note("order before enrolment: counts as purchase history, earns nothing");
            return;
        }
        Earning.Points earned = Earning.points(this, order, p, rs, rules, t);
        String day = t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        long usedToday = orderPointsByDay.getOrDefault(day, 0L);
        long points = Math.min(earned.total(), rs.caps().pointsPerOrder());
        List<String> cuts = new ArrayList<>();
        if (points < earned.total()) {
            cuts.add("order cap " + rs.caps().pointsPerOrder() + " cut " + (earned.total() - points));
        }
        long allowed = Math.max(0, rs.caps().orderPointsPerDay() - usedToday);
        if (points > allowed) {
            cuts.add("daily cap " + rs.caps().orderPointsPerDay() + " cut " + (points - allowed));
            points = allowed;
        }
        orderPointsByDay.put(day, usedToday + points);
        pruneDays(t);
        order.points = points;
        if (points > 0) {
            Instant availableAt = t.plus(Duration.ofDays(rs.pendingDays()));
            Lot lot = newLot(e.eventId(), EntryType.EARN, points, t, availableAt, rs, e.eventId());
            order.lotId = lot.lotId;
            step.add(entry(e.eventId() + ":EARN", EntryType.EARN, points, lot, t, e.eventId(), rs.version(),
                    earned.campaignIds(), cuts.isEmpty() ? null : String.join("; ", cuts)));
            lifetimeEarned += points;
        }
        Tiers.afterOrder(this, t, e.eventId(), rs, step);
        if (referredBy != null && !referralSettled) {
            referralSettled = true;
            step.owe(new ReferralDue(memberId, referredBy, t, e.eventId()));
        }
    }

    private void orderReturned(Event e, RuleSet rs, LedgerStep step) {
        Instant t = e.occurredAt();
        JsonNode p = e.payload();
        String returnId = p.path("return_id").asText();
        if (!returnIds.add(returnId)) {
            step.refuse("duplicate_return_id");
            return;
        }
        BigDecimal refund = new BigDecimal(p.path("refund_amount").asText());
        OrderRecord order = p.hasNonNull("order_id") ? orders.get(p.path("order_id").asText()) : null;
        if (order == null) {
            unlinkedRefunds.merge(t, refund, BigDecimal::add);
            if (enrolledAt != null) {
                long points = refund.multiply(rs.baseRate()).setScale(0, RoundingMode.FLOOR).longValueExact();
                Clawbacks.take(this, points, null, t, e.eventId(), rs.version(), "unlinked return", step);
            }
            return;
        }
        BigDecimal refundable = order.netAmount.subtract(order.refunded);
        BigDecimal applied = refund.min(refundable).max(BigDecimal.ZERO);
        if (refund.compareTo(applied) > 0) {
            step.note("refund " + refund + " exceeds the unrefunded " + refundable + "; excess ignored");
        }
        order.refunded = order.refunded.add(applied);
        long target = BigDecimal.valueOf(order.points).multiply(order.refunded)
                .divide(order.netAmount, 0, RoundingMode.FLOOR).longValueExact();
        long clawback = target - order.clawedBack;
        if (clawback > 0 && enrolledAt != null) {
            order.clawedBack += clawback;
            Clawbacks.take(this, clawback, lots.get(order.lotId), t, e.eventId(), rs.version(),
                    "return of " + order.orderId, step);
        }
        if (enrolledAt != null) {
            Tiers.afterReturn(this, order, t, e.eventId(), rs, step);
        }
    }

    /** SPEC §13.12: a changed birth date reschedules; a birthday that already passed is not paid this year. */
    private void birthDate(JsonNode payload, Instant t) {
        if (payload.hasNonNull("country")) {
            country = payload.get("country").asText().toUpperCase(java.util.Locale.ROOT);
        }
        String text = payload.path("birth_date").asText(null);
        if (text == null) {
            return;
        }
        try {
            java.time.LocalDate date = java.time.LocalDate.parse(text);
            if (!date.equals(birthDate)) {
                birthDate = date;
                birthdayCheckedUpTo = max(birthdayCheckedUpTo, t);
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // the contract's schema checks the format; an unreadable date keeps the one known
        }
    }

    private void engagement(Event e, RuleSet rs, LedgerStep step) {
        if (enrolledAt == null) {
            step.note("engagement before enrolment earns nothing");
            return;
        }
        String kind = e.payload().path("kind").asText();
        RuleSet.Engagement bonus = rs.bonuses().engagement() == null ? null : rs.bonuses().engagement().get(kind);
        if (bonus == null || bonus.points() <= 0) {
            step.note("no bonus for engagement " + kind);
            return;
        }
        Instant t = e.occurredAt();
        List<Instant> seen = engagements.computeIfAbsent(kind, k -> new ArrayList<>());
        long inWindow = seen.stream().filter(s -> Engagements.sameWindow(bonus.per(), s, t)).count();
        if (inWindow >= bonus.max()) {
            step.note("engagement " + kind + " over its cap of " + bonus.max() + " per " + bonus.per());
            return;
        }
        seen.add(t);
        seen.removeIf(s -> s.isBefore(t.minus(Duration.ofDays(32))));
        Lot lot = newLot(e.eventId(), EntryType.BONUS, bonus.points(), t, t, rs, e.eventId());
        step.add(entry(e.eventId() + ":BONUS", EntryType.BONUS, bonus.points(), lot, t, e.eventId(), rs.version(),
                List.of(), kind));
        lifetimeEarned += bonus.points();
        settleDebt(lot);
    }

    /** SPEC §13.10: a positive adjustment is a lot available at once; a negative one follows the clawback order. */
    private void adjust(Event e, long points, RuleSet rs, LedgerStep step) {
        Instant t = e.occurredAt();
        String note = e.payload().path("reason").asText("") + " by " + e.payload().path("operator").asText("?");
        if (points > 0) {
            Lot lot = newLot(e.eventId(), EntryType.ADJUST, points, t, t, rs, e.eventId());
            step.add(entry(e.eventId() + ":ADJUST", EntryType.ADJUST, points, lot, t, e.eventId(), rs.version(),
                    List.of(), note));
            lifetimeEarned += points;
            settleDebt(lot);
        } else if (points < 0) {
            Clawbacks.take(this, -points, null, t, e.eventId(), rs.version(), note, step, EntryType.ADJUST);
        }
    }

    // ---------------------------------------------------------------- time

    /** Applies every effect due at or before {@code t}, in SPEC §13.1 order. */
    public LedgerStep advanceTo(Instant t, LedgerRules rules) {
        LedgerStep step = new LedgerStep();
        Optional<Instant> due = nextDue(rules);
        while (due.isPresent() && !due.get().isAfter(t)) {
            Instant at = due.get();
            for (Lot lot : lots.values()) {
                if (!lot.released && !lot.availableAt.isAfter(at)) {
                    lot.released = true;
                    if (!lot.expired) {
                        settleDebt(lot);
                    }
                }
            }
            for (Lot lot : lots.values()) {
                if (!lot.expired && !lot.expiresAt.isAfter(at)) {
                    expire(lot, at, lot.lotId + ":EXPIRE", lot.lotId, rules.at(at).version(), step);
                }
            }
            Instant review = reviewDue(rules);
            if (review != null && !review.isAfter(at)) {
                Tiers.review(this, review, rules.at(review), step);
            }
            Instant birthday = Birthdays.next(this, birthdayCheckedUpTo);
            if (birthday != null && !birthday.isAfter(at)) {
                Birthdays.pay(this, birthday, rules.at(birthday), step);
            }
            Instant nudge = NudgeDues.next(this, rules);
            if (nudge != null && !nudge.isAfter(at)) {
                NudgeDues.fire(this, at, rules, step);
            }
            clock = max(clock, at);
            due = nextDue(rules);
        }
        // what becomes due later is considered then; what was due before now has had its chance
        nudgesCheckedUpTo = max(NudgeDues.checkedUpTo(this), t);
        return step;
    }

    /**
     * The next time something is due: a lot's availability or expiry, the tier review, a birthday, an expiry
     * reminder or a lapse (the last two change no points; they are nudge triggers).
     */
    public Optional<Instant> nextDue(LedgerRules rules) {
        Instant next = null;
        for (Lot lot : lots.values()) {
            if (!lot.released) {
                next = min(next, lot.availableAt);
            }
            if (!lot.expired) {
                next = min(next, lot.expiresAt);
            }
        }
        next = min(next, reviewDue(rules));
        next = min(next, Birthdays.next(this, birthdayCheckedUpTo));
        next = min(next, NudgeDues.next(this, rules));
        return Optional.ofNullable(next);
    }

    private Instant reviewDue(LedgerRules rules) {
        if (tierAchievedAt == null) {
            return null;
        }
        return tierAchievedAt.plus(Duration.ofDays(rules.at(tierAchievedAt).tierWindowDays()));
    }

    // ---------------------------------------------------------------- balances

    @JsonIgnore
    public Balance balance(Instant asOf) {
        long lotsAvailable = 0;
        long pending = 0;
        for (Lot lot : lots.values()) {
            if (lot.availableAt(asOf)) {
                lotsAvailable += lot.remaining;
            } else if (lot.pendingAt(asOf)) {
                pending += lot.remaining;
            }
        }
        return new Balance(program, memberId, lotsAvailable - debt, pending, debt, lifetimeEarned, redeemed, expired,
                tier, tierAchievedAt, asOf);
    }

    /** SPEC §8 qualifying spend at {@code t}: orders in {@code (t − window, t]} net of their refunds, less unlinked
     * refunds in the window. */
    public BigDecimal qualifyingSpend(Instant t, RuleSet rs) {
        Instant from = t.minus(Duration.ofDays(rs.tierWindowDays()));
        BigDecimal qs = BigDecimal.ZERO;
        for (OrderRecord o : orders.values()) {
            if (o.occurredAt.isAfter(from) && !o.occurredAt.isAfter(t)) {
                qs = qs.add(o.netAmount).subtract(o.refunded);
            }
        }
        for (Map.Entry<Instant, BigDecimal> r : unlinkedRefunds.entrySet()) {
            if (r.getKey().isAfter(from) && !r.getKey().isAfter(t)) {
                qs = qs.subtract(r.getValue());
            }
        }
        return qs;
    }

    // ---------------------------------------------------------------- shared steps

    Lot newLot(String lotId, EntryType type, long points, Instant occurredAt, Instant availableAt, RuleSet rs,
               String sourceEventId) {
        Lot lot = new Lot(lotId, type, points, occurredAt, availableAt,
                availableAt.plus(Duration.ofDays(rs.expiryDays())), sourceEventId);
        lot.released = !availableAt.isAfter(occurredAt);
        lots.put(lotId, lot);
        return lot;
    }

    /** SPEC §13.8: debt is paid from points as they become available, without a ledger entry. */
    void settleDebt(Lot lot) {
        long paid = Math.min(debt, lot.remaining);
        if (paid > 0) {
            lot.remaining -= paid;
            debt -= paid;
        }
    }

    void expire(Lot lot, Instant at, String entryId, String source, String ruleVersion, LedgerStep step) {
        lot.expired = true;
        if (lot.remaining > 0) {
            step.add(entry(entryId, EntryType.EXPIRE, -lot.remaining, lot, at, source, ruleVersion, List.of(), null));
            expired += lot.remaining;
            lot.remaining = 0;
        }
    }

    long available(Instant t) {
        return balance(t).available();
    }

    LedgerEntry entry(String entryId, EntryType type, long points, Lot lot, Instant at, String source,
                      String ruleVersion, List<String> campaigns, String note) {
        return new LedgerEntry(entryId, program, memberId, type, points, lot == null ? null : lot.lotId, at,
                lot == null ? null : lot.availableAt, lot == null ? null : lot.expiresAt, source, ruleVersion,
                campaigns, note);
    }

    void setTier(String newTier, Instant at, String cause, String source, RuleSet rs, LedgerStep step) {
        step.add(new TierChange(program, memberId, tier, newTier, at, cause, source, qualifyingSpend(at, rs)));
        tier = newTier;
        tierAchievedAt = at;
    }

    private void pruneDays(Instant t) {
        String cutoff = t.minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        orderPointsByDay.keySet().removeIf(day -> day.compareTo(cutoff) < 0);
    }

    static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    static Instant min(Instant a, Instant b) {
        return b == null ? a : a == null || b.isBefore(a) ? b : a;
    }

    /** For tests and explanations: the lots as they stand. */
    @JsonIgnore
    public Map<String, Lot> lotsView() {
        return new HashMap<>(lots);
    }

    static boolean isType(Event e, EventType t) {
        return e.eventType() == t;
    }
}
