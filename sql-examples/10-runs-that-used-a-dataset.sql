-- Which runs trained on dataset version cifar10:v3, and how did they do? Read from the
-- artifact's own list of users, not by asking every run what it used.
SELECT r.run_id, r.display_name, r.state, r."summary.val/acc", r.created_at
FROM artifacts a
JOIN lineage l ON l.artifact_id = a.artifact_id AND l.direction = 'input'
JOIN runs r ON r.run_id = l.run_id
WHERE a.collection = 'cifar10' AND a.version = 'v3'
ORDER BY r."summary.val/acc" DESC NULLS LAST, r.run_id
LIMIT 25
