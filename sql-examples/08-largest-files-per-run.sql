-- The largest file of each of the 20 most recent finished runs: what is eating the storage?
WITH recent AS (
  SELECT run_id, display_name, created_at
  FROM runs
  WHERE state = 'finished'
  ORDER BY created_at DESC, run_id
  LIMIT 20
), ranked AS (
  SELECT r.display_name, r.created_at, f.name, f.size_bytes, f.mimetype,
         ROW_NUMBER() OVER (PARTITION BY f.run_id ORDER BY f.size_bytes DESC, f.name) AS rn
  FROM recent r
  JOIN files f ON f.run_id = r.run_id
)
SELECT display_name, name, size_bytes / 1048576.0 AS size_mib, mimetype
FROM ranked
WHERE rn = 1
ORDER BY size_bytes DESC
