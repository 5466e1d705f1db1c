#include "models/theory_cases.hpp"

#include <map>
#include <memory>

#include "models/border.hpp"
#include "models/loader.hpp"

namespace models {

namespace {

// One queue: side `a` (`a_side`: its yard and its one stage) with a trivial side `b` across a
// bridge of no length, one export flow (`mix`, Poisson `rate`, `flow_extra` keys), 5 days of
// warm-up.
std::shared_ptr<const Scenario> one_queue(const std::string& name, const std::string& horizon,
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
  return std::make_shared<const Scenario>(load_scenario_text(text, name + ".yaml"));
}

// Replication `rep` of `sc` under `seed`.
RunResult run(const Scenario& sc, std::uint64_t seed, std::uint32_t rep) {
  Scenario s = sc;
  s.seed = seed;
  return run_replication(s, rep);
}

// Three cargo classes at priority levels 0, 1, 2 share one stop of c = 2 servers, exponential
// service of mean 30 min, open around the clock; 76.8 arrivals a day, a third each (rho = 0.8).
// Cobham for M/M/c with equal rates: Wq_k = C(c, a)/(c mu) / ((1 - s_{k-1})(1 - s_k)).
sim::ValidationCase cobham() {
  auto sc = one_queue("scenario_priority_mmc", "120d",
                      "  urgent: {value: 1USD, priority_level: 0}\n"
                      "  normal: {value: 1USD, priority_level: 1}\n"
                      "  bulk: {value: 1USD, priority_level: 2}\n",
                      "    stages:\n      - {id: desk, servers: 2, priority: true, service: {dist: "
                      "exponential, mean: 30min}}\n",
                      "{urgent: 0.3333333333333333, normal: 0.3333333333333333, "
                      "bulk: 0.3333333333333334}",
                      "76.8/day");
  const double c = 2, mu = 2, lambda = 76.8 / 24, rho_k = lambda / 3 / (c * mu);
  const double base = sim::erlang_c(2, lambda / mu) / (c * mu);
  std::vector<sim::ValidationMetric> metrics;
  for (int k = 0; k < 3; ++k)
    metrics.push_back({"Wq level " + std::to_string(k) + " (h)",
                       base / ((1 - k * rho_k) * (1 - (k + 1) * rho_k))});
  return {"scenario_priority_mmc",
          "scenario: one stage, 2 servers, three cargo priority levels, rho = 0.8 (Cobham)",
          metrics, [sc](std::uint64_t seed, std::uint32_t rep) {
            const RunResult r = run(*sc, seed, rep);
            std::map<std::uint32_t, std::uint16_t> cargo_of;
            for (const auto& v : r.vehicles) cargo_of[v.id] = v.cargo;
            std::vector<sim::Tally> w(3);
            for (const auto& v : r.visits)
              if (v.stop == 0 && v.enter_s >= sc->warmup_s)
                w[cargo_of.at(v.vehicle)].add((v.start_s - v.enter_s) / 3600);
            return std::vector<double>{w[0].mean(), w[1].mean(), w[2].mean()};
          }};
}

// The exit yard's K = 6 places with no room on the road, one stage of c = 2 servers, exponential
// service of mean 1 h, 48 arrivals a day (offered load 2): an arrival to a full yard is lost.
sim::ValidationCase loss() {
  auto sc = one_queue("scenario_mmck", "200d", "  general: {value: 1USD}\n",
                      "    yard: {outbound: 6, road: 0}\n"
                      "    stages:\n      - {id: desk, servers: 2, service: {dist: exponential, "
                      "mean: 1h}}\n",
                      "{general: 1}", "48/day");
  return {"scenario_mmck",
          "scenario: yard of 6 places and no road room before 2 servers, load 2 (M/M/2/6)",
          {{"P(lost)", sim::mmck_blocking(2, 6, 2.0)}},
          [sc](std::uint64_t seed, std::uint32_t rep) {
            const RunResult r = run(*sc, seed, rep);
            double n = 0, lost = 0;
            for (const auto& v : r.vehicles)
              if (v.arrival_s >= sc->warmup_s) {
                n += 1;
                lost += v.outcome == Outcome::Lost;
              }
            return std::vector<double>{lost / n};
          }};
}

// The exit yard's 4 places are the servers (a truck keeps its place through the one stage, whose
// 100 servers never queue, exponential service of mean 1 h); trucks wait on the road and give up
// after an exponential patience of mean 2 h; 4.4 arrivals an hour (rho = 1.1). Erlang A.
sim::ValidationCase patience() {
  auto sc = one_queue("scenario_erlang_a", "120d", "  general: {value: 1USD}\n",
                      "    yard: {outbound: 4}\n"
                      "    stages:\n      - {id: desk, servers: 100, service: {dist: exponential, "
                      "mean: 1h}}\n",
                      "{general: 1}", "105.6/day",
                      "    behaviour: {patience: {dist: exponential, mean: 2h}}\n");
  const sim::ErlangA a = sim::erlang_a(4, 4.4, 1.0, 0.5);
  return {"scenario_erlang_a",
          "scenario: 4 yard places as servers, road queue with exponential patience (Erlang A)",
          {{"P(abandon)", a.p_abandon}, {"Wq served (h)", a.wait_served}},
          [sc](std::uint64_t seed, std::uint32_t rep) {
            const RunResult r = run(*sc, seed, rep);
            double n = 0, gave_up = 0;
            sim::Tally w;
            for (const auto& v : r.vehicles) {
              if (v.arrival_s < sc->warmup_s || v.outcome == Outcome::InSystem) continue;
              n += 1;
              gave_up += v.outcome == Outcome::Reneged;
              if (v.outcome == Outcome::Released) w.add(v.wait_s / 3600);
            }
            return std::vector<double>{gave_up / n, w.mean()};
          }};
}

}  // namespace

std::vector<sim::ValidationCase> scenario_validation_cases() {
  return {cobham(), loss(), patience()};
}

}  // namespace models
