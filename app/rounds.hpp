// Replications in rounds: every scenario's first batch (its replication count), then, under
// `--precision`, more batches for the units whose named metrics are not yet precise enough. A
// unit is a set of scenarios that run in lock-step, the same replications each (compare's base and
// variants, an explore point's variants: their differences pair replications); a run or a sweep
// point is a unit of one.
//
// The decision to add a batch depends only on the replications already done, in replication
// order: results are bit-identical for any thread count, and for any MPI rank count (rank 0
// decides and tells the workers, app/distribution.hpp's agree()).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/distribution.hpp"

namespace app {

// Consumes one batch on the writing process: `batch` is scenario `s` with its first_replication
// and replications set to the batch's; when distributed, `dist` gives them (as its scenario
// `index`). Returns the batch's per-replication metrics, in replication order.
using Consume = std::function<std::vector<outputs::ReplicationMetrics>(
    std::size_t s, const models::Scenario& batch, Distribution* dist, std::size_t index)>;

// A named metric of a scenario that did not reach the precision at the maximum.
struct ShortOfPrecision {
  std::size_t scenario;
  std::string metric;  // "border_time_p95 [cargo:durian/export]"
  double relative;     // the half-width reached, relative to the mean
  int replications;
};

struct Rounds {
  std::vector<std::vector<outputs::ReplicationMetrics>> metrics;  // per scenario, in order
  std::vector<int> replications;                                  // per scenario, in all
  std::vector<ShortOfPrecision> short_of;
  int batches = 1;  // the most rounds any unit ran
};

// Consume for metrics only: the batch evaluated in memory (app/replicate.hpp), or its records
// taken from `dist` and their tables dropped. `o` must outlive it.
Consume evaluate_batch(const RunOptions& o);

// Runs `scs` in rounds (above). On an MPI worker it only computes, and returns no metrics.
// `units` partitions the scenario indices (empty: each scenario its own unit).
Rounds run_rounds(const std::vector<models::Scenario>& scs,
                  std::vector<std::vector<std::size_t>> units, const RunOptions& o,
                  const Consume& consume);

// The relative half-width of each named metric's rows in `metrics` (the worst over its groups):
// 0 for a half-width of zero, infinity for a mean of zero with a spread or fewer than two
// replications.
struct MetricPrecision {
  std::string metric;
  double relative;
};
std::vector<MetricPrecision> precision_of(const std::vector<outputs::ReplicationMetrics>& metrics,
                                          const Precision& p);

// One sentence per metric short of the precision ("... reached ±7.3 % of its mean, not 5 %, in
// 200 replications (the maximum, --max-replications)"); `name` names each scenario.
std::vector<std::string> precision_warnings(const Rounds& r, const Precision& p,
                                            const std::function<std::string(std::size_t)>& name);

}  // namespace app
