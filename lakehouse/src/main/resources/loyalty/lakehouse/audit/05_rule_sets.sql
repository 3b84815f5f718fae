-- audit.rule_sets: every rule set publication, who published it, when, and what it changed; one row per
-- rules.published event the ledger job saw.
--
-- requires: iceberg.audit.rule_set_publications
-- who: published_by, the payload's operator when it names one, else the event's source.
-- when: published_at, the event time; effective_from, when the rules apply from (SPEC §13.18).
-- why: status ACCEPTED or REJECTED; errors, every reason a rejected rule set failed validation (SPEC §9).
-- what: diff, an RFC 6902 JSON Patch from previous_version (the program's previously accepted rule set, defaults
--   filled in) to this one; for a program's first rule set every key is an "add". changes counts its operations.
SELECT program,
       version,
       status,
       published_at,
       published_by,
       effective_from,
       event_id,
       previous_version,
       CAST(json_array_length(json_parse(diff)) AS bigint) AS changes,
       diff,
       errors
FROM iceberg.audit.rule_set_publications
