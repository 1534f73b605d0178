/**
 * A W&B-compatible GraphQL test server for the driver's tests, the no-account demo and benchmarks.
 *
 * <p>Entry points: {@link io.github.wandbjdbc.testserver.WandbTestServer} (builder, started from
 * tests) and {@link io.github.wandbjdbc.testserver.Main} (stand-alone). What it serves is
 * {@link io.github.wandbjdbc.testserver.data.ServerData}: the deterministic sample data of
 * {@link io.github.wandbjdbc.testserver.generate.SampleDataGenerator} and run folders read by
 * {@link io.github.wandbjdbc.testserver.folders.RunFolderReader}.
 *
 * <p>Semantics the driver can rely on, in short (details in the named classes):
 * <ul>
 *   <li>Filters ({@code RunFilter}): MongoDB rules on the documented keys only; missing = null;
 *       {@code $ne}/{@code $nin} match missing; ordering operators never cross types and never match
 *       null or NaN; NaN = NaN; arrays match element-wise; {@code $regex} is Java {@code find()},
 *       case-sensitive unless {@code $options: "i"}; anything undocumented → HTTP 400.</li>
 *   <li>Order ({@code RunOrder}): one documented key; null/missing lowest (first ascending, last
 *       descending); NaN below all numbers; Mongo's type order; ties by creation sequence ascending
 *       in both directions; default {@code -created_at}.</li>
 *   <li>Paging: opaque keyset cursors (an edge's cursor or {@code endCursor}); {@code first}
 *       defaults to 50, above 1000 → HTTP 400.</li>
 *   <li>History ({@code RunStreamFetchers}): {@code history} windows are
 *       {@code [minStep, maxStep)}, {@code sampledHistory} windows {@code [minStep, maxStep]} and
 *       keep rows holding every requested key; more rows than {@code samples} (default 500) are
 *       evenly down-sampled; NaN is a bare token in {@code history}/{@code events} strings and a
 *       string {@code "NaN"} inside {@code sampledHistory}.</li>
 *   <li>Files: MySQL LIKE {@code pattern} or exact {@code names} (placeholders for missing names),
 *       never both; artifacts and sweeps ({@code ArtifactFetchers}, {@code SweepFetchers}) take only
 *       the {@code filters} keys and {@code order} forms they document, else a GraphQL error.</li>
 *   <li>Wire: HTTP Basic {@code api:<key>} or 401; GraphQL validation errors → 200 with
 *       {@code errors}; JSONString fields carry bare {@code NaN}/{@code Infinity}; DateTime is UTC
 *       without zone, with or without microseconds.</li>
 * </ul>
 *
 * <p>Pure logic (filters, order, cursors, paging, data generation, folder parsing) is separate from
 * I/O (HTTP handler, recorder, loader) so it can be unit-tested without a socket.
 */
package io.github.wandbjdbc.testserver;
