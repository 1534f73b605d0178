-- GPU use of the 5 longest-running runs (most logged steps): average and peak GPU memory
-- allocated and GPU utilisation, from their system metrics.
WITH longest AS (
  SELECT run_id, display_name, history_line_count
  FROM runs
  WHERE state IN ('finished', 'crashed', 'killed')
  ORDER BY history_line_count DESC, run_id
  LIMIT 5
)
SELECT l.display_name, l.history_line_count, COUNT(*) AS samples,
       AVG(s."system.gpu.0.memoryAllocated") AS avg_gpu_mem_pct,
       MAX(s."system.gpu.0.memoryAllocated") AS peak_gpu_mem_pct,
       AVG(s."system.gpu.0.gpu") AS avg_gpu_util_pct
FROM longest l
JOIN system_metrics s ON s.run_id = l.run_id
GROUP BY l.display_name, l.history_line_count
ORDER BY l.history_line_count DESC
