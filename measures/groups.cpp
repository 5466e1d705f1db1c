#include <algorithm>
#include <string>
#include <vector>

#include "measures/catalogue.hpp"
#include "models/scenario.hpp"

namespace outputs {

const std::vector<LookupSpec>& lookup_specs() {
  static const std::vector<LookupSpec> specs = {
      {"flows", "road flows in scenario order, then rail services (their wagons' flow)", {}},
      {"cargo",
       "cargo classes with their currency (table `/lookup/cargo` above); 65535 = empty truck is "
       "not listed",
       {}},
      {"stops",
       "what vehicles queue at: a stage (`<side>.<stage>`), a joint stop, or a rail terminal",
       {}},
      {"treatments",
       "vehicles.treatment and the third part of a flow/cargo/treatment group",
       {"regular", "priority"}},
      {"queues",
       "visits.queue: the shared queue, the shared queue served by priority, or the dedicated lane",
       {"shared", "shared_priority", "lane"}},
      {"outcomes",
       "vehicles.outcome",
       {"released", "rejected", "in_system", "balked", "reneged", "turned_back", "refused", "lost",
        "dumped", "cancelled", "diverted", "held"}},
      {"modes", "vehicles.mode", {"truck", "wagon"}},
      {"sides", "gate sides (the `side` code of summary rows)", {}},
      {"crossings", "crossings in scenario order (the `crossing` code of summary rows)", {}},
      {"directions",
       "the `direction` code of summary rows of a crossing's backlog (for a `yard` group: 0 "
       "outbound, 1 inbound, -1 shared)",
       {"export", "import"}},
      {"group_kinds", "the `group_kind` code of summary, comparison and points rows", {}},
      {"rail", "rail services in scenario order (trains.rail)", {}},
      {"routes",
       "every flow's routes in scenario order, `<flow>/<route>` (vehicles.route, the "
       "`route` code of summary rows)",
       {}},
      {"stop_kinds", "/stops.kind", {"stop", "terminal", "pool", "intake", "yard"}},
      {"stop_directions",
       "/stops.direction: both, a crossing's export or import, a side's outbound or inbound",
       {"both", "export", "import", "outbound", "inbound"}},
      {"agencies",
       "every side's agencies (`agencies:`), `<side>.<agency>` (the `agency` code of summary "
       "rows)",
       {}},
      {"responses",
       "vehicles.response: what a load's shipper did on an announcement or a notice",
       {"none", "deferred", "cancelled", "diverted"}},
  };
  return specs;
}

const std::vector<std::string>& treatment_names() {
  return lookup_specs()[3].names;
}
const std::vector<std::string>& queue_names() {
  return lookup_specs()[4].names;
}
const std::vector<std::string>& direction_names() {
  return lookup_specs()[9].names;
}

// ---- groups ---------------------------------------------------------------------------------

Group all_group() {
  return Group{};
}
Group cargo_group(std::uint16_t cargo) {
  return Group{GroupKind::Cargo, -1, cargo, -1, -1, -1, -1, -1};
}
Group flow_cargo_group(std::uint16_t flow, std::uint16_t cargo) {
  return Group{GroupKind::FlowCargo, flow, cargo, -1, -1, -1, -1, -1};
}
Group flow_cargo_treatment_group(std::uint16_t flow, std::uint16_t cargo, models::Treatment t) {
  return Group{
      GroupKind::FlowCargoTreatment, flow, cargo, static_cast<std::int32_t>(t), -1, -1, -1, -1};
}
Group flow_stop_group(std::uint16_t flow, std::uint16_t stop) {
  return Group{GroupKind::FlowStop, flow, -1, -1, stop, -1, -1, -1};
}
Group stop_group(std::size_t stop) {
  return Group{GroupKind::Stop, -1, -1, -1, static_cast<std::int32_t>(stop), -1, -1, -1};
}
Group side_group(std::size_t side) {
  return Group{GroupKind::Side, -1, -1, -1, -1, static_cast<std::int32_t>(side), -1, -1};
}
Group rail_group(std::uint16_t flow) {
  return Group{GroupKind::Rail, flow, -1, -1, -1, -1, -1, -1};
}
Group crossing_direction_group(std::size_t crossing, Direction d) {
  return Group{
      GroupKind::CrossingDirection, -1, -1, -1, -1, -1, static_cast<std::int32_t>(crossing),
      static_cast<std::int32_t>(d)};
}

Group cargo_direction_group(std::uint16_t cargo, Direction d) {
  return Group{GroupKind::CargoDirection, -1, cargo, -1, -1, -1, -1, static_cast<std::int32_t>(d)};
}

Group flow_route_group(std::uint16_t flow, std::int32_t route) {
  Group g;
  g.kind = GroupKind::FlowRoute;
  g.flow = flow;
  g.route = route;
  return g;
}

std::int32_t agency_code(const models::Scenario& sc, std::size_t side, std::size_t agency) {
  std::size_t code = 0;
  for (std::size_t s = 0; s < side && s < sc.sides.size(); ++s) code += sc.sides[s].agencies.size();
  return static_cast<std::int32_t>(code + agency);
}

Group agency_group(std::int32_t code) {
  Group g;
  g.kind = GroupKind::Agency;
  g.agency = code;
  return g;
}

std::uint16_t flow_code(const models::Scenario& sc, models::Source source) {
  return static_cast<std::uint16_t>(source.is_rail() ? sc.flows.size() + source.index
                                                     : source.index);
}

std::int32_t route_code(const models::Scenario& sc, std::size_t flow, std::size_t route) {
  std::size_t code = 0;
  for (std::size_t f = 0; f < flow && f < sc.flows.size(); ++f) code += sc.flows[f].routes.size();
  return static_cast<std::int32_t>(code + route);
}

Group yard_group(std::size_t side, std::int32_t area) {
  return Group{GroupKind::Yard, -1, -1, -1, -1, static_cast<std::int32_t>(side), -1, area};
}

const std::vector<std::string>& yard_area_names() {
  static const std::vector<std::string> names = {"outbound", "inbound"};
  return names;
}

const std::array<GroupKindSpec, kGroupKinds>& group_kinds() {
  static const std::array<GroupKindSpec, kGroupKinds> kinds = {{
      {GroupKind::All, "all", "`all`"},
      {GroupKind::Cargo, "cargo", "`cargo:<cargo>`"},
      {GroupKind::FlowCargo, "flow_cargo", "`<flow>/<cargo>`"},
      {GroupKind::FlowCargoTreatment, "flow_cargo_treatment", "`<flow>/<cargo>/<treatment>`"},
      {GroupKind::FlowStop, "flow_stop", "`<flow>@<stop>`"},
      {GroupKind::Stop, "stop", "`<stop>`"},
      {GroupKind::Side, "side", "`<side>`"},
      {GroupKind::Rail, "rail", "`<rail service>`"},
      {GroupKind::CrossingDirection, "crossing_direction", "`<crossing>.<direction>`"},
      {GroupKind::Yard, "yard",
       "`<side>.outbound`, `<side>.inbound`, or `<side>` for a shared area"},
      {GroupKind::CargoDirection, "cargo_direction", "`cargo:<cargo>/<export|import>`"},
      {GroupKind::FlowRoute, "flow_route", "`<flow>/route:<route>`"},
      {GroupKind::Agency, "agency", "`agency:<side>.<agency>`"},
  }};
  return kinds;
}

namespace {
const std::string& name_at(const std::vector<std::string>& names, std::int32_t code) {
  static const std::string unknown = "?";
  return code >= 0 && static_cast<std::size_t>(code) < names.size()
             ? names[static_cast<std::size_t>(code)]
             : unknown;
}
}  // namespace

std::string GroupNames::cargo_name(std::int32_t code) const {
  return code == models::kEmptyCargo ? std::string("empty") : name_at(cargo, code);
}
const std::string& GroupNames::flow_name(std::int32_t code) const {
  return name_at(flows, code);
}
const std::string& GroupNames::stop_name(std::int32_t code) const {
  return name_at(stops, code);
}
const std::string& GroupNames::side_name(std::int32_t code) const {
  return name_at(sides, code);
}
const std::string& GroupNames::agency_name(std::int32_t code) const {
  return name_at(agencies, code);
}
const std::string& GroupNames::crossing_name(std::int32_t code) const {
  return name_at(crossings, code);
}
const std::string& GroupNames::route_name(std::int32_t code) const {
  return name_at(routes, code);
}

GroupNames group_names(const models::Scenario& sc, const std::vector<std::string>& stop_names) {
  GroupNames n;
  for (const auto& f : sc.flows) n.flows.push_back(f.id);
  for (const auto& r : sc.rail) n.flows.push_back(r.id);
  for (const auto& c : sc.cargo) n.cargo.push_back(c.id);
  n.stops = stop_names;
  for (const auto& s : sc.sides) {
    n.sides.push_back(s.id);
    for (const auto& a : s.agencies) n.agencies.push_back(s.id + "." + a.id);
  }
  for (const auto& c : sc.crossings) n.crossings.push_back(c.id);
  for (const auto& f : sc.flows)
    for (const auto& r : f.routes) n.routes.push_back(f.id + "/" + r.id);
  return n;
}

std::string group_label(const Group& g, const GroupNames& n) {
  switch (g.kind) {
    case GroupKind::All:
      return "all";
    case GroupKind::Cargo:
      return "cargo:" + n.cargo_name(g.cargo);
    case GroupKind::FlowCargo:
      return n.flow_name(g.flow) + "/" + n.cargo_name(g.cargo);
    case GroupKind::FlowCargoTreatment:
      return n.flow_name(g.flow) + "/" + n.cargo_name(g.cargo) + "/" +
             name_at(treatment_names(), g.treatment);
    case GroupKind::FlowStop:
      return n.flow_name(g.flow) + "@" + n.stop_name(g.stop);
    case GroupKind::Stop:
      return n.stop_name(g.stop);
    case GroupKind::Side:
      return n.side_name(g.side);
    case GroupKind::Rail:
      return n.flow_name(g.flow);
    case GroupKind::CrossingDirection:
      return n.crossing_name(g.crossing) + "." + name_at(direction_names(), g.direction);
    case GroupKind::FlowRoute: {
      const std::string& r = n.route_name(g.route);
      const std::size_t slash = r.find('/');
      return n.flow_name(g.flow) +
             "/route:" + (slash == std::string::npos ? r : r.substr(slash + 1));
    }
    case GroupKind::CargoDirection:
      return "cargo:" + n.cargo_name(g.cargo) + "/" + name_at(direction_names(), g.direction);
    case GroupKind::Agency:
      return "agency:" + n.agency_name(g.agency);
    case GroupKind::Yard:
      return g.direction < 0 ? n.side_name(g.side)
                             : n.side_name(g.side) + "." + name_at(yard_area_names(), g.direction);
  }
  throw std::logic_error("group kind");
}

row::GroupCodes group_codes(const Group& g) {
  return row::GroupCodes{static_cast<std::uint8_t>(g.kind),
                         g.flow,
                         g.cargo,
                         g.treatment,
                         g.stop,
                         g.side,
                         g.crossing,
                         g.direction,
                         g.route,
                         g.agency};
}

Group group_of(const row::GroupCodes& c) {
  const auto kind = static_cast<GroupKind>(c.group_kind);
  return Group{static_cast<GroupKind>(c.group_kind),
               c.flow,
               c.cargo,
               c.treatment,
               c.stop,
               c.side,
               c.crossing,
               c.direction,
               c.route,
               kind == GroupKind::Agency ? c.agency : -1};
}

}  // namespace outputs
