// `bordersim optimise` end to end: against theory (officers per block are Erlang C's), the plan
// chosen meeting its targets on new seeds, agencies' officer-hours and cost, an infeasible
// target named with the best reached, and bad targets and levers refused with their location.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "app/commands.hpp"
#include "app/optimise_parts.hpp"
#include "models/loader.hpp"
#include "studies/erlang.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;

// One desk open around the clock, exponential service of 10 min, Poisson arrivals at 8, 32, 24
// and 16 an hour in four 6-hour blocks (long against the service time), and the target Erlang C
// answers: P(wait) <= 0.2 in every block.
std::string blocks(const std::string& optimise_extra = "", const std::string& max = "15") {
  return "name: erlang_blocks\nstart: 2025-01-06 00:00\nhorizon: 42d\nwarmup: 2d\nseed: 11\n"
         "replications: 4\ncargo:\n  general: {value: 1USD}\n"
         "gate_sides:\n"
         "  a:\n    country: VN\n    time_zone: UTC+7\n"
         "    stages:\n      - {id: desk, servers: 4, service: {dist: exponential, mean: 10min}}\n"
         "    agencies:\n      customs: {stages: [desk], cost: {officer_hour: 5USD}}\n"
         "  b:\n    country: CN\n    time_zone: UTC+7\n"
         "    stages:\n      - {id: gate, servers: 1000, service: 1s}\n"
         "crossings:\n  x: {sides: [a, b], bridge: 0s}\n"
         "flows:\n  f:\n    direction: export\n    cargo_mix: {general: 1}\n"
         "    route: [{crossing: x}]\n    arrivals:\n      rate: 20/h\n"
         "      hourly: [0.4,0.4,0.4,0.4,0.4,0.4, 1.6,1.6,1.6,1.6,1.6,1.6, "
         "1.2,1.2,1.2,1.2,1.2,1.2, 0.8,0.8,0.8,0.8,0.8,0.8]\n"
         "optimise:\n  blocks: [\"00-06\", \"06-12\", \"12-18\", \"18-24\"]\n"
         "  levers:\n    - {stage: a.desk, min: 1, max: " +
         max +
         "}\n"
         "  targets:\n"
         "    - \"waited_share{stop=a.desk, hours=00-06} <= 0.2\"\n"
         "    - \"waited_share{stop=a.desk, hours=06-12} <= 0.2\"\n"
         "    - \"waited_share{stop=a.desk, hours=12-18} <= 0.2\"\n"
         "    - \"waited_share{stop=a.desk, hours=18-24} <= 0.2\"\n" +
         optimise_extra;
}

const double kRates[4] = {8, 32, 24, 16};  // per hour; a 10-minute service: load = rate / 6

app::RunOptions options(const std::string& out) {
  app::RunOptions o;
  o.threads = 2;
  o.out = out;
  o.force = true;
  return o;
}

std::string temp_out(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / "bordersim_tests";
  fs::create_directories(dir);
  return (dir / name).string();
}

// One optimisation, two checks: its officers per block against theory, and its plan rerun on
// new seeds.
TEST(OptimiseApp, OfficersPerBlockAreErlangCAndMeetTheTargetsOnNewSeeds) {
  const std::string file = test_support::write_temp("optimise_erlang.yaml", blocks());
  app::OptimiseOptions p;
  p.write_plan = temp_out("optimise_erlang_plan.yaml");
  const app::OptimiseOutcome r =
      app::optimise(app::ScenarioSource::file(file), p, options(temp_out("optimise_erlang.h5")));
  ASSERT_TRUE(r.result.feasible) << r.result.guarantee;
  ASSERT_EQ(r.result.chosen.plan.size(), 4u);
  for (std::size_t b = 0; b < 4; ++b) {
    const int c = studies::servers_for_wait_probability(kRates[b] / 6, 0.2, 50);
    // The seed is the stationary-independent-period answer itself.
    EXPECT_EQ(r.decisions[b].seed, c) << "block " << b;
    const int chosen = r.result.chosen.plan[b];
    // The optimiser's officers equal the smallest c meeting Erlang C in each block, or one more
    // only where c could not be shown to meet the target: the CI at c (the search's
    // replications, the other blocks as chosen) holds the threshold, so both adjacent integers
    // sit within the CI's reach. A wrong allocation shows as c - 1, or c + 1 with c clearly
    // feasible, or c + 2.
    EXPECT_TRUE(chosen == c || chosen == c + 1) << "block " << b << ": " << chosen << " vs " << c;
    if (chosen == c + 1) {
      std::vector<int> fewer = r.result.chosen.plan;
      fewer[b] = c;
      const studies::Candidate* at = nullptr;
      for (const studies::Candidate& h : r.result.history)
        if (h.plan == fewer) at = &h;
      ASSERT_NE(at, nullptr) << "block " << b << ": c was never tried beside the plan";
      EXPECT_LE(at->targets[b].low, 0.2) << "block " << b;
      EXPECT_GT(at->targets[b].high, 0.2) << "block " << b;
    }
  }
  // What a block's officer costs: 6 h x 5 USD, every block open all day.
  for (const app::OptimiseDecision& d : r.decisions) EXPECT_DOUBLE_EQ(d.unit_cost, 30);

  // The plan written is a scenario that extends this one and holds the plan's staffing.
  const models::Scenario plan = models::load_scenario(p.write_plan);
  ASSERT_EQ(plan.sides[0].stages[0].staffing.size(), 4u);
  for (std::size_t b = 0; b < 4; ++b)
    EXPECT_EQ(plan.sides[0].stages[0].staffing[b].servers, r.result.chosen.plan[b]);
  // An independent rerun, on other seeds than the search's and the selection's: each target met
  // within its tolerance (the guarantee's terms) by the rerun's mean.
  app::RunOptions o;
  o.threads = 2;
  o.seed = "987654321";
  o.replications = 10;
  const app::RunOutcome rerun = app::evaluate(app::ScenarioSource::file(p.write_plan), o);
  for (std::size_t t = 0; t < r.targets.size(); ++t) {
    double sum = 0;
    for (const outputs::ReplicationMetrics& m : rerun.metrics)
      sum += app::target_value(r.targets[t], m);
    const double mean = sum / static_cast<double>(rerun.metrics.size());
    EXPECT_LE(mean, r.targets[t].threshold * 1.05) << r.targets[t].text;
  }
}

TEST(OptimiseApp, AnUnreachableTargetIsNamedWithTheBestReached) {
  // Six officers cannot hold the 06-12 block (32 an hour, load 5.3) to P(wait) <= 0.2.
  const std::string file = test_support::write_temp("optimise_infeasible.yaml", blocks("", "6"));
  const std::string out = temp_out("optimise_infeasible.h5");
  const app::OptimiseOutcome r = app::optimise(app::ScenarioSource::file(file), {}, options(out));
  EXPECT_FALSE(r.result.feasible);
  EXPECT_EQ(r.result.unmet_target, "waited_share{stop=a.desk, hours=06-12} <= 0.2");
  // The best reached: below Erlang C's stationary 0.71 at 6 officers, since at a load of 0.89
  // the queue takes hours to build from the night's near-empty desk (the block starts below its
  // stationary state), but well above the target.
  EXPECT_LT(r.result.unmet_best, studies::erlang_c(6, 32.0 / 6) + 0.02);
  EXPECT_GT(r.result.unmet_best, 0.5);
  // The best plan is written all the same: every lever at its bound in that block.
  EXPECT_EQ(r.result.chosen.plan[1], 6);
  EXPECT_TRUE(fs::exists(out));
}

TEST(OptimiseApp, BadTargetsAndLeversAreLocated) {
  auto refused = [](const std::string& targets, const std::string& needle, int line) {
    const std::string text =
        blocks().substr(0, blocks().find("  targets:")) + "  targets:\n" + targets;
    const std::string file = test_support::write_temp("optimise_bad.yaml", text);
    const std::string out = temp_out("optimise_bad.h5");
    fs::remove(out);
    try {
      app::optimise(app::ScenarioSource::file(file), {}, options(out));
      ADD_FAILURE() << "accepted: " << targets;
    } catch (const models::SourceError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_EQ(e.mark().line, line) << e.what();
      EXPECT_GE(e.mark().col, 1);
    }
    EXPECT_FALSE(fs::exists(out)) << "something was written";
    // validate refuses it alike.
    EXPECT_THROW(app::validate(app::ScenarioSource::file(file)), models::SourceError);
  };
  const int line = 37;  // the first target's line in blocks()
  refused("    - \"border_tme_p95 <= 2h\"\n", "did you mean 'border_time_p95'", line);
  refused("    - \"border_time_p95{cargo=durian} <= 2h\"\n", "no cargo class 'durian'", line);
  refused("    - \"waited_share{stop=a.desks} <= 0.2\"\n", "did you mean 'a.desk'", line);
  refused("    - \"border_time_p95{stop=a.desk} <= 2h\"\n", "has no 'a.desk' group", line);
  refused("    - \"border_time_p95 == 2h\"\n", "expected 'metric{group} <= value'", line);
  refused("    - \"waited_share{stop=a.desk} <= 2h\"\n", "give a plain number", line);
  // The command line's levers and targets: usage errors naming the option.
  const std::string file = test_support::write_temp("optimise_cli.yaml", blocks());
  app::OptimiseOptions p;
  p.levers = {"stage:a.dsk=1..4"};
  EXPECT_THROW(app::optimise(app::ScenarioSource::file(file), p, options(temp_out("x.h5"))),
               app::UsageError);
  p.levers = {"stage:a.desk=4..1"};
  EXPECT_THROW(app::optimise(app::ScenarioSource::file(file), p, options(temp_out("x.h5"))),
               app::UsageError);
  p.levers = {};
  p.targets = {"spoiled_share <= 1"};
  p.blocks = {"20-25"};
  p.levers = {"stage:a.desk=1..4"};
  EXPECT_THROW(app::optimise(app::ScenarioSource::file(file), p, options(temp_out("x.h5"))),
               app::UsageError);
}

TEST(OptimiseApp, AgencyLeversPriceOfficersAndPlanTheirStaffing) {
  // Two stages served by one pooled agency: its officers by block are the lever, priced at the
  // officer-hour alone (the booths do not change).
  std::string text = blocks();
  text.replace(text.find("      customs: {stages: [desk], cost: {officer_hour: 5USD}}"),
               std::string("      customs: {stages: [desk], cost: {officer_hour: 5USD}}").size(),
               "      customs: {stages: [desk], officers: 4, cost: {officer_hour: 5USD, "
               "booth_hour: 2USD}}");
  text.replace(text.find("stage: a.desk"), std::string("stage: a.desk").size(),
               "agency: a.customs");
  text.replace(text.find("servers: 4, service"), std::string("servers: 4, service").size(),
               "servers: 12, service");
  text.replace(text.find("horizon: 42d"), std::string("horizon: 42d").size(), "horizon: 22d");
  const std::string file = test_support::write_temp("optimise_agency.yaml", text);
  const app::OptimiseOutcome r =
      app::optimise(app::ScenarioSource::file(file), {}, options(temp_out("optimise_agency.h5")));
  for (const app::OptimiseDecision& d : r.decisions) EXPECT_DOUBLE_EQ(d.unit_cost, 30);
  ASSERT_TRUE(r.result.feasible);
  const std::string plan = app::plan_yaml(r, r.result.chosen.plan, "");
  EXPECT_NE(plan.find("agencies:\n      customs:\n        staffing:"), std::string::npos) << plan;
  // With booths to spare, the officers by block are Erlang C's again (or one more, as above).
  for (std::size_t b = 0; b < 4; ++b) {
    const int c = studies::servers_for_wait_probability(kRates[b] / 6, 0.2, 50);
    EXPECT_GE(r.result.chosen.plan[b], c) << b;
    EXPECT_LE(r.result.chosen.plan[b], c + 1) << b;
  }
}

}  // namespace
