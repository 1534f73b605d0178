-- Which hyperparameters differ between the 20 best and the 20 worst finished runs of the
-- sweep? One row per config key: its average (or most common value) among the best and the worst.
WITH ranked AS (
  SELECT run_id, "config.lr" AS lr, "config.batch_size" AS batch_size,
         "config.weight_decay" AS weight_decay, "config.model.depth" AS depth,
         "config.optimizer" AS optimizer,
         ROW_NUMBER() OVER (ORDER BY "summary.val/loss") AS best_rank,
         ROW_NUMBER() OVER (ORDER BY "summary.val/loss" DESC) AS worst_rank
  FROM runs
  WHERE sweep_id = 'r8x2k5qz' AND state = 'finished'
    AND "summary.val/loss" BETWEEN 0 AND 1e300
)
SELECT CAST(CASE WHEN best_rank <= 20 THEN 'best 20' ELSE 'worst 20' END AS VARCHAR) AS runs,
       AVG(lr) AS avg_lr, AVG(batch_size) AS avg_batch_size,
       AVG(weight_decay) AS avg_weight_decay, AVG(depth) AS avg_depth,
       SUM(CASE WHEN optimizer = 'adam' THEN 1 ELSE 0 END) AS adam,
       SUM(CASE WHEN optimizer = 'adamw' THEN 1 ELSE 0 END) AS adamw,
       SUM(CASE WHEN optimizer = 'sgd' THEN 1 ELSE 0 END) AS sgd
FROM ranked
WHERE best_rank <= 20 OR worst_rank <= 20
GROUP BY CASE WHEN best_rank <= 20 THEN 'best 20' ELSE 'worst 20' END
ORDER BY runs
