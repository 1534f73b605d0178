-- How many runs carry each tag, in which states, and their average validation accuracy.
SELECT t.tag, COUNT(*) AS runs,
       SUM(CASE WHEN r.state = 'finished' THEN 1 ELSE 0 END) AS finished,
       SUM(CASE WHEN r.state IN ('crashed', 'failed') THEN 1 ELSE 0 END) AS crashed_or_failed,
       AVG(r."summary.val/acc") AS avg_val_acc
FROM runs r
CROSS JOIN UNNEST(r.tags) AS t(tag)
GROUP BY t.tag
ORDER BY runs DESC, t.tag
