// The scenario loader's state while it reads one merged tree: the Scenario being built and the
// ids defined so far (later sections refer to earlier ones by id). Internal to the loader, whose
// parts are:
//   loader.cpp          entry points, `extends`; top level, zones, money, cargo, legs, outputs
//   loader_network.cpp  places, the network keys of legs and crossings, a flow's routes
//   loader_sides.cpp    gate sides, stages, crossings, intakes
//   loader_cbta.cpp     a crossing's CBTA switches (joint facilities, pre-arrival, reforms)
//   loader_flows.cpp    flows, arrival processes, rail
//   loader_targets.cpp  `targets:`
//   loader_initial.cpp  `initial_state:`
//   loader_uncertain.cpp  `uncertain:`, and the check of every end and alternative
//   loader_section.*    the typed reader they all use (Section: keys, units, located errors)
#pragma once

#include <string>
#include <vector>

#include "models/loader_section.hpp"

namespace models::detail {

struct Loader {
  Scenario sc;
  std::vector<std::string> cargo_names, side_names, crossing_names, leg_names, flow_names,
      place_names;

  // The top level, zones, money, cargo and legs (loader.cpp).
  void top(const YamlNode& root, const std::string& base_dir);
  // A place's zone: its offset at the scenario's start (read first), the use remembered for
  // check_zone_offsets; `text` gets the zone as written.
  int zone(const Section& s, const char* key, std::string* text = nullptr);
  void cargo(const YamlNode& n);
  // The scenario's reporting currency and exchange rates (before anything with money is read).
  void money(const Section& top);
  // An amount of money read at `key` of `s`, in the reporting currency; a currency with no rate
  // is an error at that key.
  double to_reporting(const Section& s, const char* key, const units::Money& m) const;
  // Cargo classes a stage applies to (all when the key is absent), indexed by cargo.
  std::vector<bool> cargo_set(const Section& s, const char* key);
  void legs(const YamlNode& n);
  // The network (loader_network.cpp): places, the network keys of legs and crossings, and a
  // flow's routes and route choice.
  void places(const YamlNode& n);
  void leg_network(const Section& s, Leg& leg);
  void crossing_network(const Section& s, Crossing& c);
  std::vector<RouteStep> route_steps(const YamlNode& list, const std::string& path);
  double value_of_time_per_h(const Section& flow) const;
  void flow_routes(const Section& s, Flow& f);

  // Gate sides and crossings (loader_sides.cpp).
  void gate_sides(const YamlNode& n);
  Stage stage(const YamlNode& n, const std::string& path);
  void crossings(const YamlNode& n);
  Intake intake(const Section& s);
  // The CBTA switches of a crossing (loader_cbta.cpp); `side_changed_by` records which crossing
  // reformed a side.
  void cbta(const Section& s, Crossing& c, std::vector<std::string>& side_changed_by);

  void check_flow_count(std::size_t count, const YamlNode& at) const;  // loader.cpp
  // What arrives (loader_flows.cpp).
  void flows(const YamlNode& n, const std::string& base_dir);
  ArrivalProcess arrivals(const Section& s, const std::string& base_dir);
  void rail(const YamlNode& n);
  void notices(const YamlNode& n);                            // after crossings and cargo
  void targets(const YamlNode& n);                            // loader_targets.cpp
  void uncertain(const YamlNode& n, const YamlNode& root);    // loader_uncertain.cpp
  std::vector<StaffingEntry> staffing(const Section& stage);  // loader_staffing.cpp
  void agencies(const Section& side, GateSide& g);            // after its stages
  void optimise(const YamlNode& n);                           // loader_optimise.cpp
  // `initial_state:` (loader_initial.cpp), and where one of its queues stands.
  void initial_state(const YamlNode& n, const std::string& base_dir);
  void place_queue(InitialQueue& q, const std::string& crossing, const std::string& route,
                   const std::string& cargo, const YamlNode& at, const std::string& path);
};

}  // namespace models::detail
