// The findings of a run, in plain sentences computed from the summary: for every cargo class the
// median and 95th-percentile border-crossing time, the busiest stop, the road queue, whether
// the backlog grows, spoilage, and what the border clears.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "measures/summary.hpp"
#include "models/records.hpp"
#include "report/report_parts.hpp"

namespace outputs::report {

namespace {

using svg::escape;

bool positive(const Row* r) {
  return r && r->mean > 0;
}

// "median 1.4 h [1.3, 1.5], 95th percentile 20 h [19, 21]" for one group, from the border
// percentiles or, when the file has none for it, the transit percentiles (`*transit` set).
std::string percentiles(const std::vector<Row>& rows, const Group& g, bool& transit) {
  const Row* p50 = find(rows, "border_time_p50", g);
  const Row* p95 = find(rows, "border_time_p95", g);
  transit = !p50 || !p95 || p50->n == 0;
  if (transit) {
    p50 = find(rows, "transit_p50", g);
    p95 = find(rows, "transit_p95", g);
  }
  if (!p50 || !p95) return "";
  return "median " + hours_ci(*p50) + ", 95th percentile " + hours_ci(*p95);
}

std::string cargo_line(const Context& c, const std::vector<Row>& rows, std::int32_t cargo,
                       bool& any_transit) {
  // "(transit time)" only where a file with border-crossing times has none for this class.
  const std::string transit_note =
      has_metric(rows, "border_time_p50") ? " (transit time)" : std::string();
  std::string parts;
  // By direction when the file has the groups (a class may go both ways), else the class.
  for (std::int32_t d : {0, 1}) {
    Group g;
    g.kind = GroupKind::CargoDirection;
    g.cargo = cargo;
    g.direction = d;
    bool transit = false;
    const std::string p = percentiles(rows, g, transit);
    if (p.empty()) continue;
    any_transit = any_transit || transit;
    parts += (parts.empty() ? "" : "; ") + std::string("<b>") + direction_title(d) + "</b>: " + p +
             (transit ? transit_note : "");
  }
  if (parts.empty()) {
    bool transit = false;
    parts = percentiles(rows, cargo_group(static_cast<std::uint16_t>(cargo)), transit);
    any_transit = any_transit || transit;
    if (!parts.empty() && transit) parts += transit_note;
  }
  if (parts.empty()) parts = "no vehicle of this class was released after the warm-up";
  const Row* vol = find_first(rows, {"throughput_per_day", "completed_per_day"},
                              cargo_group(static_cast<std::uint16_t>(cargo)));
  std::string volume = vol ? " (" + number(vol->mean) + " vehicles a day)" : "";
  return "<li>" + cargo_swatch(c, cargo) + "<b>" + escape(cargo_title(c.names, cargo)) + "</b>" +
         volume + ": " + parts + ".</li>";
}

const Row* largest(const std::vector<Row>& rows, std::string_view metric) {
  const Row* best = nullptr;
  for (const Row& r : rows)
    if (r.metric == metric && (!best || r.mean > best->mean)) best = &r;
  return best;
}

}  // namespace

std::string findings_run(const Context& c, const std::vector<Row>& rows) {
  std::vector<std::string> items;
  // Border-crossing time by cargo class.
  const std::vector<std::int32_t> cargo = cargo_present(rows);
  if (!cargo.empty()) {
    bool any_transit = false;
    std::string list;
    for (std::int32_t k : cargo) list += cargo_line(c, rows, k, any_transit);
    const bool border = has_metric(rows, "border_time_p50");
    std::string intro =
        border ? "<b>Border-crossing time</b> (from reaching the exit side, before its road "
                 "queue and yard, to through the entry side's stops), mean over the "
                 "replications with its 95 % CI:"
               : "<b>Transit time</b> (arrival to leaving the model), mean over the replications "
                 "with its 95 % CI:";
    std::string note;
    if (!border)
      note =
          "<p class=\"note\">This file has no border-crossing percentiles "
          "(border_time_p50, border_time_p95: written by an older bordersim), so these are "
          "transit times, travel on the legs included.</p>";
    else if (any_transit)
      note =
          "<p class=\"note\">Where it says transit time the class has no border-crossing "
          "time (rail wagons clear in the station yard): arrival to leaving the model.</p>";
    items.push_back(intro + "<ul>" + list + "</ul>" + note);
  }
  // What the border clears.
  if (const Row* t = find(rows, "throughput_per_day", all_group()))
    items.push_back("The border cleared " + with_ci(*t) + " vehicles a day after the warm-up.");
  else if (const Row* t2 = find(rows, "completed_per_day", all_group()))
    items.push_back(with_ci(*t2) +
                    " vehicles a day arrived after the warm-up and left before the horizon.");
  // The busiest stop, and the longest wait at one.
  if (const Row* u = largest(rows, "utilisation")) {
    std::string s = "The busiest stop is <b>" + escape(u->label) + "</b>: its servers are busy " +
                    percent(u->mean);
    if (!std::isnan(u->lo))
      s += " <span class=\"ci\">[" + percent(std::max(0.0, u->lo)) + ", " +
           percent(std::min(1.0, u->hi)) + "]</span>";
    s += " of their open time";
    if (const Row* q = find(rows, "queue_mean", u->group))
      s += ", with " + number(q->mean) + " vehicles waiting there on average";
    items.push_back(s + ".");
  }
  if (const Row* w = largest(rows, "stage_wait_mean"); positive(w))
    items.push_back("The longest wait per visit is at <b>" +
                    escape(c.names.stop_name(w->group.stop)) + "</b> for the " +
                    escape(c.names.flow_name(w->group.flow)) + " flow: " + hours(w->mean / 60) +
                    " on average.");
  // The road queue outside full yards.
  if (const Row* r = largest(rows, "road_queue_max"); positive(r)) {
    const Row* mean = find(rows, "road_queue_mean", r->group);
    items.push_back("Trucks queue on the road outside the full yard at <b>" + escape(r->label) +
                    "</b>: " + (mean ? number(mean->mean) + " on average, " : std::string()) +
                    "up to " + fmt::format("{:.0f}", r->mean) +
                    " at the worst moment (mean over the replications).");
  }
  // Whether the backlog grows.
  std::vector<std::string> growing;
  bool any_backlog = false;
  for (const Row& r : rows) {
    if (r.metric != "backlog_growth_per_day") continue;
    any_backlog = true;
    const bool above = std::isnan(r.lo) ? r.mean > 0 : r.lo > 0;
    if (above && r.mean >= kBacklogGrowthWarning) {
      const Row* end = find(rows, "backlog_at_end", r.group);
      growing.push_back("<b>" + escape(r.label) + "</b> grows by " + with_ci(r) +
                        " vehicles a day" +
                        (end ? ", " + number(end->mean) + " waiting at the horizon" : ""));
    }
  }
  if (!growing.empty()) {
    std::string s = "<span class=\"worse\">The backlog grows</span>: ";
    for (std::size_t i = 0; i < growing.size(); ++i) s += (i ? "; " : "") + growing[i];
    items.push_back(s +
                    ". The queue never settles, so every waiting and transit figure here "
                    "depends on the horizon.");
  } else if (any_backlog) {
    items.push_back("The backlog settles: at no crossing does it grow by a vehicle a day or more.");
  }
  // The initial state's queue: when it is through, and the border time its trucks had in all.
  for (const Row& r : rows) {
    if (r.metric != "initial_cleared_h") continue;
    const Row* b = find(rows, "initial_border_h_mean", r.group);
    items.push_back(
        "The trucks already waiting at <b>" + escape(r.label) +
        "</b> at the start are through after " + with_ci(r) +
        " h (a lower bound where some still wait at the horizon)" +
        (b ? "; their border time, counted from before the start, " + with_ci(*b) + " h on average"
           : std::string()) +
        ".");
  }
  if (const Row* e = find(rows, "in_system_at_end", all_group()); positive(e))
    items.push_back(number(e->mean) +
                    " vehicles were still in the model at the horizon (their waits count only "
                    "up to it).");
  if (const Row* g = find(rows, "gave_up_per_day", all_group()); positive(g))
    items.push_back(with_ci(*g) + " vehicles a day gave up (balked, reneged or turned back).");
  // Demand response: what the shippers did (only where a scenario has a response or notices).
  if (const Row* d = find(rows, "deferred_per_day", all_group())) {
    const Row* h = find(rows, "hold_mean", all_group());
    const Row* k = find(rows, "cancelled_per_day", all_group());
    const Row* v = find(rows, "diverted_per_day", all_group());
    std::string s = "Shippers responded to the announcements and notices: " + with_ci(*d) +
                    " loads a day held at the origin";
    if (positive(h)) s += " (for " + number(h->mean) + " h on average)";
    if (k) s += ", " + with_ci(*k) + " cancelled";
    if (v) s += ", " + with_ci(*v) + " sent another way";
    items.push_back(s + ".");
  }
  // Spoilage.
  std::string spoiled;
  for (std::int32_t k : cargo) {
    const Row* s = find(rows, "spoiled_share", cargo_group(static_cast<std::uint16_t>(k)));
    if (!positive(s)) continue;
    std::string lost;
    for (const Row& r : rows)
      if (r.metric == "value_lost_per_day" && r.group == s->group && r.mean > 0)
        lost += ", " + number(r.mean) + " " + escape(r.unit.substr(0, r.unit.find("/day"))) +
                " lost a day";
    spoiled += (spoiled.empty() ? "" : "; ") + cargo_swatch(c, k) +
               escape(cargo_title(c.names, k)) + ": " + percent(s->mean) + " of loads" + lost;
  }
  if (!spoiled.empty())
    items.push_back("<span class=\"worse\">Loads spoiled</span>: " + spoiled + ".");
  else if (has_metric(rows, "spoiled_share"))
    items.push_back("Nothing spoiled.");
  std::string s = "<section id=\"findings\"><h2>Findings</h2><ul>";
  for (const std::string& i : items) s += "<li>" + i + "</li>";
  return s + "</ul></section>";
}

}  // namespace outputs::report
