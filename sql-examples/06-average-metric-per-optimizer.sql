-- Average and best validation accuracy per optimizer over the finished runs, with how many
-- runs each has.
SELECT "config.optimizer" AS optimizer, COUNT(*) AS runs,
       AVG("summary.val/acc") AS avg_val_acc, MAX("summary.val/acc") AS best_val_acc
FROM runs
WHERE state = 'finished'
GROUP BY "config.optimizer"
ORDER BY avg_val_acc DESC
