-- Where does the model checkpoint resnet-ckpt come from? For each of its versions that was
-- trained on a logged dataset: the run that logged it, that run's learning rate and final loss,
-- and the dataset versions it used. Lineage is read from the checkpoint's versions outwards.
SELECT m.version AS model_version, m.aliases, m.state, producer.run_id AS logged_by,
       producer."config.lr", producer."summary.val/loss",
       d.collection || ':' || d.version AS dataset_used
FROM artifacts m
JOIN lineage made ON made.artifact_id = m.artifact_id AND made.direction = 'output'
JOIN runs producer ON producer.run_id = made.run_id
JOIN lineage d ON d.run_id = producer.run_id AND d.direction = 'input'
WHERE m.collection = 'resnet-ckpt'
ORDER BY m.version_index, dataset_used
