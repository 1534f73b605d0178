-- Learning curves of the 5 best finished runs: their training and validation loss at every
-- logged step. The top 5 are found first (pushed to W&B), then only their history is read,
-- and only the two keys used.
WITH top5 AS (
  SELECT run_id, display_name, "summary.val/loss" AS final_val_loss
  FROM runs
  WHERE state = 'finished' AND "summary.val/loss" BETWEEN 0 AND 1e300
  ORDER BY "summary.val/loss"
  LIMIT 5
)
SELECT t.display_name, h.step, h."loss", h."val/loss"
FROM top5 t
JOIN history h ON h.run_id = t.run_id
ORDER BY t.final_val_loss, h.step
