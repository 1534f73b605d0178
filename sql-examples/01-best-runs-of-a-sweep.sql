-- The 10 best finished runs of sweep r8x2k5qz by validation loss, with their hyperparameters.
-- Diverged runs (loss NaN or infinite) are left out by the range; everything in the WHERE,
-- the ORDER BY and the LIMIT is sent to W&B, so this reads about 11 runs, not the sweep.
SELECT run_id, display_name, "summary.val/loss", "config.lr", "config.batch_size",
       "config.optimizer", "config.model.arch"
FROM runs
WHERE sweep_id = 'r8x2k5qz' AND state = 'finished'
  AND "summary.val/loss" BETWEEN 0 AND 1e300
ORDER BY "summary.val/loss"
LIMIT 10
