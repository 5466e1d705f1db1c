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
  // The quarter of the UTC day of arrival (sim time 0 is the scenario's start in its own zone),
  // so that any zone's local hours are whole quarters (UTC+6:30, +5:45); in integers, no fmod on
  // every visit.
  const double origin = sc_.start_time_s - sc_.utc_offset_s;  // UTC seconds of day at t = 0
  const auto quarters =
      static_cast<long long>(std::floor((origin + v.enter_s) / (sim::kHour / 4) + 1e-9));
  const auto h = static_cast<std::size_t>((quarters % 96 + 96) % 96);
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
    for (std::size_t h = 0; h < 96; ++h) {
      visits += a.visits[h];
      waited += a.waited[h];
    }
    if (!(visits > 0)) continue;
    const Group g = stop_group(i);
    set(Metric::WaitedShare, g, waited / visits);
    const int side = i < r.staff.size() ? r.staff[i].side : -1;
    const int offset =
        side >= 0 ? sc_.sides[static_cast<std::size_t>(side)].utc_offset_s : sc_.utc_offset_s;
    // The side's local hours: four quarters each.
    const long shift = std::lround(offset / (sim::kHour / 4));
    std::array<double, 24> visits_h{}, waited_h{}, wait_h{};
    for (std::size_t u = 0; u < 96; ++u) {
      const auto h = static_cast<std::size_t>(((static_cast<long>(u) + shift) % 96 + 96) % 96) / 4;
      visits_h[h] += a.visits[u];
      waited_h[h] += a.waited[u];
      wait_h[h] += a.wait_s[u];
    }
    for (std::size_t h = 0; h < 24; ++h) {
      const auto local = static_cast<double>(h);
      set(Metric::VisitsByHour, g, visits_h[h] / days, local);
      set(Metric::WaitedByHour, g, waited_h[h] / days, local);
      if (visits_h[h] > 0)
        set(Metric::StageWaitByHour, g, wait_h[h] / visits_h[h] / sim::kMinute, local);
    }
  }
}

}  // namespace outputs
