// A parameter declared once (models/schema.cpp, models/params.hpp): every declared key says how
// it reaches the Scenario, every member-filled key reads its documented example, and an absent
// key gives the Scenario its declared default. Overrides as YAML fragments
// (models/overrides.hpp): list items by index or id, whole lists and sections, located errors.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <typeinfo>

#include "models/loader.hpp"
#include "models/loader_section.hpp"
#include "models/overrides.hpp"
#include "models/schema.hpp"
#include "studies/sweep.hpp"

namespace {

using models::Field;
using models::SectionSchema;

// Calls `fn` with two value-initialised objects of the type `t` names, if it is one of `T...`.
using TargetFn = std::function<void(void*, void*)>;
template <class T>
bool try_target(const std::type_info& t, const TargetFn& fn) {
  if (t != typeid(T)) return false;
  T a{}, b{};
  fn(&a, &b);
  return true;
}
template <class... T>
bool with_target(const std::type_info& t, const TargetFn& fn) {
  return (try_target<T>(t, fn) || ...);
}
bool with_any_target(const std::type_info& t, const TargetFn& fn) {
  using namespace models;
  return with_target<Scenario, Outputs, Cargo, GateSide, Restriction, Hours, ExtendedHours, Closure,
                     Stage, Channel, Lane, Crossing, JointFacility, PreArrival, Place, Leg, Flow,
                     SeasonFactor, RouteChoice, Behaviour, EmptyReturn, Rail, Target, Response,
                     Notice, OptimiseSpec>(t, fn);
}

TEST(Params, EveryDeclaredKeyHasAMemberOrAReader) {
  int filled = 0, by_hand = 0, whole = 0;
  for (const SectionSchema* s : models::all_schemas()) {
    if (s->by_hand) {
      EXPECT_STRNE(s->by_hand, "") << s->path;
      ++whole;
      for (const Field& f : s->fields)
        EXPECT_EQ(f.fill.read, nullptr) << s->path << "." << f.key << ": in a by-hand section";
      continue;
    }
    for (const Field& f : s->fields) {
      const bool member = f.fill.read != nullptr && f.fill.target != nullptr;
      const bool hand = f.fill.by_hand != nullptr && *f.fill.by_hand != '\0';
      EXPECT_TRUE(member != hand) << s->path << "." << f.key
                                  << ": declare the member it fills (member<>, setter<>) or why "
                                     "loader code reads it (by_hand)";
      member ? ++filled : ++by_hand;
    }
  }
  // Most keys are plain: a regression to hand-written reading shows here.
  EXPECT_GE(filled, 80) << "member-filled keys";
  RecordProperty("member_filled", filled);
  RecordProperty("by_hand", by_hand);
  RecordProperty("by_hand_sections", whole);
}

// Every member-filled key reads its documented example into a member of the declared struct:
// the Field's type fits the member's (else std::logic_error), and the example is a valid value.
TEST(Params, EveryFilledKeyReadsItsExample) {
  int read = 0;
  for (const SectionSchema* s : models::all_schemas())
    for (const Field& f : s->fields) {
      if (!f.fill.read) continue;
      ASSERT_STRNE(f.example, "") << s->path << "." << f.key << " has no example";
      const models::YamlNode n =
          models::parse_yaml(std::string(f.key) + ": " + f.example, "example");
      const models::detail::Section sec(n, s->path, *s);
      const bool known = with_any_target(*f.fill.target, [&](void* obj, void*) {
        try {
          f.fill.read(sec, f, obj);
          ++read;
        } catch (const std::exception& e) {
          ADD_FAILURE() << s->path << "." << f.key << " = " << f.example << ": " << e.what();
        }
      });
      EXPECT_TRUE(known) << s->path << "." << f.key << ": add its struct to with_any_target";
    }
  EXPECT_GE(read, 80);
}

// The structs' member initializers (scenario.hpp) only make a hand-built value well formed: the
// loader gives every member-filled key its declared default. Where an initializer differs from
// the declaration it is listed here, so a new second default is seen when it appears.
TEST(Params, StructInitializersDifferFromTheDeclarationsOnlyWhereListed) {
  const std::set<std::string> listed = {"cargo.<id>.payload", "crossings.<id>.bridge",
                                        "rail.<id>.run_time", "targets.<id>.tolerance"};
  std::set<std::string> differ;
  for (const SectionSchema* s : models::all_schemas())
    for (const Field& f : s->fields) {
      if (!f.fill.same || !f.default_value || !*f.default_value) continue;
      with_any_target(*f.fill.target, [&](void* plain, void* declared) {
        const models::detail::Section empty(models::detail::empty_mapping(), s->path, *s);
        f.fill.read(empty, f, declared);
        if (!f.fill.same(plain, declared)) differ.insert(std::string(s->path) + "." + f.key);
      });
    }
  EXPECT_EQ(differ, listed);
}

// A scenario that writes only required keys (and sections needed to reach the others).
const std::string kMinimal = R"(name: t
start: 2025-04-07 00:00
horizon: 2d
exchange_rates: {CNY: 7}
cargo:
  general: {}
places:
  a: {}
  b: {}
gate_sides:
  vn:
    country: VN
    time_zone: UTC+7
    hours: {open: "07:00", close: "19:00"}
    extended_hours: [{from: 2025-04-08, to: 2025-04-09, open: "06:00", close: "22:00"}]
    closures: [{from: 2025-04-10, to: 2025-04-10}]
    restrictions: [{from: 2025-04-11, to: 2025-04-12}]
    yard: {}
    stages:
      - id: customs
        channels: {green: {share: 1, service: 1min}}
        hold: {probability: 0.1, delay: 1h}
        lane: {servers: 1}
  cn:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: inspection, service: 4min}
crossings:
  gate:
    sides: [vn, cn]
    mode: single_window
    joint: {}
    pre_arrival: {share: 0.5}
    transshipment: {share: 0.5, time: 1h}
legs:
  road: {}
flows:
  exports:
    direction: export
    cargo_mix: {general: 1}
    routes: {one: [{crossing: gate}], two: [{leg: road}, {crossing: gate}]}
    arrivals: {rate: 100/day, seasons: [{from: 2025-04-07, to: 2025-04-08, factor: 2}]}
    empty_return: {probability: 0.5, after: 2h, flow: back}
    behaviour: {}
  back:
    direction: import
    route: [{crossing: gate}]
rail:
  r:
    station: vn
    time_zone: UTC+7
    departures: ["08:00"]
    wagons_per_day: 10
    cargo_mix: {general: 1}
    terminal: {id: t1, move_time: 30min, time_zone: UTC+8}
targets:
  x: {metric: throughput_per_day, value: 1, figure: f, source: s, measures: m}
)";

struct DefaultsCheck {
  int checked = 0;
  // Every member-filled key of `section` with a declared default that `written` (the object's
  // mapping in the file) does not give: the member `got` holds equals the declared default.
  template <class T>
  void expect(const char* section, const T& got, const models::YamlNode& written) {
    const SectionSchema& sch = models::schema(section);
    const T want = models::detail::declared_defaults<T>(sch);
    for (const Field& f : sch.fields) {
      if (!f.fill.same || !f.default_value || !*f.default_value) continue;
      if (*f.fill.target != typeid(T) || written.find(f.key)) continue;
      ++checked;
      EXPECT_TRUE(f.fill.same(&got, &want))
          << section << "." << f.key << ": the Scenario does not get the declared default "
          << f.default_value;
    }
  }
};

TEST(Params, AbsentKeysGiveTheScenarioTheDeclaredDefault) {
  const models::Scenario sc = models::load_scenario_text(kMinimal, "minimal.yaml");
  const models::YamlNode t = models::parse_yaml(kMinimal, "minimal.yaml");
  const auto at = [&](std::initializer_list<const char*> keys) {
    const models::YamlNode* n = &t;
    for (const char* k : keys) n = n->find(k);
    return *n;
  };
  const models::YamlNode vn = at({"gate_sides", "vn"});
  const models::YamlNode stage = vn.find("stages")->items[0];
  DefaultsCheck d;
  d.expect("scenario", sc, t);
  d.expect("outputs", sc.outputs, models::detail::empty_mapping());
  d.expect("cargo", sc.cargo[0], at({"cargo", "general"}));
  d.expect("gate_side", sc.sides[0], vn);
  d.expect("hours", sc.sides[0].hours, *vn.find("hours"));
  d.expect("extended_hours", sc.sides[0].extended[0], vn.find("extended_hours")->items[0]);
  d.expect("closure", sc.sides[0].closures[0], vn.find("closures")->items[0]);
  d.expect("restriction", sc.sides[0].restrictions[0], vn.find("restrictions")->items[0]);
  d.expect("yard", sc.sides[0], *vn.find("yard"));
  d.expect("stage", sc.sides[0].stages[0], stage);
  d.expect("stage", sc.sides[1].stages[0], at({"gate_sides", "cn"}).find("stages")->items[0]);
  d.expect("channel", sc.sides[0].stages[0].channels[0], *stage.find("channels")->find("green"));
  d.expect("hold", sc.sides[0].stages[0], *stage.find("hold"));
  d.expect("lane", sc.sides[0].stages[0].lane, *stage.find("lane"));
  d.expect("crossing", sc.crossings[0], at({"crossings", "gate"}));
  d.expect("joint", sc.crossings[0].joint, models::detail::empty_mapping());
  d.expect("pre_arrival", sc.crossings[0].pre_arrival,
           *at({"crossings", "gate"}).find("pre_arrival"));
  d.expect("transshipment", sc.crossings[0], *at({"crossings", "gate"}).find("transshipment"));
  d.expect("place", sc.places[0], at({"places", "a"}));
  d.expect("leg", sc.legs[0], at({"legs", "road"}));
  const models::YamlNode exports = at({"flows", "exports"});
  d.expect("flow", sc.flows[0], exports);
  ASSERT_TRUE(sc.flows[0].choice.has_value());
  d.expect("choice", *sc.flows[0].choice, models::detail::empty_mapping());
  d.expect("behaviour", sc.flows[0].behaviour, *exports.find("behaviour"));
  d.expect("empty_return", *sc.flows[0].empty_return, *exports.find("empty_return"));
  d.expect("season", sc.flows[0].arrivals.seasons[0],
           exports.find("arrivals")->find("seasons")->items[0]);
  d.expect("rail", sc.rail[0], at({"rail", "r"}));
  d.expect("terminal", sc.rail[0], *at({"rail", "r"}).find("terminal"));
  d.expect("target", sc.targets[0], at({"targets", "x"}));
  EXPECT_GE(d.checked, 40);
}

// ---- overrides --------------------------------------------------------------------------------

const std::string kTwoSides = R"(name: t
start: 2025-04-07 00:00
horizon: 2d
cargo:
  general: {priority_eligible: true}
gate_sides:
  vn:
    country: VN
    time_zone: UTC+7
    stages:
      - {id: documents, kind: documents, service: 2min}
      - {id: customs, service: 5min}
      - {id: quarantine, service: 3min}
  cn:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: inspection, service: 4min}
crossings:
  gate: {sides: [vn, cn]}
flows:
  exports:
    direction: export
    cargo_mix: {general: 1}
    route: [{crossing: gate}]
    arrivals: {rate: 100/day}
)";

models::Scenario with(std::initializer_list<std::pair<const char*, const char*>> sets) {
  models::YamlNode tree = models::load_merged_tree_text(kTwoSides, "two.yaml");
  for (const auto& [path, value] : sets)
    models::set_in_tree(tree, path, value, std::string("--set ") + path);
  return models::load_scenario_tree(tree, "two.yaml", kTwoSides);
}

models::SourceError error_of(const char* path, const char* value) {
  try {
    with({{path, value}});
  } catch (const models::SourceError& e) {
    return e;
  }
  ADD_FAILURE() << path << "=" << value << " was accepted";
  return models::SourceError("", {}, "", "");
}

TEST(Overrides, PickListItemsByIndexAndById) {
  EXPECT_EQ(with({{"gate_sides.vn.stages[2].servers", "3"}}).sides[0].stages[2].servers, 3);
  EXPECT_EQ(with({{"gate_sides.vn.stages.customs.servers", "4"}}).sides[0].stages[1].servers, 4);
  EXPECT_EQ(with({{"gate_sides.vn.stages[customs].servers", "5"}}).sides[0].stages[1].servers, 5);
  // A scalar override as before fragments: the text as written.
  EXPECT_EQ(with({{"crossings.gate.mode", "single_window"}}).crossings[0].mode,
            models::CbtaMode::SingleWindow);
}

TEST(Overrides, ReplaceWholeSectionsAndLists) {
  const models::Scenario lane = with({{"gate_sides.vn.stages[0].lane", "{servers: 2}"}});
  EXPECT_EQ(lane.sides[0].stages[0].lane.servers, 2);
  const models::Scenario hourly = with(
      {{"flows.exports.arrivals.hourly", "[0,0,0,0,0,0,2,2,2,2,2,2,2,2,2,2,2,2,0,0,0,0,0,0]"}});
  EXPECT_DOUBLE_EQ(hourly.flows[0].arrivals.hourly[0], 0);
  EXPECT_DOUBLE_EQ(hourly.flows[0].arrivals.hourly[6], 2);
  const models::Scenario stages = with(
      {{"gate_sides.cn.stages", "[{id: a, service: 1min}, {id: b, servers: 2, service: 2min}]"}});
  ASSERT_EQ(stages.sides[1].stages.size(), 2u);
  EXPECT_EQ(stages.sides[1].stages[1].id, "b");
  EXPECT_EQ(stages.sides[1].stages[1].servers, 2);
  // A mapping replaces, it does not merge: the stage written whole.
  const models::Scenario one =
      with({{"gate_sides.vn.stages[1]", "{id: customs, servers: 6, service: 1min}"}});
  EXPECT_EQ(one.sides[0].stages[1].servers, 6);
  EXPECT_EQ(one.sides[0].stages[1].service.mean(), 60);
  // The last key is created; `null` is absent (the declared default).
  EXPECT_EQ(with({{"outputs", "{vehicles: all}"}}).outputs.vehicles, models::TableScope::All);
  EXPECT_EQ(with({{"gate_sides.vn.stages[0].servers", "null"}}).sides[0].stages[0].servers, 1);
}

TEST(Overrides, ErrorsNameTheOriginTheColumnAndTheKey) {
  // An unknown key inside the fragment: at its column in the fragment.
  const auto unknown = error_of("gate_sides.vn.stages[0].lane", "{servrs: 2}");
  EXPECT_EQ(unknown.file(), "--set gate_sides.vn.stages[0].lane");
  EXPECT_EQ(unknown.mark().line, 1);
  EXPECT_EQ(unknown.mark().col, 2);
  EXPECT_EQ(unknown.key_path(), "gate_sides.vn.stages[0].lane.servrs");
  EXPECT_NE(unknown.message().find("did you mean 'servers'"), std::string::npos) << unknown.what();
  // A value the loader refuses: at the value's column.
  const auto range = error_of("gate_sides.vn.stages[0].lane", "{servers: 0}");
  EXPECT_EQ(range.mark().col, 11);
  EXPECT_EQ(range.key_path(), "gate_sides.vn.stages[0].lane.servers");
  // YAML syntax.
  const auto syntax = error_of("gate_sides.vn.stages[0].lane", "{servers: 2");
  EXPECT_EQ(syntax.file(), "--set gate_sides.vn.stages[0].lane");
  EXPECT_EQ(syntax.key_path(), "gate_sides.vn.stages[0].lane");
  EXPECT_GT(syntax.mark().line, 0);
  EXPECT_EQ(syntax.mark().col, 1);
  EXPECT_NE(syntax.message().find("'{' is not closed"), std::string::npos) << syntax.what();
  const auto yaml = error_of("gate_sides.vn.stages[0].lane", "{servers: 2, servers: 3}");
  EXPECT_EQ(yaml.mark().col, 14);
  EXPECT_NE(yaml.message().find("duplicate key"), std::string::npos) << yaml.what();
  // An index out of range, an unknown id, an unknown key on the way.
  const auto index = error_of("gate_sides.vn.stages[3].servers", "2");
  EXPECT_EQ(index.key_path(), "gate_sides.vn.stages[3]");
  EXPECT_NE(index.message().find("out of range"), std::string::npos) << index.what();
  EXPECT_NE(index.message().find("3 items (0 to 2)"), std::string::npos) << index.what();
  const auto id = error_of("gate_sides.vn.stages.custom.servers", "2");
  EXPECT_NE(id.message().find("did you mean 'customs'"), std::string::npos) << id.what();
  const auto key = error_of("gate_side.vn.country", "VN");
  EXPECT_NE(key.message().find("did you mean 'gate_sides'"), std::string::npos) << key.what();
  const auto not_list = error_of("crossings.gate[0].mode", "sequential");
  EXPECT_NE(not_list.message().find("needs a list"), std::string::npos) << not_list.what();
  EXPECT_THROW(with({{"gate_sides..vn", "1"}}), models::SourceError);
  EXPECT_THROW(with({{"gate_sides.vn.stages[0", "1"}}), models::SourceError);
}

TEST(Overrides, SweepValuesSplitAtTopLevelCommas) {
  using V = std::vector<std::string>;
  EXPECT_EQ(outputs::split_alternatives("1,2,3"), (V{"1", "2", "3"}));
  EXPECT_EQ(outputs::split_alternatives("[1,2],[3,4]"), (V{"[1,2]", "[3,4]"}));
  EXPECT_EQ(outputs::split_alternatives("[[1,2],[3,4]]"), (V{"[[1,2],[3,4]]"}));
  EXPECT_EQ(outputs::split_alternatives("{servers: 1, from: 2025-06-01}, {servers: 2}"),
            (V{"{servers: 1, from: 2025-06-01}", "{servers: 2}"}));
  EXPECT_EQ(outputs::split_alternatives(R"("a, b",'c, d',e)"), (V{R"("a, b")", "'c, d'", "e"}));
  EXPECT_THROW(outputs::parse_sweep_set("a.b=1,,2"), outputs::SweepError);
  const auto axis =
      outputs::parse_sweep_set("gate_sides.vn.stages[0].lane={servers: 1},{servers: 2}");
  EXPECT_EQ(axis.path, "gate_sides.vn.stages[0].lane");
  EXPECT_EQ(axis.values, (V{"{servers: 1}", "{servers: 2}"}));
  const auto points = outputs::sweep_points(models::load_merged_tree_text(kTwoSides, "two.yaml"),
                                            "two.yaml", kTwoSides, {axis});
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[1].scenario.sides[0].stages[0].lane.servers, 2);
  EXPECT_EQ(points[1].label, "gate_sides.vn.stages[0].lane={servers: 2}");
}

}  // namespace
