-- Every sweep with its search method, state and number of runs, and its best finished run
-- by validation loss.
WITH best AS (
  SELECT sweep_id, run_id, "summary.val/loss" AS val_loss,
         ROW_NUMBER() OVER (PARTITION BY sweep_id ORDER BY "summary.val/loss", run_id) AS rn
  FROM runs
  WHERE sweep_id IS NOT NULL AND state = 'finished'
    AND "summary.val/loss" BETWEEN 0 AND 1e300
)
SELECT s.sweep_id, s.display_name, s.sweep_method, s.state, s.run_count,
       b.run_id AS best_run, b.val_loss AS best_val_loss
FROM sweeps s
LEFT JOIN best b ON b.sweep_id = s.sweep_id AND b.rn = 1
ORDER BY s.created_at
