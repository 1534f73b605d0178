package io.github.wandbjdbc.model;

/** The user an API key belongs to, and the entity W&B uses for it when none is given. */
public record Viewer(String username, String defaultEntity) {}
