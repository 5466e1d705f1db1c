#include "models/plan.hpp"

#include <algorithm>

#include "sim/random.hpp"

namespace models {

std::uint32_t stage_key(const Scenario& sc, std::size_t side, std::size_t stage) {
  return sim::stream_id(sc.sides[side].id + "." + sc.sides[side].stages[stage].id);
}

namespace {

PlannedStop make_stop(std::string name, std::size_t side, std::vector<StopMember> members,
                      const Crossing* joint) {
  PlannedStop st;
  st.name = std::move(name);
  st.side = side;
  st.joint = joint != nullptr;
  st.members = std::move(members);
  st.servers = st.members.front().stage->servers;
  for (const StopMember& m : st.members) {
    const Stage& g = *m.stage;
    st.servers = std::min(st.servers, g.servers);
    st.priority = st.priority || g.priority;
    if (g.lane.servers > 0) {
      st.lane_servers =
          st.lane_servers == 0 ? g.lane.servers : std::min(st.lane_servers, g.lane.servers);
      if (!st.lane_dates) st.lane_dates = g.lane.dates;
      if (!st.lane_hours) st.lane_hours = g.lane.hours;
    }
  }
  if (joint) {
    st.rule = joint->joint_rule;
    st.factor = joint->joint_factor;
  }
  return st;
}

}  // namespace

Plan build_plan(const Scenario& sc) {
  Plan p;
  p.stage_stop_.resize(sc.sides.size());
  for (std::size_t side = 0; side < sc.sides.size(); ++side) {
    const GateSide& g = sc.sides[side];
    for (std::size_t i = 0; i < g.stages.size(); ++i) {
      p.stage_stop_[side].push_back(p.stops_.size());
      p.stops_.push_back(make_stop(g.id + "." + g.stages[i].id, side,
                                   {{&g.stages[i], side, stage_key(sc, side, i)}}, nullptr));
    }
  }
  p.routes_.resize(2 * sc.crossings.size());
  for (std::size_t c = 0; c < sc.crossings.size(); ++c) {
    const Crossing& cr = sc.crossings[c];
    for (const bool export_dir : {true, false}) {
      CrossingRoute& r = p.routes_[2 * c + (export_dir ? 0 : 1)];
      r.exit_side = export_dir ? cr.side_a : cr.side_b;
      r.entry_side = export_dir ? cr.side_b : cr.side_a;
      const bool merge = cr.mode != CbtaMode::Sequential;
      // The stages a direction meets on one side; under a merging mode the joinable ones are
      // set aside for the joint stop instead.
      auto side_stops = [&](std::size_t side, bool outbound, std::vector<std::size_t>& stops,
                            std::vector<StopMember>& joined) {
        const GateSide& g = sc.sides[side];
        for (std::size_t i = 0; i < g.stages.size(); ++i) {
          const Stage& st = g.stages[i];
          if (outbound ? !st.outbound : !st.inbound) continue;
          if (merge && st.joinable)
            joined.push_back({&st, side, stage_key(sc, side, i)});
          else
            stops.push_back(p.stage_stop_[side][i]);
        }
      };
      std::vector<StopMember> exit_joint, entry_joint;
      side_stops(r.exit_side, true, r.exit_stops, exit_joint);
      side_stops(r.entry_side, false, r.entry_stops, entry_joint);
      const std::string dir = export_dir ? "export" : "import";
      auto add_joint = [&](std::vector<std::size_t>& stops, std::string name, std::size_t side,
                           std::vector<StopMember> members) {
        if (members.empty()) return;
        stops.insert(stops.begin(), p.stops_.size());
        p.stops_.push_back(make_stop(std::move(name), side, std::move(members), &cr));
      };
      if (cr.mode == CbtaMode::SingleWindow) {
        add_joint(r.exit_stops, cr.id + "." + dir + ".window." + sc.sides[r.exit_side].id,
                  r.exit_side, exit_joint);
        add_joint(r.entry_stops, cr.id + "." + dir + ".window." + sc.sides[r.entry_side].id,
                  r.entry_side, entry_joint);
      } else if (cr.mode == CbtaMode::SingleStop) {
        std::vector<StopMember> all = exit_joint;
        all.insert(all.end(), entry_joint.begin(), entry_joint.end());
        add_joint(r.entry_stops, cr.id + "." + dir + ".joint_stop", r.entry_side, std::move(all));
      }
    }
  }
  return p;
}

}  // namespace models
