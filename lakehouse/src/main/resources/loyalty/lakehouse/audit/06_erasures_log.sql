-- audit.erasures_log: completed erasure requests (right to be forgotten), who asked, when and why; one row per
-- audit.erasures row.
--
-- requires: iceberg.audit.erasures
-- who: requested_by; the member only by pseudonym, the member_id its rows now carry.
-- when: requested_at, and completed_at once the erased rows were physically gone.
-- why: reason, scrubbed of the erased identifiers.
-- what: members_erased (the member and profiles merged into it), files_rewritten, snapshots_expired.
SELECT program,
       erasure_id,
       pseudonym,
       requested_by,
       requested_at,
       completed_at,
       reason,
       members_erased,
       files_rewritten,
       snapshots_expired
FROM iceberg.audit.erasures
