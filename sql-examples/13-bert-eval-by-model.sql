-- In the second project, bert-finetune: evaluation F1 per base model and task, over the
-- runs that reached evaluation. Config values W&B stores wrapped ({"value": …}) are plain columns.
SELECT "config.model_name" AS model, "config.task" AS task, COUNT(*) AS runs,
       AVG("summary.eval/f1") AS avg_f1, MAX("summary.eval/f1") AS best_f1
FROM "bert-finetune".runs
WHERE "summary.eval/f1" IS NOT NULL
GROUP BY "config.model_name", "config.task"
ORDER BY avg_f1 DESC
