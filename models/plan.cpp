#include "models/plan.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/random.hpp"

namespace models {

std::uint32_t stage_key(const Scenario& sc, std::size_t side, std::size_t stage) {
  return sim::stream_id(sc.sides[side].id + "." + sc.sides[side].stages[stage].id);
}

namespace {

struct Joined {
  StopMember member;
  std::size_t stage = 0;  // index within its side
};

PlannedStop single_stage_stop(std::string name, std::size_t side, StopMember member) {
  PlannedStop st;
  st.name = std::move(name);
  st.side = side;
  st.members = {member};
  const Stage& g = *member.stage;
  st.servers = g.servers;
  st.priority = g.priority;
  st.lane_servers = g.lane.servers;
  st.lane_dates = g.lane.dates;
  st.lane_hours = g.lane.hours;
  st.hourly = g.staffing;
  st.lane_hourly = g.lane.staffing;
  return st;
}

class Builder {
 public:
  Builder(const Scenario& sc, std::vector<OfficerPool>& pools)
      : sc_(sc), pools_(pools), pool_of_(sc.sides.size()) {
    for (std::size_t side = 0; side < sc.sides.size(); ++side)
      pool_of_[side].assign(sc.sides[side].stages.size(), kNoPool);
  }

  // The joint stop of one crossing direction (or one side of it, single_window).
  PlannedStop joint_stop(std::string name, std::size_t side, const std::vector<Joined>& joined,
                         const Crossing& cr, bool export_dir) {
    if (joined.size() > kMaxJoinedStages)
      throw std::invalid_argument("joint stop " + name + " would join " +
                                  std::to_string(joined.size()) + " stages; at most " +
                                  std::to_string(kMaxJoinedStages));
    PlannedStop st;
    st.name = std::move(name);
    st.side = side;
    st.joint = true;
    st.staffing = cr.joint.staffing;
    st.rule = cr.joint_rule;
    st.factor = cr.joint_factor;
    st.own_hours = cr.joint.hours;
    int positions = 0;
    for (const Joined& j : joined) {
      const Stage& g = *j.member.stage;
      if (!g.staffing.empty() || !g.lane.staffing.empty())
        throw std::invalid_argument(
            "stage " + g.id + " has a staffing schedule and is joined into " + st.name +
            ": a joint stop keeps its booths (staffing by the hour of a joint stop is not "
            "supported yet; leave the stage out with joinable: false)");
      StopMember m = j.member;
      if (st.agencies()) m.pool = pool(j, cr, side);
      st.members.push_back(m);
      positions += g.servers;
      st.priority = st.priority || g.priority;
      if (g.lane.servers > 0) {
        // A joined stage's lane servers become lane booths of the joint stop.
        st.lane_servers += g.lane.servers;
        if (!st.lane_dates) st.lane_dates = g.lane.dates;
        if (!st.lane_hours) st.lane_hours = g.lane.hours;
      }
    }
    const int booths = cr.joint.booths[export_dir ? 0 : 1];
    st.booths_stated = booths > 0;
    st.servers = st.booths_stated ? booths : positions;
    return st;
  }

 private:
  // The officer pool of a joined stage (made on first use).
  std::size_t pool(const Joined& j, const Crossing& cr, std::size_t host_side) {
    const std::size_t side = j.member.side;
    const Stage& g = *j.member.stage;
    int officers = g.servers + g.lane.servers;
    bool stated = false;
    for (const JointOfficers& o : cr.joint.officers)
      if (o.side == side && o.stage == j.stage) {
        officers = o.officers;
        stated = true;
      }
    // A pooled agency's stage: the agency's own pool (made first, build_plan), by the hour.
    if (g.agency >= 0 && sc_.sides[side].agencies[static_cast<std::size_t>(g.agency)].pooled)
      for (std::size_t k = 0; k < pools_.size(); ++k)
        if (pools_[k].side == side && pools_[k].agency == g.agency) return k;
    std::size_t& at = pool_of_[side][j.stage];
    if (at != kNoPool) {
      OfficerPool& p = pools_[at];
      if (p.officers != officers)
        throw std::invalid_argument("two crossings state different officers for " + p.name);
      return at;
    }
    OfficerPool p;
    p.name = sc_.sides[side].id + "." + g.id + ".officers";
    p.side = side;
    p.stages = {j.stage};
    p.officers = officers;
    p.stated = stated;
    p.hours = cr.joint.hours;
    p.hours_side = host_side;
    at = pools_.size();
    pools_.push_back(std::move(p));
    return at;
  }

  const Scenario& sc_;
  std::vector<OfficerPool>& pools_;
  std::vector<std::vector<std::size_t>> pool_of_;  // [side][stage]
};

}  // namespace

void register_sites(const Scenario& sc, Plan& p) {
  // A stop's crossing and direction: those of the crossing routes that meet it, when there is
  // exactly one crossing (a side's stage meets both directions of it); else none and both.
  for (std::size_t i = 0; i < p.stops_.size(); ++i) {
    const PlannedStop& st = p.stops_[i];
    Site pl{st.name, SiteKind::Stop, i, static_cast<int>(st.side)};
    std::vector<std::pair<std::size_t, bool>> met;  // (crossing, export)
    for (std::size_t c = 0; c < sc.crossings.size(); ++c)
      for (const bool export_dir : {true, false}) {
        const CrossingRoute& r = p.routes_[2 * c + (export_dir ? 0 : 1)];
        for (const auto* stops : {&r.exit_stops, &r.entry_stops})
          if (std::find(stops->begin(), stops->end(), i) != stops->end())
            met.emplace_back(c, export_dir);
      }
    if (!met.empty() && std::all_of(met.begin(), met.end(),
                                    [&](const auto& m) { return m.first == met.front().first; })) {
      pl.crossing = static_cast<int>(met.front().first);
      const bool both = std::any_of(met.begin(), met.end(),
                                    [&](const auto& m) { return m.second != met.front().second; });
      pl.direction = both                 ? SiteDirection::Both
                     : met.front().second ? SiteDirection::Export
                                          : SiteDirection::Import;
    }
    p.sites_.add(std::move(pl));
  }
  for (std::size_t r = 0; r < sc.rail.size(); ++r) {
    const Rail& rail = sc.rail[r];
    p.sites_.add(Site{rail.terminal + ".cranes", SiteKind::Terminal, r, kNone, kNone,
                      rail.export_direction ? SiteDirection::Export : SiteDirection::Import});
  }
  for (std::size_t k = 0; k < p.pools_.size(); ++k)
    p.sites_.add(Site{p.pools_[k].name, SiteKind::Pool, k, static_cast<int>(p.pools_[k].side)});
  for (std::size_t c = 0; c < sc.crossings.size(); ++c)
    for (const bool export_dir : {true, false}) {
      const Crossing& cr = sc.crossings[c];
      if (!cr.intake[export_dir ? 0 : 1].limited) continue;
      const CrossingRoute& r = p.routes_[2 * c + (export_dir ? 0 : 1)];
      p.sites_.add(Site{cr.id + (export_dir ? ".export" : ".import") + ".intake", SiteKind::Intake,
                        2 * c + (export_dir ? 0 : 1), static_cast<int>(r.entry_side),
                        static_cast<int>(c),
                        export_dir ? SiteDirection::Export : SiteDirection::Import});
    }
  for (std::size_t side = 0; side < sc.sides.size(); ++side)
    for (const bool outbound : {true, false})
      p.sites_.add(Site{sc.sides[side].id + (outbound ? ".outbound" : ".inbound") + ".yard",
                        SiteKind::Yard, 2 * side + (outbound ? 0 : 1), static_cast<int>(side),
                        kNone, outbound ? SiteDirection::Outbound : SiteDirection::Inbound});
  // Intake allowances by cargo last, so that a scenario without them keeps every code.
  std::size_t next = 2 * sc.crossings.size();
  for (std::size_t c = 0; c < sc.crossings.size(); ++c)
    for (const bool export_dir : {true, false}) {
      const Crossing& cr = sc.crossings[c];
      const Intake& in = cr.intake[export_dir ? 0 : 1];
      p.first_allowance_.push_back(next);
      const CrossingRoute& r = p.routes_[2 * c + (export_dir ? 0 : 1)];
      for (std::size_t k = 0; k < in.allowances.size(); ++k, ++next) {
        p.allowance_index_.push_back(k);
        p.sites_.add(
            Site{cr.id + (export_dir ? ".export" : ".import") + ".intake." + in.allowances[k].id,
                 SiteKind::Intake, next, static_cast<int>(r.entry_side), static_cast<int>(c),
                 export_dir ? SiteDirection::Export : SiteDirection::Import});
      }
    }
}

int Plan::intake_queue(const Scenario& sc, std::size_t crossing, bool export_dir, int cargo) const {
  const std::size_t dir = 2 * crossing + (export_dir ? 0 : 1);
  const Intake& in = sc.crossings[crossing].intake[export_dir ? 0 : 1];
  const int k = in.allowance(cargo);
  if (k >= 0) return static_cast<int>(first_allowance_[dir] + static_cast<std::size_t>(k));
  return in.limited ? static_cast<int>(dir) : -1;
}

const IntakePace& Plan::intake_pace(const Scenario& sc, const Site& site) const {
  const Intake& in = sc.crossings[static_cast<std::size_t>(site.crossing)]
                         .intake[site.direction == SiteDirection::Export ? 0 : 1];
  const std::size_t shared = 2 * sc.crossings.size();
  return site.of < shared ? in.pace : in.allowances[allowance_index_[site.of - shared]].pace;
}

Plan build_plan(const Scenario& sc) {
  Plan p;
  p.stage_stop_.resize(sc.sides.size());
  for (std::size_t side = 0; side < sc.sides.size(); ++side) {
    const GateSide& g = sc.sides[side];
    for (std::size_t i = 0; i < g.stages.size(); ++i) {
      p.stage_stop_[side].push_back(p.stops_.size());
      p.stops_.push_back(single_stage_stop(g.id + "." + g.stages[i].id, side,
                                           {&g.stages[i], side, stage_key(sc, side, i)}));
    }
  }
  // Agencies' pools first: a joint stop that joins a stage of one shares the agency's pool.
  for (std::size_t side = 0; side < sc.sides.size(); ++side) {
    const GateSide& g = sc.sides[side];
    for (std::size_t k = 0; k < g.agencies.size(); ++k) {
      const Agency& a = g.agencies[k];
      if (!a.pooled) continue;
      OfficerPool pool;
      pool.name = g.id + "." + a.id + ".officers";
      pool.side = side;
      pool.stages = a.stages;
      pool.agency = static_cast<int>(k);
      pool.hourly = a.staffing;
      pool.officers = a.officers;
      pool.stated = true;
      pool.hours_side = side;
      for (std::size_t i : a.stages) {
        PlannedStop& st = p.stops_[p.stage_stop_[side][i]];
        st.pooled = true;
        st.members[0].pool = p.pools_.size();
      }
      p.pools_.push_back(std::move(pool));
    }
  }
  Builder build(sc, p.pools_);
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
      // The exit-side checks a single stop removes, since one inspection in the country of
      // entry serves both: those listed, or by default every joinable one whose kind a joined
      // entry-side check also has.
      std::vector<Joined> exit_joint, entry_joint;
      auto removed = [&](std::size_t side, std::size_t i) {
        if (cr.mode != CbtaMode::SingleStop || side != r.exit_side) return false;
        if (cr.joint.removes_given) {
          for (const auto& [s2, i2] : cr.joint.removes)
            if (s2 == side && i2 == i) return true;
          return false;
        }
        const Stage& st = sc.sides[side].stages[i];
        if (!st.joinable) return false;
        for (const Joined& e : entry_joint)
          if (e.member.stage->kind_code == st.kind_code) return true;
        return false;
      };
      // The stages a direction meets on one side; under a merging mode the joinable ones are
      // set aside for the joint stop instead.
      auto side_stops = [&](std::size_t side, bool outbound, std::vector<std::size_t>& stops,
                            std::vector<Joined>& joined) {
        const GateSide& g = sc.sides[side];
        for (std::size_t i = 0; i < g.stages.size(); ++i) {
          const Stage& st = g.stages[i];
          if (outbound ? !st.outbound : !st.inbound) continue;
          if (removed(side, i))
            r.removed.push_back(g.id + "." + st.id);
          else if (merge && st.joinable)
            joined.push_back({{&st, side, stage_key(sc, side, i)}, i});
          else
            stops.push_back(p.stage_stop_[side][i]);
        }
      };
      side_stops(r.entry_side, false, r.entry_stops, entry_joint);
      side_stops(r.exit_side, true, r.exit_stops, exit_joint);
      const std::string dir = export_dir ? "export" : "import";
      auto add_joint = [&](std::vector<std::size_t>& stops, std::string name, std::size_t side,
                           const std::vector<Joined>& joined) {
        if (joined.empty()) return;
        stops.insert(stops.begin(), p.stops_.size());
        p.stops_.push_back(build.joint_stop(std::move(name), side, joined, cr, export_dir));
      };
      if (cr.mode == CbtaMode::SingleWindow) {
        add_joint(r.exit_stops, cr.id + "." + dir + ".window." + sc.sides[r.exit_side].id,
                  r.exit_side, exit_joint);
        add_joint(r.entry_stops, cr.id + "." + dir + ".window." + sc.sides[r.entry_side].id,
                  r.entry_side, entry_joint);
      } else if (cr.mode == CbtaMode::SingleStop) {
        // Exit-side checks first (as a truck would meet them), then the entry side's.
        std::vector<Joined> all = exit_joint;
        all.insert(all.end(), entry_joint.begin(), entry_joint.end());
        add_joint(r.entry_stops, cr.id + "." + dir + ".joint_stop", r.entry_side, all);
      }
    }
  }
  register_sites(sc, p);
  p.capacity_ = build_capacity(sc, p);
  return p;
}

}  // namespace models
