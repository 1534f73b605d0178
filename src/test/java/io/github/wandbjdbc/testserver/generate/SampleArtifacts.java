package io.github.wandbjdbc.testserver.generate;

import io.github.wandbjdbc.testserver.data.ArtifactCollectionData;
import io.github.wandbjdbc.testserver.data.ArtifactData;
import io.github.wandbjdbc.testserver.data.ArtifactTypeData;
import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The generated artifacts and their lineage, drawn from their own {@link Random} over runs that
 * already exist (creation order). Every version is logged by one run created before it (or, for
 * {@code code-notebooks} and {@code glue-sst2}, uploaded by a user) and used only by runs created
 * after it; pending runs neither log nor use anything.
 *
 * <p>resnet-sweep: type {@code dataset} with {@value #CIFAR10} v0–v3 (v3 has aliases
 * {@code latest} and {@code production}, used by a few hundred runs; v1 by some dozens, alias
 * {@code baseline}) and {@code cifar10-c}; type {@code model} with {@value #CHECKPOINTS} (one
 * version per selected main-sweep run, v4 DELETED, the newest PENDING, alias {@code best} on the
 * lowest loss, used by later eval runs); type {@code code} with {@code code-<run>} collections and
 * the user-uploaded {@code code-notebooks}. bert-finetune: {@code glue-sst2} (dataset) and
 * {@code bert-sst2} (model).
 */
final class SampleArtifacts {

  static final String CIFAR10 = "cifar10";
  static final String CIFAR10_C = "cifar10-c";
  static final String CHECKPOINTS = "resnet-ckpt";
  static final String NOTEBOOKS = "code-notebooks";
  static final String GLUE = "glue-sst2";
  static final String BERT_MODEL = "bert-sst2";
  private static final long TTL_DISABLED = -2;

  /** The generated artifacts of one project. */
  record ProjectArtifacts(List<ArtifactTypeData> types, List<ArtifactCollectionData> collections,
      List<ArtifactData> versions) {
  }

  private final Random random;
  private long nextArtifactId = 1;
  private long nextCollectionId = 1;

  SampleArtifacts(Random random) {
    this.random = random;
  }

  ProjectArtifacts resnet(List<RunData> runs) {
    Builder b = new Builder(runs);
    Instant start = runs.get(0).createdAt();
    b.type("dataset", "Training and evaluation data", start);
    b.type("model", "Model checkpoints", start.plus(Duration.ofDays(2)));
    b.type("code", "Source code snapshots", start.plus(Duration.ofDays(3)));

    b.collection(CIFAR10, "dataset", "CIFAR-10, 32x32 colour images in 10 classes", List.of("vision", "public"));
    int[] creators = {0, 20, 300, 600};
    int[] usersUntil = {20, 300, 600, runs.size()};
    double[] useChance = {1.0, 0.3, 0.2, 0.25};
    for (int v = 0; v < creators.length; v++) {
      List<String> aliases = v == 3 ? List.of("latest", "production") : v == 1 ? List.of("baseline") : List.of();
      List<String> tags = v == 3 ? List.of("curated") : v == 1 ? List.of("legacy") : List.of();
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("source", "https://www.cs.toronto.edu/~kriz/cifar.html");
      metadata.put("splits", ordered("train", 50_000L - 5_000L * (3 - v), "test", 10_000L));
      metadata.put("classes", 10L);
      metadata.put("mean_pixel", null); // logged as NaN; W&B stores metadata NaN as null
      metadata.put("preprocessing", ordered("normalize", true, "augment", ordered("flip", v >= 2, "crop", 4L)));
      ArtifactData version = b.version(CIFAR10, runs.get(creators[v]), null, aliases, tags,
          v == 2 ? null : "CIFAR-10 " + (v == 0 ? "initial import" : "re-split " + v), metadata,
          170_498_071L + 1_000L * v, 6, "COMMITTED", TTL_DISABLED, false, false);
      b.uses(version, creators[v] + 1, usersUntil[v], useChance[v]);
    }

    b.collection(CIFAR10_C, "dataset", "CIFAR-10 with common corruptions", List.of("vision"));
    ArtifactData corrupted = b.version(CIFAR10_C, runs.get(800), null, List.of("latest"), List.of(), null,
        ordered("corruptions", List.of("gaussian_noise", "fog", "jpeg"), "severity", 3L), 2_861_000_000L, 19,
        "COMMITTED", TTL_DISABLED, false, false);
    b.uses(corrupted, 801, runs.size(), 0.03);

    b.collection(CHECKPOINTS, "model", "ResNet checkpoints of the main sweep", List.of());
    List<RunData> creatorsOfCheckpoints = new ArrayList<>();
    for (int i = 100; i < 1700 && creatorsOfCheckpoints.size() < 14; i += 115) {
      for (int j = i; j < i + 115; j++) {
        RunData run = runs.get(j);
        if ("finished".equals(run.state()) && SampleDataGenerator.MAIN_SWEEP.equals(run.sweepName())
            && run.history().rowCount() > 0 && !run.name().equals(SampleDataGenerator.LONG_HISTORY_RUN)) {
          creatorsOfCheckpoints.add(run);
          break;
        }
      }
    }
    RunData running = runs.stream().filter(r -> "running".equals(r.state()) && r.history().rowCount() > 0)
        .reduce((first, second) -> second).orElseThrow();
    creatorsOfCheckpoints.add(running);
    int best = bestCheckpoint(creatorsOfCheckpoints);
    for (int v = 0; v < creatorsOfCheckpoints.size(); v++) {
      RunData creator = creatorsOfCheckpoints.get(v);
      boolean pending = v == creatorsOfCheckpoints.size() - 1;
      boolean deleted = v == 4;
      List<String> aliases = new ArrayList<>();
      if (v == creatorsOfCheckpoints.size() - 2) {
        aliases.add("latest");
      }
      if (v == best) {
        aliases.add("best");
      }
      Map<String, Object> model = creator.config().values().get("model") instanceof Map<?, ?> m
          ? JsonValues.deepCopyMap(castMap(m)) : Map.of();
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("epoch", creator.history().lastStep() / 10);
      metadata.put("val_loss", finiteOrNull(creator.summary().get("val/loss")));
      metadata.put("model", model);
      metadata.put("framework", "pytorch");
      ArtifactData checkpoint = b.version(CHECKPOINTS, creator, creator.history().lastStep(), aliases,
          v % 3 == 0 ? List.of("candidate") : List.of(), "epoch checkpoint of " + creator.displayName(), metadata,
          45_000_000L + random.nextInt(140_000_000), 1 + random.nextInt(2),
          pending ? "PENDING" : deleted ? "DELETED" : "COMMITTED", 2_592_000L, v % 2 == 0, deleted);
      if (!pending && !deleted) {
        b.evalUses(checkpoint, runs.indexOf(creator) + 1);
      }
    }

    for (int index : new int[] {70, 500, 1100, 1600}) {
      RunData creator = runs.get(index);
      String name = "code-" + creator.name();
      b.collection(name, "code", "Code of run " + creator.name(), List.of());
      b.version(name, creator, 0L, List.of("latest"), List.of(), null, ordered("entrypoint", "train.py"),
          20_000L + random.nextInt(30_000), 3, "COMMITTED", 7_776_000L, true, false);
    }
    b.collection(NOTEBOOKS, "code", "Exploration notebooks", List.of());
    b.userVersion(NOTEBOOKS, "alice", runs.get(40).createdAt(), List.of(), "first notebooks");
    b.userVersion(NOTEBOOKS, "alice", runs.get(900).createdAt(), List.of("latest"), null);
    return b.build();
  }

  ProjectArtifacts bert(List<RunData> runs) {
    Builder b = new Builder(runs);
    Instant start = runs.get(0).createdAt().minus(Duration.ofHours(2));
    b.type("dataset", null, start);
    b.type("model", "Fine-tuned models", runs.get(0).createdAt());
    b.collection(GLUE, "dataset", "GLUE SST-2 sentiment", List.of("nlp"));
    ArtifactData glue = b.userVersion(GLUE, "bob", start, List.of("latest"), "SST-2 from the GLUE benchmark");
    List<ArtifactData.Use> uses = new ArrayList<>();
    for (RunData run : runs) {
      if ("sst2".equals(run.group())) {
        uses.add(new ArtifactData.Use(run.name(), List.of(GLUE)));
      }
    }
    b.replace(glue, glue.withUsedBy(uses));
    b.collection(BERT_MODEL, "model", null, List.of());
    List<RunData> finishedSst2 = runs.stream()
        .filter(r -> "sst2".equals(r.group()) && "finished".equals(r.state())).limit(3).toList();
    for (int v = 0; v < finishedSst2.size(); v++) {
      RunData creator = finishedSst2.get(v);
      b.version(BERT_MODEL, creator, creator.history().lastStep(), v == finishedSst2.size() - 1
          ? List.of("latest") : List.of(), List.of(), null,
          ordered("eval_accuracy", creator.summary().get("eval/accuracy"), "base", creator.config().values().get("model_name")),
          440_000_000L + random.nextInt(1_000_000), 4, "COMMITTED", TTL_DISABLED, false, false);
    }
    return b.build();
  }

  /** The checkpoint with the lowest finite summary loss. */
  private static int bestCheckpoint(List<RunData> creators) {
    int best = 0;
    double lowest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < creators.size() - 1; i++) {
      if (creators.get(i).summary().get("loss") instanceof Double loss && loss < lowest && i != 4) {
        lowest = loss;
        best = i;
      }
    }
    return best;
  }

  private static Object finiteOrNull(Object value) {
    return value instanceof Double d && !Double.isFinite(d) ? null : value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static String hex(String text, int length) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return String.format("%064x", new BigInteger(1, digest)).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every JVM", e);
    }
  }

  /** Collects one project's types, collections and versions. */
  private final class Builder {
    private final List<RunData> runs;
    private final String entity;
    private final String project;
    private final List<ArtifactTypeData> types = new ArrayList<>();
    private final List<ArtifactCollectionData> collections = new ArrayList<>();
    private final List<ArtifactData> versions = new ArrayList<>();

    Builder(List<RunData> runs) {
      this.runs = runs;
      this.entity = runs.get(0).entityName();
      this.project = runs.get(0).projectName();
    }

    void type(String name, String description, Instant createdAt) {
      types.add(new ArtifactTypeData(entity, project, name, description, createdAt));
    }

    void collection(String name, String type, String description, List<String> tags) {
      // Dates are filled in by build(), from the versions.
      collections.add(new ArtifactCollectionData(entity, project, nextCollectionId++, name, type, description,
          Instant.EPOCH, null, tags));
    }

    ArtifactData version(String collection, RunData creator, Long historyStep, List<String> aliases, List<String> tags,
        String description, Map<String, Object> metadata, long size, int fileCount, String state, long ttl,
        boolean ttlInherited, boolean deleted) {
      Instant created = creator.createdAt().plusSeconds(60 + random.nextInt(3_600));
      Instant updated = deleted ? created.plus(Duration.ofDays(20)) : created.plusSeconds(random.nextInt(120));
      // A run without history logged it before its first step: W&B then has no step to record.
      Long step = creator.history().rowCount() == 0 ? null : historyStep;
      return add(collection, creator.name(), null, step,
          created, updated, aliases, tags, description, metadata, size, fileCount, state, ttl, ttlInherited);
    }

    ArtifactData userVersion(String collection, String username, Instant createdAt, List<String> aliases,
        String description) {
      return add(collection, null, username, null, createdAt, createdAt.plusSeconds(5), aliases, List.of(),
          description, Map.of(), 1_000_000L + random.nextInt(9_000_000), 1 + random.nextInt(20), "COMMITTED",
          TTL_DISABLED, false);
    }

    private ArtifactData add(String collection, String run, String user, Long historyStep, Instant created,
        Instant updated, List<String> aliases, List<String> tags, String description, Map<String, Object> metadata,
        long size, int fileCount, String state, long ttl, boolean ttlInherited) {
      String type = collections.stream().filter(c -> c.name().equals(collection)).findFirst().orElseThrow().typeName();
      int index = (int) versions.stream().filter(v -> v.collectionName().equals(collection)).count();
      List<String> allAliases = new ArrayList<>();
      allAliases.add("v" + index);
      allAliases.addAll(aliases);
      String digest = hex(project + "/" + collection + ":v" + index, 32);
      ArtifactData version = new ArtifactData(entity, project, nextArtifactId++, type, collection, index, allAliases,
          tags, digest, size, fileCount, state, created, updated, description, metadata, run, user, historyStep,
          digest.substring(0, 12), ttl, ttlInherited, List.of());
      versions.add(version);
      return version;
    }

    /** Runs {@code from} (inclusive) to {@code until} (exclusive) use the version with the given chance. */
    void uses(ArtifactData version, int from, int until, double chance) {
      List<ArtifactData.Use> uses = new ArrayList<>();
      for (int i = from; i < until && i < runs.size(); i++) {
        RunData run = runs.get(i);
        if (random.nextDouble() < chance && !"pending".equals(run.state()) && run.createdAt().isAfter(version.createdAt())) {
          uses.add(new ArtifactData.Use(run.name(), random.nextInt(5) == 0
              ? List.of("train_data", "val_data") : List.of(version.collectionName())));
        }
      }
      replace(version, version.withUsedBy(uses));
    }

    /** The next three eval runs created after the checkpoint use it. */
    void evalUses(ArtifactData version, int from) {
      List<ArtifactData.Use> uses = new ArrayList<>();
      for (int i = from; i < runs.size() && uses.size() < 3; i++) {
        RunData run = runs.get(i);
        if ("eval".equals(run.jobType()) && !"pending".equals(run.state())
            && run.createdAt().isAfter(version.createdAt())) {
          uses.add(new ArtifactData.Use(run.name(), List.of("model")));
        }
      }
      replace(version, version.withUsedBy(uses));
    }

    void replace(ArtifactData old, ArtifactData updated) {
      versions.set(versions.indexOf(old), updated);
    }

    ProjectArtifacts build() {
      List<ArtifactCollectionData> dated = new ArrayList<>();
      for (ArtifactCollectionData c : collections) {
        List<ArtifactData> own = versions.stream().filter(v -> v.collectionName().equals(c.name())).toList();
        Instant created = own.stream().map(ArtifactData::createdAt).min(Instant::compareTo).orElseThrow();
        Instant updated = own.stream().map(ArtifactData::updatedAt).max(Instant::compareTo).orElseThrow();
        dated.add(new ArtifactCollectionData(c.entityName(), c.projectName(), c.numericId(), c.name(), c.typeName(),
            c.description(), created, updated, c.tags()));
      }
      return new ProjectArtifacts(types, dated, versions);
    }
  }
}
