package io.github.wandbjdbc.model;

/**
 * An artifact version with one page of the runs that used it.
 *
 * @param creator the run that logged it, null when a user created it
 */
public record ArtifactUsage(ArtifactNode artifact, RunRef creator, Page<RunRef> usedBy) {}
