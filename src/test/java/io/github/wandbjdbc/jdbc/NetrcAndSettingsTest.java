package io.github.wandbjdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Optional;

class NetrcAndSettingsTest {
  @Test
  void netrcPasswordByHostThenHostAndPortThenDefault() {
    Netrc n = Netrc.parse("""
        # written by wandb login
        machine api.wandb.ai
          login user
          password key-cloud
        machine localhost:8080 login user password key-local-8080
        macdef init
        machine evil password macro-body

        machine "quoted.example" password "key quoted"
        default login anonymous password key-default
        """);
    assertEquals(Optional.of("key-cloud"), n.password("api.wandb.ai", -1));
    assertEquals(Optional.of("key-cloud"), n.password("api.wandb.ai", 443));
    assertEquals(Optional.of("key-local-8080"), n.password("localhost", 8080));
    assertEquals(Optional.of("key quoted"), n.password("quoted.example", -1));
    assertEquals(Optional.of("key-default"), n.password("other.example", -1));
    assertEquals(Optional.of("key-default"), n.password("evil", -1));
  }

  @Test
  void netrcWithoutEntries() {
    assertEquals(Optional.empty(), Netrc.parse("").password("api.wandb.ai", -1));
  }

  @Test
  void settingsBaseUrlFromDefaultSectionOnly() {
    assertEquals(Optional.of("https://wandb.example.com"), WandbSettingsFile.parse("""
        [other]
        base_url = https://wrong.example.com
        [default]
        entity = team
        base_url = https://wandb.example.com
        """).baseUrl());
    assertEquals(Optional.empty(), WandbSettingsFile.parse("[default]\nentity = x\n").baseUrl());
  }
}
