// The staffing metrics of a replication: officer-hours and their cost per day by stop, agency,
// side and in all (the capacity plan's server-hours, models::StaffRole), and each stop's waits
// by the local hour of arrival, which a per-block target of `bordersim optimise` is judged on.
#include <cmath>

#include "measures/summary.hpp"
#include "models/scenario.hpp"
#include "sim/time.hpp"

namespace outputs {

void MetricsSink::visit_hour(const models::StopVisit& v) {
  if (hours_.size() <= v.stop) hours_.resize(v.stop + 1u);
  // The UTC hour of arrival: sim time 0 is the scenario's start in its own zone (whole hours
  // since the start of its UTC day, counted in integers: no fmod on every visit).
  const double origin = sc_.start_time_s - sc_.utc_offset_s;  // UTC seconds of day at t = 0
  const auto hours = static_cast<long long>(std::floor((origin + v.enter_s) / sim::kHour));
  const auto h = static_cast<std::size_t>((hours % 24 + 24) % 24);
  HourAcc& a = hours_[v.stop];
  const double wait = v.start_s - v.enter_s;
  a.visits[h] += 1;
  a.waited[h] += wait > 0 ? 1 : 0;
  a.wait_s[h] += wait;
}

void MetricsSink::staffing(const models::RunResult& r, double days, ReplicationMetrics& m,
                           const GroupNames& names) const {
  auto set = [&](Metric metric, const Group& g, double value, double at = 0) {
    const std::string unit =
        in_currency(metric) ? money_unit(metric, sc_.currency) : metric_spec(metric).unit;
    m[MetricKey{metric, g, group_label(g, names), unit, at}] = value;
  };
  // Officer-hours and cost: by stop, then summed by agency, side and in all.
  std::map<Group, std::pair<double, double>> sums;  // officer-hours, cost (per day)
  bool priced = false, staffed = false;
  for (std::size_t i = 0; i < r.stops.size() && i < r.staff.size(); ++i) {
    const models::StaffRole& role = r.staff[i];
    if (role.side < 0) continue;
    const double hours = r.stops[i].server_hours / days;
    const double officers = hours * role.officers;
    const double cost = hours * (role.officer_hour_cost + role.booth_hour_cost);
    priced = priced || role.priced;
    staffed = true;
    std::vector<Group> groups = {stop_group(i), side_group(static_cast<std::size_t>(role.side)),
                                 all_group()};
    if (role.agency >= 0)
      groups.push_back(agency_group(agency_code(sc_, static_cast<std::size_t>(role.side),
                                                static_cast<std::size_t>(role.agency))));
    for (const Group& g : groups) {
      sums[g].first += officers;
      sums[g].second += cost;
    }
  }
  if (staffed)
    for (const auto& [g, v] : sums) {
      set(Metric::OfficerHoursPerDay, g, v.first);
      if (priced) set(Metric::StaffingCostPerDay, g, v.second);
    }
  // Waits by the local hour of arrival at each stop.
  for (std::size_t i = 0; i < hours_.size(); ++i) {
    const HourAcc& a = hours_[i];
    double visits = 0, waited = 0;
    for (std::size_t h = 0; h < 24; ++h) {
      visits += a.visits[h];
      waited += a.waited[h];
    }
    if (!(visits > 0)) continue;
    const Group g = stop_group(i);
    set(Metric::WaitedShare, g, waited / visits);
    const int side = i < r.staff.size() ? r.staff[i].side : -1;
    const int offset =
        side >= 0 ? sc_.sides[static_cast<std::size_t>(side)].utc_offset_s : sc_.utc_offset_s;
    const long shift = std::lround(offset / sim::kHour);
    for (std::size_t u = 0; u < 24; ++u) {
      const double local = static_cast<double>(((static_cast<long>(u) + shift) % 24 + 24) % 24);
      set(Metric::VisitsByHour, g, a.visits[u] / days, local);
      set(Metric::WaitedByHour, g, a.waited[u] / days, local);
      if (a.visits[u] > 0)
        set(Metric::StageWaitByHour, g, a.wait_s[u] / a.visits[u] / sim::kMinute, local);
    }
  }
}

}  // namespace outputs
