package loyalty.ledger.core;

/** SPEC §11 ledger entry types. */
public enum EntryType {
    EARN, BONUS, ADJUST, REDEEM, REDEEM_REVERSAL, CLAWBACK, EXPIRE, TRANSFER_IN, TRANSFER_OUT
}
