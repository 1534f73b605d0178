-- Runs that crashed or failed in the last 7 days, newest first, with the host they ran on and
-- who started them: the morning check of a shared GPU cluster.
SELECT run_id, display_name, state, host, username, created_at, heartbeat_at
FROM runs
WHERE state IN ('crashed', 'failed')
  AND created_at > CURRENT_TIMESTAMP - INTERVAL '7' DAY
ORDER BY created_at DESC, run_id
