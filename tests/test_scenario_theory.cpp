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

// One queue through the scenario format: side `a` (`a_side`: its yard and its one stage) with a
// trivial side `b` across a bridge of no length, one export flow (`mix`, Poisson `rate`).
models::Scenario one_queue(const std::string& name, const std::string& horizon,
                           const std::string& cargo, const std::string& a_side,
                           const std::string& mix, const std::string& rate,
                           const std::string& flow_extra = "") {
  const std::string text = "name: " + name + "\nstart: 2025-01-06 00:00\nhorizon: " + horizon +
                           "\nwarmup: 5d\ncargo:\n" + cargo +
                           "gate_sides:\n"
                           "  a:\n    country: VN\n    time_zone: UTC+7\n" +
                           a_side +
                           "  b:\n    country: CN\n    time_zone: UTC+8\n"
                           "    stages:\n      - {id: gate, servers: 1000, service: 1s}\n"
                           "crossings:\n  x:\n    sides: [a, b]\n    bridge: 0s\n"
                           "flows:\n  f:\n    direction: export\n    cargo_mix: " +
                           mix + "\n    route: [{crossing: x}]\n    arrivals: {rate: " + rate +
                           "}\n" + flow_extra;
  return models::load_scenario(write_temp(name + ".yaml", text));
}

// Three cargo classes at priority levels 0, 1, 2 share one stop of c = 2 servers with exponential
// service (mean 30 min), open around the clock; Poisson arrivals of 76.8 a day in all (rho = 0.8,
// a third each). Cobham for M/M/c with equal service rates:
//   Wq_k = C(c, a) / (c mu) / ((1 - s_{k-1}) (1 - s_k)),  s_k = sum of rho_i for i <= k.
TEST(ScenarioTheory, ThreeClassNonPreemptivePriorityMMcMatchesCobham) {
  const models::Scenario sc = one_queue(
      "cobham", "120d",
      "  urgent: {value: 1USD, priority_level: 0}\n  normal: {value: 1USD, priority_level: 1}\n"
      "  bulk: {value: 1USD, priority_level: 2}\n",
      "    stages:\n      - {id: desk, servers: 2, priority: true, service: {dist: exponential, "
      "mean: 30min}}\n",
      "{urgent: 0.3333333333333333, normal: 0.3333333333333333, bulk: 0.3333333333333334}",
      "76.8/day");
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

namespace {

// An M/M/c/K loss system through the scenario format: the exit side's yard holds K = 6 places
// with no room on the road (`road: 0`), its one stage has c = 2 servers of exponential service
// (mean 1 h), arrivals are Poisson at 48 a day (offered load 2): a truck that finds the yard full
// is lost. Blocking probability p_K against the closed form.
TEST(ScenarioTheory, YardWithoutRoadIsAnMMcKLossSystem) {
  const models::Scenario sc = one_queue(
      "mmck", "200d", "  general: {value: 1USD}\n",
      "    yard: {outbound: 6, road: 0}\n"
      "    stages:\n      - {id: desk, servers: 2, service: {dist: exponential, mean: 1h}}\n",
      "{general: 1}", "48/day");
  std::vector<double> blocked;
  for (int r = 0; r < 10; ++r) {
    const models::RunResult res = models::run_replication(sc, static_cast<std::uint32_t>(r));
    double lost = 0, n = 0;
    for (const auto& v : res.vehicles)
      if (v.arrival_s >= sc.warmup_s) {
        n += 1;
        lost += v.outcome == models::Outcome::Lost;
      }
    blocked.push_back(lost / n);
  }
  const double theory = sim::mmck_blocking(2, 6, 2.0);
  const sim::Interval ci = sim::mean_ci(blocked);
  EXPECT_TRUE(ci.contains(theory, 1.10))
      << "theory " << theory << ", simulated " << ci.mean << " [" << ci.lo << ", " << ci.hi << "]";
  EXPECT_LT(ci.half_width(), 0.10 * theory);
}

}  // namespace

namespace {

// Erlang A through the scenario format: the exit yard's 4 places are the servers (a truck keeps
// its place through the one stage, whose 100 servers never queue, exponential service of mean
// 1 h), trucks wait on the road for a place and give up after an exponential patience of mean 2 h
// (a flow's behaviour); arrivals 4.4 an hour (rho = 1.1). Abandonment and the served trucks' wait
// against the birth-death chain (sim::erlang_a).
TEST(ScenarioTheory, RoadQueueWithPatienceIsErlangA) {
  const models::Scenario sc = one_queue(
      "erlang_a", "120d", "  general: {value: 1USD}\n",
      "    yard: {outbound: 4}\n"
      "    stages:\n      - {id: desk, servers: 100, service: {dist: exponential, mean: 1h}}\n",
      "{general: 1}", "105.6/day", "    behaviour: {patience: {dist: exponential, mean: 2h}}\n");
  std::vector<double> abandoned, wait_served;
  for (int r = 0; r < 10; ++r) {
    const models::RunResult res = models::run_replication(sc, static_cast<std::uint32_t>(r));
    double n = 0, gave_up = 0;
    sim::Tally w;
    for (const auto& v : res.vehicles) {
      if (v.arrival_s < sc.warmup_s || v.outcome == models::Outcome::InSystem) continue;
      n += 1;
      gave_up += v.outcome == models::Outcome::Reneged;
      if (v.outcome == models::Outcome::Released) w.add(v.wait_s / 3600);
    }
    abandoned.push_back(gave_up / n);
    wait_served.push_back(w.mean());
  }
  const sim::ErlangA a = sim::erlang_a(4, 4.4, 1.0, 0.5);
  const sim::Interval pa = sim::mean_ci(abandoned), ws = sim::mean_ci(wait_served);
  EXPECT_TRUE(pa.contains(a.p_abandon, 1.10))
      << "P(abandon): theory " << a.p_abandon << ", simulated " << pa.mean << " [" << pa.lo << ", "
      << pa.hi << "]";
  EXPECT_TRUE(ws.contains(a.wait_served, 1.10))
      << "Wq served: theory " << a.wait_served << ", simulated " << ws.mean << " [" << ws.lo << ", "
      << ws.hi << "]";
  EXPECT_LT(pa.half_width(), 0.10 * a.p_abandon);
  EXPECT_LT(ws.half_width(), 0.10 * a.wait_served);
}

}  // namespace
