// `bordersim validate --suggest-warmup`: a pilot run of the scenario, two daily series from it
// (the mean border time of the trucks reaching the border each day, and the trucks at the border
// at each day's start), averaged over the pilot's replications, and MSER-5 on each
// (studies/warmup.hpp): the warm-up to state, or why none applies.
#include "studies/warmup.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "app/commands.hpp"
#include "app/watch.hpp"
#include "models/border.hpp"
#include "models/loader.hpp"
#include "sim/runner.hpp"

namespace app {

namespace {

// The border times and stays of one replication's trucks (arrivals only).
struct Collect : models::RecordSink {
  std::vector<std::pair<double, double>> stays;  // reached the border, left it (inf: never)
  std::vector<std::pair<double, double>> times;  // reached the border, border time (crossed)
  void vehicle(const models::VehicleRecord& v) override {
    if (v.cohort != 0 || v.border_in_s < 0) return;
    const double end = v.border_out_s >= 0 ? v.border_out_s : v.done_s >= 0 ? v.done_s : INFINITY;
    stays.emplace_back(v.border_in_s, end);
    if (v.border_out_s >= 0) times.emplace_back(v.border_in_s, v.border_out_s - v.border_in_s);
  }
  void visit(const models::StopVisit&) override {}
  void train(const models::TrainRecord&) override {}
  void sample(const double*, std::size_t) override {}
};

}  // namespace

WarmupAdvice suggest_warmup(const ScenarioSource& src, const RunOptions& options) {
  const RunOptions o = watching(options);
  sim::StopScope scope(o.cancel);
  return stoppable("no warm-up suggested", [&] {
    WarmupAdvice a;
    models::Scenario sc = load(src, o.overrides);
    apply_options(sc, o);
    a.stated_s = sc.warmup_s;
    a.horizon_s = sc.horizon_s;
    // MSER-5 needs at least 20 daily values and is steadier with more: a shorter scenario's pilot
    // runs 100 days.
    constexpr double kMinDays = 100;
    if (sc.horizon_s < kMinDays * sim::kDay) {
      models::Scenario longer = sc;
      longer.horizon_s = kMinDays * sim::kDay;
      try {
        models::check_zone_offsets(longer);
        sc = longer;
      } catch (const models::SourceError&) {
        // A named zone changes its offset within the longer pilot: keep the scenario's horizon.
      }
    }
    sc.warmup_s = 0;
    sc.replications = std::max(2, std::min(o.replications > 0 ? o.replications : 10, 50));
    a.pilot_days = sc.horizon_s / sim::kDay;
    a.pilot_replications = sc.replications;
    const std::size_t days = static_cast<std::size_t>(std::floor(a.pilot_days));
    // Per replication, summed in replication order afterwards: the advice does not depend on
    // the order the threads finish in.
    std::vector<std::vector<double>> per_sum(static_cast<std::size_t>(sc.replications)),
        per_n(per_sum.size()), per_at(per_sum.size());
    sim::RunnerOptions ro;
    ro.threads = o.threads;
    ro.cancel = o.cancel;
    sim::run_replications<int>(
        static_cast<std::size_t>(sc.replications),
        [&](std::uint32_t r, std::atomic<std::uint64_t>&) {
          Collect c;
          models::run_replication(sc, r, models::ReplicationHooks{o.cancel, nullptr}, &c);
          std::vector<double> bs(days, 0), bn(days, 0), ab(days, 0);
          for (const auto& [in, t] : c.times) {
            const auto d = static_cast<std::size_t>(in / sim::kDay);
            if (d < days) {
              bs[d] += t;
              bn[d] += 1;
            }
          }
          for (const auto& [in, out] : c.stays)
            for (std::size_t d = static_cast<std::size_t>(std::ceil(in / sim::kDay)); d < days;
                 ++d) {
              if (out <= static_cast<double>(d) * sim::kDay) break;
              ab[d] += 1;
            }
          per_sum[r] = std::move(bs);
          per_n[r] = std::move(bn);
          per_at[r] = std::move(ab);
          return 0;
        },
        ro);
    std::vector<double> border_sum(days, 0), border_n(days, 0), at_border(days, 0);
    for (std::size_t r = 0; r < per_sum.size(); ++r)
      for (std::size_t d = 0; d < days; ++d) {
        border_sum[d] += per_sum[r][d];
        border_n[d] += per_n[r][d];
        at_border[d] += per_at[r][d] / sc.replications;
      }
    // The border time of a day's trucks is left out for the last days, whose slowest trucks
    // have not crossed by the horizon (it would read falsely short): the last tenth, at least 2.
    // A day no truck reached the border (a closure) has no value and is skipped.
    const std::size_t censored = std::max<std::size_t>(2, days / 10);
    std::vector<double> border;
    for (std::size_t d = 0; d + censored < days; ++d)
      if (border_n[d] > 0) border.push_back(border_sum[d] / border_n[d] / sim::kHour);
    a.series.push_back(
        {"border time of the trucks reaching the border each day (h)", studies::mser5(border)});
    a.series.push_back({"trucks at the border at each day's start", studies::mser5(at_border)});
    a.steady = true;
    std::size_t most = 0;
    for (const auto& s : a.series) {
      a.steady = a.steady && s.second.steady;
      most = std::max(most, s.second.truncate);
    }
    a.suggested_s = static_cast<double>(most) * sim::kDay;
    return a;
  });
}

std::string render_warmup(const WarmupAdvice& a) {
  std::string s = fmt::format(
      "warm-up (MSER-5 on a pilot of {} replications x {:g} days from the scenario's start, "
      "no warm-up: daily values averaged over the replications, cut in whole batches of 5 "
      "days):\n",
      a.pilot_replications, a.pilot_days);
  for (const auto& [what, w] : a.series)
    s += fmt::format("  {}: {}; {}\n", what,
                     w.steady ? fmt::format("settled within {} days", w.truncate) : "not steady",
                     w.why);
  if (a.steady)
    s += fmt::format(
        "  suggested warm-up: {:g}d (the scenario states {:g}d); the horizon should be several "
        "times longer\n",
        a.suggested_s / sim::kDay, a.stated_s / sim::kDay);
  else
    s += "  no warm-up rule applies: the scenario is not steady (a surge, or a backlog that "
         "grows or drains), so its results describe its dates and depend on the horizon; "
         "state the period you mean and compare scenarios over the same one\n";
  return s;
}

}  // namespace app
