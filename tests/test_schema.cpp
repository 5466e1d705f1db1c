// The schema as the single place for allowed values and defaults: each closed set maps to the
// right C++ value, and an absent key takes the declared default.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "models/loader.hpp"
#include "models/schema.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace {

const std::string kBase = R"(name: t
start: 2025-04-07 00:00
horizon: 2d
cargo:
  general: {payload: 25t}
gate_sides:
  vn:
    country: VN
    time_zone: UTC+7
    stages:
      - {id: customs, service: 5min}
  cn:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: inspection, kind: quarantine, direction: inbound, service: {dist: erlang, mean: 4min, k: 2}}
flows:
  exports:
    direction: import
    cargo_mix: {general: 1}
    route: [{crossing: gate}]
    arrivals: {rate: 100/day}
)";

// Every section the loader reads is documented (the yard's section was not: its `shared` and
// `road` keys were missing from `bordersim schema`; issue 23).
TEST(Schema, EverySectionIsDocumented) {
  const auto& documented = models::all_schemas();
  for (const std::string& name : models::schema_names())
    EXPECT_NE(std::find(documented.begin(), documented.end(), &models::schema(name)),
              documented.end())
        << name;
  EXPECT_NE(models::schema_markdown().find("\n## `yard`"), std::string::npos);
}

TEST(Schema, ChoiceDefaultsAreAllowedValues) {
  for (const models::SectionSchema* s : models::all_schemas())
    for (const models::Field& f : s->fields) {
      if (f.choices.empty() || f.default_value == nullptr || *f.default_value == '\0') continue;
      EXPECT_NE(f.find_choice(f.default_value), nullptr) << s->path << "." << f.key;
    }
}

TEST(Schema, DistributionKindsTakeDeclaredKeys) {
  const models::SectionSchema& d = models::schema("distribution");
  for (const models::Choice& c : d.find("dist")->choices)
    for (const std::string& key : c.takes)
      EXPECT_NE(d.find(key), nullptr) << c.value << " takes " << key;
}

TEST(Schema, AbsentKeysTakeTheDeclaredDefaults) {
  const models::Scenario sc = models::load_scenario_text(
      kBase + "crossings:\n  gate: {sides: [vn, cn]}\n", "defaults.yaml");
  EXPECT_EQ(sc.seed, sim::kDefaultSeed);
  EXPECT_EQ(std::string(models::schema("scenario").find("seed")->default_value),
            std::to_string(sim::kDefaultSeed));
  EXPECT_EQ(sc.outputs.vehicles, models::TableScope::First);
  EXPECT_EQ(sc.outputs.visits, models::TableScope::First);
  EXPECT_EQ(sc.outputs.timeseries_step_s, sim::kHour);
  const models::Crossing& c = sc.crossings[0];
  EXPECT_EQ(c.mode, models::CbtaMode::Sequential);
  EXPECT_EQ(c.joint_rule, models::JointRule::Max);
  EXPECT_EQ(c.bridge.kind(), sim::Distribution::Kind::Deterministic);
  EXPECT_EQ(c.bridge.mean(), 5 * sim::kMinute);
  const models::Stage& st = sc.sides[0].stages[0];
  EXPECT_EQ(st.kind, "inspection");
  EXPECT_TRUE(st.outbound && st.inbound);
}

TEST(Schema, ChoicesMapToTheirValues) {
  const models::Scenario sc = models::load_scenario_text(
      kBase +
          "crossings:\n  gate: {sides: [vn, cn], mode: single_window, joint_service: factor, "
          "joint_factor: 0.7}\n"
          "outputs: {vehicles: all, visits: none}\n"
          "rail:\n  r:\n    station: vn\n    time_zone: UTC+7\n    departures: [\"08:00\"]\n"
          "    days: [Tue, Sun]\n    wagons_per_day: 10\n    cargo_mix: {general: 1}\n"
          "    terminal: {id: t, move_time: 30min, time_zone: UTC+8}\n",
      "choices.yaml");
  EXPECT_EQ(sc.crossings[0].mode, models::CbtaMode::SingleWindow);
  EXPECT_EQ(sc.crossings[0].joint_rule, models::JointRule::Factor);
  EXPECT_EQ(sc.outputs.vehicles, models::TableScope::All);
  EXPECT_EQ(sc.outputs.visits, models::TableScope::None);
  EXPECT_FALSE(sc.flows[0].export_direction);
  const models::Stage& st = sc.sides[1].stages[0];
  EXPECT_EQ(st.kind, "quarantine");
  EXPECT_FALSE(st.outbound);
  EXPECT_TRUE(st.inbound);
  EXPECT_EQ(st.service.kind(), sim::Distribution::Kind::Erlang);
  EXPECT_EQ(sc.rail[0].days, (std::vector<bool>{false, true, false, false, false, false, true}));
}

}  // namespace
