-- Used only when run.sh cannot read SegmentRepository.UPDATE: the service's PATCH statement as last
-- checked, for a body with name and constraints (description and If-Match absent, so NULL).
-- :N is replaced by the variable of the random row number.
UPDATE segments SET name = COALESCE(:name, name), description = COALESCE(NULL, description),
  constraints = COALESCE(:constraints::jsonb, constraints), version = version + 1,
  updated_at = greatest(now(), updated_at + interval '1 millisecond')
WHERE app_id = :app AND id = ('seg_b' || :tag || lpad(:N::text, 8, '0'))
  AND (NULL::int8[] IS NULL OR version = ANY(NULL::int8[]))
RETURNING id, name, description, constraints::text, version, created_at, updated_at
