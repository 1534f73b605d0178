-- Every crashed run with batch size 256, at the step where its validation loss was lowest:
-- did it crash before or after its best point? History is read for those runs only.
WITH curves AS (
  SELECT h.run_id, h.step, h."val/loss",
         ROW_NUMBER() OVER (PARTITION BY h.run_id ORDER BY h."val/loss", h.step) AS rn
  FROM runs r
  JOIN history h ON h.run_id = r.run_id
  WHERE r.state = 'crashed' AND r."config.batch_size" = 256
    AND h."val/loss" IS NOT NULL
)
SELECT r.run_id, r.display_name, c.step AS best_step, c."val/loss" AS best_val_loss,
       r.history_line_count AS logged_rows, r."config.lr"
FROM curves c
JOIN runs r ON r.run_id = c.run_id
WHERE c.rn = 1
ORDER BY best_val_loss
