#include "app/work_limits.hpp"

#include <fmt/core.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "app/commands.hpp"  // UsageError
#include "sim/time.hpp"

namespace app {

namespace {

// Bytes a vehicle costs a replication while it runs: its record in the per-vehicle tables'
// buffers, its transit times kept by every metric group, its place in the event set. Measured on
// kim_thanh_bac_son (peak RSS over 100 and 400 days: about 150 bytes per vehicle) and lao_cai
// (3000 days, 2 replications at once: about 140), with room.
constexpr double kBytesPerVehicle = 192;
// A time-series row: time, and queue and busy per sampled site (8 bytes each), with room.
constexpr double kBytesPerSiteSample = 24;
// The process before any replication: the engine, libraries, HDF5's caches.
constexpr double kBaseBytes = 64.0 * (1 << 20);

// Vehicles one replication can expect, from the scenario alone (O(flows): a sweep of thousands of
// points is estimated in no time): each flow's rate over the horizon at its busiest season, or
// its table's rows, plus the empties it sends back; rail wagons at their daily rate.
double expected_vehicles(const models::Scenario& sc) {
  double vehicles = 0;
  for (const models::Flow& f : sc.flows) {
    const models::ArrivalProcess& a = f.arrivals;
    double peak = 1;
    for (const models::SeasonFactor& s : a.seasons) peak = std::max(peak, s.factor);
    const double n = a.table_s.empty() ? a.rate_per_s * peak * sc.horizon_s
                                       : static_cast<double>(a.table_s.size());
    vehicles += n * (1 + (f.empty_return ? f.empty_return->probability : 0));
  }
  for (const models::Rail& r : sc.rail) vehicles += r.wagons_per_day * sc.horizon_s / sim::kDay;
  for (const models::InitialQueue& q : sc.initial) vehicles += q.count;  // at the border at t = 0
  return vehicles;
}

double budget_bytes() {
  double budget = kMemoryBudgetBytes;
  const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page > 0)
    budget = std::min(budget, 0.8 * static_cast<double>(pages) * static_cast<double>(page));
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
    budget = std::min(budget, 0.8 * static_cast<double>(as.rlim_cur));
  return budget;
}

std::string gigabytes(double bytes) {
  return bytes >= 0.1 * (1 << 30) ? fmt::format("{:.1f} GB", bytes / (1 << 30))
                                  : fmt::format("{:.0f} MB", bytes / (1 << 20));
}

}  // namespace

MemoryEstimate estimate_memory(const std::vector<const models::Scenario*>& scenarios,
                               unsigned threads) {
  MemoryEstimate m;
  m.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  m.budget = budget_bytes();
  for (const models::Scenario* sc : scenarios) {
    const double vehicles = expected_vehicles(*sc);
    double sites = 8;
    for (const models::GateSide& s : sc->sides) sites += static_cast<double>(s.stages.size());
    sites += 4.0 * static_cast<double>(sc->crossings.size());
    const double rows =
        sc->outputs.timeseries_step_s > 0 ? sc->horizon_s / sc->outputs.timeseries_step_s : 0;
    const double per_rep = vehicles * kBytesPerVehicle + rows * sites * kBytesPerSiteSample;
    const std::size_t reps = static_cast<std::size_t>(std::max(sc->replications, 1));
    const std::size_t in_flight = std::min<std::size_t>(m.threads, reps);
    const double bytes = kBaseBytes + static_cast<double>(in_flight) * per_rep;
    if (bytes > m.bytes) {
      m.bytes = bytes;
      m.vehicles_per_replication = vehicles;
      m.bytes_per_replication = per_rep;
      m.in_flight = in_flight;
      m.replications = reps;
    }
  }
  return m;
}

std::string memory_words(const MemoryEstimate& m) {
  return fmt::format(
      "{} replication(s) on {} thread(s) need about {} ({} at once, about {:.3g} vehicles and {} "
      "each)",
      m.replications, m.threads, gigabytes(m.bytes), m.in_flight, m.vehicles_per_replication,
      gigabytes(m.bytes_per_replication));
}

void check_memory(const MemoryEstimate& m, bool allow_large, const char* command) {
  if (allow_large || m.bytes <= m.budget) return;
  throw UsageError(fmt::format(
      "{}: {}, more than the {} this run may plan for; lower --threads (fewer replications at "
      "once), the horizon or the arrival rates, or pass --allow-large to run it anyway",
      command, memory_words(m), gigabytes(m.budget)));
}

void check_grid(std::size_t points, const std::string& shape, bool allow_large) {
  if (allow_large || points <= kMaxGridPoints) return;
  throw UsageError(fmt::format(
      "the grid has {} points ({}), more than {}; sweep fewer values, or pass --allow-large to "
      "run it anyway",
      points == static_cast<std::size_t>(-1) ? std::string("too many") : fmt::format("{}", points),
      shape, kMaxGridPoints));
}

}  // namespace app
