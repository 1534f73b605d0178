package io.github.wandbjdbc.testserver.folders;

import io.github.wandbjdbc.testserver.data.JsonValues;
import io.github.wandbjdbc.testserver.data.RunData;
import io.github.wandbjdbc.testserver.data.ServerData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads data directories laid out as {@code DIR/<entity>/<project>/<run folder>/} into a
 * {@link ServerData.Assembler}. Entities, projects and run folders are visited in name order; plain
 * files and hidden folders ({@code .…}) at the entity and project levels are ignored. Every project
 * folder becomes a served project, even when none of its runs could be read.
 *
 * <p>Nothing here is fatal: a data directory that does not exist, a run folder that cannot be read
 * (see {@link RunFolderReader}) or a run id already served in the same project is recorded in the
 * {@link LoadReport} with its reason and skipped.
 */
public final class RunFolderLoader {

  private final RunFolderReader reader;

  public RunFolderLoader(JsonValues json) {
    this.reader = new RunFolderReader(json);
  }

  public LoadReport load(List<Path> dataDirs, ServerData.Assembler assembler) {
    List<LoadReport.Entry> entries = new ArrayList<>();
    for (Path dataDir : dataDirs) {
      if (!Files.isDirectory(dataDir)) {
        entries.add(skipped(dataDir, "data directory does not exist or is not a directory"));
        continue;
      }
      for (Path entityDir : subfolders(dataDir, entries)) {
        for (Path projectDir : subfolders(entityDir, entries)) {
          String entity = entityDir.getFileName().toString();
          String project = projectDir.getFileName().toString();
          assembler.project(entity, false, project, null, null, null);
          for (Path runDir : subfolders(projectDir, entries)) {
            entries.add(loadRun(runDir, entity, project, assembler));
          }
        }
      }
    }
    return new LoadReport(entries);
  }

  private LoadReport.Entry loadRun(Path runDir, String entity, String project, ServerData.Assembler assembler) {
    List<String> notes = new ArrayList<>();
    RunData run;
    try {
      run = reader.read(runDir, entity, project, notes);
    } catch (RunFolderReader.UnreadableRunFolder e) {
      return skipped(runDir, e.getMessage());
    } catch (RuntimeException e) {
      // A reader bug must not take the whole server down; report it like any unreadable folder.
      return skipped(runDir, "unexpected error: " + e);
    }
    if (!assembler.addRun(run)) {
      return skipped(runDir, "run id " + run.name() + " is already served in " + entity + "/" + project);
    }
    return new LoadReport.Entry(runDir, LoadReport.Outcome.LOADED, run.path(), String.join("; ", notes));
  }

  private static List<Path> subfolders(Path dir, List<LoadReport.Entry> entries) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      entries.add(skipped(dir, "cannot list the folder: " + e));
      return List.of();
    }
  }

  private static LoadReport.Entry skipped(Path folder, String reason) {
    return new LoadReport.Entry(folder, LoadReport.Outcome.SKIPPED, null, reason);
  }
}
