// `validate`'s staffing text: a stage's or agency's servers by hour, the hourly picture of loads
// (models/analysis_hourly.cpp), and the `optimise:` section.
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "app/commands.hpp"
#include "models/calendar.hpp"
#include "models/capacity.hpp"
#include "models/units.hpp"
#include "sim/time.hpp"

namespace app {

// A staffed stage's servers by hour of the day (as the capacity plan resolves them), on the
// scenario's first day and on the first day of each dated entry; `·` where the side's regular
// hours are closed (extended hours and closures change that per date, as the calendar says).
std::string staffing_table(const models::Scenario& sc, const models::GateSide& g,
                           const std::vector<models::StaffingEntry>& staffing, int flat,
                           const char* what) {
  if (staffing.empty()) return "";
  std::vector<long> days = {sc.start_day};
  for (const models::StaffingEntry& e : staffing)
    if (e.dates && std::find(days.begin(), days.end(), e.dates->from) == days.end())
      days.push_back(e.dates->from);
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::string s;
  for (long day : days) {
    std::string runs;
    int from = 0;
    std::string last;
    for (int h = 0; h <= 24; ++h) {
      std::string v;
      if (h < 24) {
        const double mid = (h + 0.5) * sim::kHour;
        const bool open = mid >= g.hours.open_s && mid < g.hours.close_s;
        v = open ? std::to_string(models::staffed(staffing, flat, day, mid).first) : "·";
      }
      if (h == 0) last = v;
      if (h == 24 || v != last) {
        runs += fmt::format("{}{:02}–{:02} {}", runs.empty() ? "" : ", ", from, h, last);
        from = h;
        last = v;
      }
    }
    s += fmt::format("        {} by hour on {} ({}): {}\n", what, models::units::format_date(day),
                     kDays[models::weekday(day)], runs);
  }
  return s;
}

// The hourly picture (models/analysis_hourly.cpp): the hours of the day in which a stop or pool
// is offered more than its servers can serve, or (`full`) every stop's hours in a table.
std::string validate_hourly(const models::Analysis& a, bool full) {
  std::string s, over;
  for (const models::StopLoad& l : a.stops) {
    if (l.load_by_hour.size() != 24 || l.visits_per_day == 0) continue;
    std::vector<std::string> hours;
    for (std::size_t h = 0; h < 24; ++h)
      if (l.load_by_hour[h] > 1 && std::isfinite(l.load_by_hour[h]))
        hours.push_back(fmt::format("{:02}–{:02} ({:.2f})", h, h + 1, l.load_by_hour[h]));
    if (!hours.empty()) over += fmt::format("    {}: {}\n", l.name, fmt::join(hours, ", "));
    if (!full) continue;
    s += fmt::format("    {} (local hour: vehicles arriving an hour, {} on duty, offered load)\n",
                     l.name, l.pool ? "officers" : "servers");
    for (std::size_t h = 0; h < 24; ++h) {
      if (l.arrivals_by_hour[h] < 0.005 && l.servers_by_hour[h] == 0) continue;
      s += fmt::format(
          "      {:02}–{:02} {:8.2f} {:7.2f} {:>7}{}\n", h, h + 1, l.arrivals_by_hour[h],
          l.servers_by_hour[h],
          std::isfinite(l.load_by_hour[h]) ? fmt::format("{:.2f}", l.load_by_hour[h]) : "closed",
          l.load_by_hour[h] > 1 && std::isfinite(l.load_by_hour[h]) ? "  > 1" : "");
    }
  }
  const std::string head =
      "  by hour of the day (arrivals as the flows' profiles bring them to the border, servers as "
      "the capacity plan has them, averaged over the window's days; the load counts the work "
      "carried from earlier hours, such as the night's trucks at the opening):\n";
  if (full)
    return head + s + (over.empty() ? "" : "  hours offered more than they can serve:\n" + over);
  if (over.empty())
    return "  no stop or pool is offered more than its servers can serve in any hour of the day "
           "(validate --hourly for the picture)\n";
  return "  hours in which a stop or pool is offered more than its servers can serve (a queue "
         "builds; validate --hourly for the picture):\n" +
         over;
}

// The `optimise:` section: what `bordersim optimise` would search.
std::string validate_optimise(const models::Scenario& sc) {
  if (!sc.optimise) return "";
  const models::OptimiseSpec& o = *sc.optimise;
  std::string s = "  optimise (bordersim optimise): levers\n";
  const char* kinds[] = {"officers of stage", "officers of agency", "lane servers of",
                         "closing hour of"};
  for (const models::LeverSpec& l : o.levers) {
    std::vector<std::string> blocks;
    for (const models::HourBlock& b : l.blocks) blocks.push_back(b.text);
    s += fmt::format("    {} {}: {} to {}{}\n", kinds[static_cast<int>(l.kind)], l.ref, l.low,
                     l.high,
                     blocks.empty() ? "" : fmt::format(", in blocks {}", fmt::join(blocks, ", ")));
  }
  s += "    targets (each judged on its 95 % CI):\n";
  for (const models::TargetSpec& t : o.targets) s += "      " + t.text + "\n";
  s += fmt::format(
      "    objective {}; {} replications a plan; the {} cheapest feasible plans rerun through a "
      "feasibility check at {:.0f} % confidence\n",
      o.objective.empty() ? "cost (officer-hours when a lever is unpriced)" : o.objective,
      o.replications, o.finalists, 100 * (1 - o.alpha));
  return s;
}

}  // namespace app
