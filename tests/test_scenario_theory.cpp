// Queueing theory through the scenario format, not only the engine: a scenario file is written,
// loaded and run like any other, and its stop's waits compared with the closed form through
// confidence intervals over replications (fixed seeds, no retries).
#include <gtest/gtest.h>

#include <map>

#include "models/border.hpp"
#include "models/loader.hpp"
#include "sim/stats.hpp"
#include "sim/validation.hpp"
#include "support.hpp"

namespace {

using test_support::write_temp;

// Three cargo classes at priority levels 0, 1, 2 share one stop of c = 2 servers with exponential
// service (mean 30 min), open around the clock; Poisson arrivals of 76.8 a day in all (rho = 0.8,
// a third each). Cobham for M/M/c with equal service rates:
//   Wq_k = C(c, a) / (c mu) / ((1 - s_{k-1}) (1 - s_k)),  s_k = sum of rho_i for i <= k.
TEST(ScenarioTheory, ThreeClassNonPreemptivePriorityMMcMatchesCobham) {
  const std::string text = R"(name: cobham
start: 2025-01-06 00:00
horizon: 120d
warmup: 5d
cargo:
  urgent: {value: 1USD, priority_level: 0}
  normal: {value: 1USD, priority_level: 1}
  bulk: {value: 1USD, priority_level: 2}
gate_sides:
  a:
    country: VN
    time_zone: UTC+7
    stages:
      - {id: desk, servers: 2, priority: true, service: {dist: exponential, mean: 30min}}
  b:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: gate, servers: 1000, service: 1s}
crossings:
  x:
    sides: [a, b]
    bridge: 0s
flows:
  f:
    direction: export
    cargo_mix: {urgent: 0.3333333333333333, normal: 0.3333333333333333, bulk: 0.3333333333333334}
    route: [{crossing: x}]
    arrivals: {rate: 76.8/day}
)";
  const models::Scenario sc = models::load_scenario(write_temp("cobham.yaml", text));
  const int reps = 10;
  std::vector<std::vector<double>> waits(3);  // per class, per replication (hours)
  for (int r = 0; r < reps; ++r) {
    const models::RunResult res = models::run_replication(sc, static_cast<std::uint32_t>(r));
    std::map<std::uint32_t, std::uint16_t> cargo_of;
    for (const auto& v : res.vehicles) cargo_of[v.id] = v.cargo;
    std::vector<sim::Tally> w(3);
    for (const auto& v : res.visits)
      if (v.stop == 0 && v.enter_s >= sc.warmup_s)
        w[cargo_of.at(v.vehicle)].add((v.start_s - v.enter_s) / 3600);
    for (int k = 0; k < 3; ++k) waits[k].push_back(w[k].mean());
  }
  const double c = 2, mu = 2, lambda = 76.8 / 24;  // per hour
  const double rho_k = lambda / 3 / (c * mu);
  const double base = sim::erlang_c(2, lambda / mu) / (c * mu);
  for (int k = 0; k < 3; ++k) {
    const double theory = base / ((1 - k * rho_k) * (1 - (k + 1) * rho_k));
    const sim::Interval ci = sim::mean_ci(waits[k]);
    EXPECT_TRUE(ci.contains(theory, 1.10))
        << "class " << k << ": theory " << theory << " h, simulated " << ci.mean << " [" << ci.lo
        << ", " << ci.hi << "]";
    EXPECT_LT(ci.half_width(), 0.10 * theory) << "class " << k;
  }
}

}  // namespace
