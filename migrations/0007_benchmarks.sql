-- Industry benchmark snapshots (worker/benchmarks/, rule in core/results/benchmarks.ts):
-- one row per metric, industry and calendar week (its Monday, UTC), computed once from the
-- answers before that week began. `published` says whether the differencing guard let it
-- out; only a published row has its statistics. `contributors` lists the client ids behind
-- it, to compare the next week's set with; it is never served. Nothing here is personal data.
CREATE TABLE benchmark_snapshots (
  metric TEXT NOT NULL,
  industry TEXT NOT NULL,
  week TEXT NOT NULL,
  contributors TEXT NOT NULL CHECK (json_valid(contributors)),
  responses INTEGER NOT NULL,
  published INTEGER NOT NULL CHECK (published IN (0, 1)),
  clients INTEGER,
  median REAL,
  q1 REAL,
  q3 REAL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (metric, industry, week)
) WITHOUT ROWID;
