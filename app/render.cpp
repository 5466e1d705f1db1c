// The terminal text of the commands (app/commands.hpp), one small function per piece, so a
// change to one command's text touches one function. The summary and comparison tables
// themselves are measures/summary.cpp's formatters.
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <array>
#include <cmath>
#include <map>

#include "app/commands.hpp"
#include "models/calendar.hpp"
#include "models/capacity.hpp"
#include "models/route_search.hpp"
#include "models/uncertain.hpp"
#include "models/units.hpp"
#include "models/zone.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/isolated.hpp"
#include "outputs/verify.hpp"
#include "outputs/writer.hpp"
#include "sim/time.hpp"

namespace app {

// app/render_staffing.cpp
std::string staffing_table(const models::Scenario& sc, const models::GateSide& g,
                           const std::vector<models::StaffingEntry>& staffing, int flat,
                           const char* what);
std::string validate_hourly(const models::Analysis& a, bool full);
std::string validate_optimise(const models::Scenario& sc);

namespace {

std::string hours_text(double s) {
  int m = static_cast<int>(std::lround(s / 60));
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string yard_text(const models::GateSide& g) {
  auto places = [](const models::Yard& y) {
    std::string t = y.capacity > 0 ? std::to_string(y.capacity) : std::string("unlimited");
    if (y.capacity > 0 && y.road >= 0) t += fmt::format(" (road {})", y.road);
    return t;
  };
  if (g.shared_yard) return "shared " + places(g.outbound_yard);
  return "outbound " + places(g.outbound_yard) + " / inbound " + places(g.inbound_yard);
}

// A backlog that keeps growing makes every figure above depend on the horizon: said after them.
std::string backlog_warnings_text(const std::string& prefix,
                                  const std::vector<outputs::SummaryRow>& rows) {
  const auto warnings = outputs::backlog_warnings(rows);
  std::string s = warnings.empty() ? "" : "\n";
  for (const outputs::BacklogWarning& w : warnings) s += prefix + w.text() + "\n";
  return s;
}

std::string results_line(const std::string& out) {
  return fmt::format("\nresults: {}\n", out);
}

// ---- validate, piece by piece ------------------------------------------------------------------

std::string validate_header(const ValidateOutcome& r) {
  const models::Scenario& sc = r.scenario;
  std::string s = fmt::format("{}: valid scenario '{}'\n", r.path, sc.name);
  if (!sc.description.empty()) s += fmt::format("  {}\n", sc.description);
  s += fmt::format(
      "  start {} {} ({}), horizon {:.1f} d, warm-up {:.1f} d, seed {}, {} replications\n",
      models::units::format_date(sc.start_day), hours_text(sc.start_time_s),
      models::zone_label(sc.zone, sc.utc_offset_s), sc.horizon_s / 86400, sc.warmup_s / 86400,
      sc.seed, sc.replications);
  s += "  cargo:";
  for (const auto& c : sc.cargo)
    s += fmt::format(
        " {}{}", c.id,
        c.perishable ? fmt::format(" (perishable, {:.1f} d)", c.shelf_life_s / 86400) : "");
  return s + "\n";
}

std::string validate_sides(const models::Scenario& sc) {
  std::string s = "  gate sides:\n";
  for (const auto& g : sc.sides) {
    s += fmt::format(
        "    {} [{}] {} open {}-{}, yard {}, {} closure(s), {} extended-hours range(s)\n", g.id,
        g.country, models::zone_label(g.zone, g.utc_offset_s), hours_text(g.hours.open_s),
        hours_text(g.hours.close_s), yard_text(g), g.closures.size(), g.extended.size());
    for (const auto& st : g.stages) {
      double mean = st.service.mean();
      if (!st.channels.empty()) {
        mean = 0;
        for (const auto& ch : st.channels) mean += ch.share * ch.service.mean();
      }
      const models::Agency* ag =
          st.agency >= 0 ? &g.agencies[static_cast<std::size_t>(st.agency)] : nullptr;
      s += fmt::format("      {:<16} {:<11} {} {}{}{}, mean service {:.1f} min{}\n", st.id, st.kind,
                       st.servers, ag && ag->pooled ? "booth(s)" : "server(s)",
                       st.staffing.empty() ? "" : " outside its staffing",
                       st.lane.servers ? fmt::format(" + {} lane", st.lane.servers) : "", mean / 60,
                       st.priority ? ", priority for eligible cargo" : "");
      s += staffing_table(sc, g, st.staffing, st.servers, "servers");
      s += staffing_table(sc, g, st.lane.staffing, st.lane.servers, "lane servers");
    }
    for (const models::Agency& ag : g.agencies) {
      std::vector<std::string> stages;
      for (std::size_t k : ag.stages) stages.push_back(g.stages[k].id);
      s += fmt::format(
          "      agency {}: {}{}{}\n", ag.id, fmt::join(stages, ", "),
          ag.pooled ? fmt::format(", one pool of {} officer(s){} (its stages' servers are booths)",
                                  ag.officers, ag.staffing.empty() ? "" : " outside its staffing")
                    : " (their servers are its officers)",
          ag.cost.given
              ? fmt::format("; an officer-hour costs {:g} {}, a booth-hour {:g} {}",
                            ag.cost.officer_hour, sc.currency, ag.cost.booth_hour, sc.currency)
              : "; no cost given");
      s += staffing_table(sc, g, ag.staffing, ag.officers, "officers");
    }
  }
  return s;
}

// A flow's response, in a line: what its shippers watch and what they do above their threshold.
std::string response_text(const models::Scenario& sc, const models::Response& r) {
  const bool wait = r.on == models::Response::On::Wait;
  auto figure = [&](double x) {
    return wait ? fmt::format("{:.1f} h", x / sim::kHour) : fmt::format("{:.0f}", x);
  };
  std::vector<std::string> acts;
  const char* words[] = {"defer", "cancel", "divert"};
  for (std::size_t k = 0; k < 3; ++k)
    if (r.action[k] > 0) acts.push_back(fmt::format("{} {:.0f} %", words[k], 100 * r.action[k]));
  return fmt::format(
      "    shippers watch {}'s announced {} (every {:.0f} h, seen {:.0f} h later): above their "
      "threshold (mean {}) they {}; a load is held at most {:.0f} h, then {}\n",
      sc.crossings[r.gate].id, wait ? "wait" : "backlog", r.every_s / sim::kHour,
      r.delay_s / sim::kHour, figure(r.threshold.mean()), fmt::join(acts, ", "),
      r.hold_max_s / sim::kHour, r.cancel_after_hold ? "cancelled" : "sent anyway");
}

std::string validate_network(const models::Scenario& sc, const models::Analysis& a) {
  std::string s;
  const char* modes[] = {"sequential", "single_window", "single_stop"};
  const char* rules[] = {"max: agencies work at the same time", "sum: one after another",
                         "factor x sum"};
  for (std::size_t ci = 0; ci < sc.crossings.size(); ++ci) {
    const auto& c = sc.crossings[ci];
    s += fmt::format("  crossing {}: {} <-> {}, CBTA {}{}{}\n", c.id, sc.sides[c.side_a].id,
                     sc.sides[c.side_b].id, modes[static_cast<int>(c.mode)],
                     c.intake[0].limited ? ", export intake limited" : "",
                     c.intake[1].limited ? ", import intake limited" : "");
    for (const bool export_dir : {true, false}) {
      const models::Intake& in = c.intake[export_dir ? 0 : 1];
      for (const models::IntakeAllowance& al : in.allowances) {
        std::vector<std::string> names;
        for (std::size_t k = 0; k < sc.cargo.size(); ++k)
          if (al.cargo[k]) names.push_back(sc.cargo[k].id);
        if (al.empty) names.push_back("empty");
        const models::IntakeRate& r = al.pace.rate;
        s += fmt::format("    {} intake allowance {} for {}: {}, waiting {}; other classes {}\n",
                         export_dir ? "export" : "import", al.id, fmt::join(names, ", "),
                         r.per_hour > 0 ? fmt::format("{:g} an hour while open", r.per_hour)
                                        : fmt::format("{:g} a day over the open hours", r.per_day),
                         al.staging ? "in a staging area before the yard" : "in the exit yard",
                         in.limited ? "share the direction's intake" : "are not limited");
      }
    }
    if (c.mode != models::CbtaMode::Sequential)
      s += fmt::format("    joint stops staffed by {}, joint_service {}{}\n",
                       c.joint.staffing == models::JointStaffing::Agencies
                           ? "agencies (each brings its officers; a truck needs a booth and an "
                             "officer of every agency whose check applies)"
                           : "full joint teams (one per booth)",
                       rules[static_cast<int>(c.joint_rule)],
                       c.joint.hours ? fmt::format(", own hours {}-{} (local time of the side "
                                                   "it stands on)",
                                                   hours_text(c.joint.hours->open_s),
                                                   hours_text(c.joint.hours->close_s))
                                     : "");
    if (c.mode == models::CbtaMode::SingleStop)
      for (const bool export_dir : {true, false}) {
        const auto& removed = a.removed[2 * ci + (export_dir ? 0 : 1)];
        s += fmt::format("    single stop, {}: {}{}\n", export_dir ? "export" : "import",
                         removed.empty() ? "removes no exit-side check"
                                         : "removes the exit-side checks " +
                                               fmt::format("{}", fmt::join(removed, ", ")),
                         c.joint.removes_given ? " (as joint.removes states)"
                                               : " (default: those whose kind the entry side "
                                                 "also checks)");
      }
    if (c.pre_arrival.share > 0) {
      std::vector<std::string> kinds;
      for (int k = 0; k < 8; ++k)
        if (c.pre_arrival.kinds & (1u << k)) kinds.push_back(models::stage_kind_name(k));
      s += fmt::format(
          "    pre-arrival processing: {:.0f} % of trucks skip their {} stages (advance "
          "information)\n",
          100 * c.pre_arrival.share, fmt::join(kinds, ", "));
    }
  }
  for (std::size_t i = 0; i < sc.flows.size(); ++i) {
    const auto& f = sc.flows[i];
    s += fmt::format("  flow {}: {}{}, {:.1f} trucks/day{}\n", f.id,
                     f.export_direction ? "export" : "import", f.empty ? " (empty, returning)" : "",
                     a.flows[i].vehicles_per_day,
                     f.arrivals.table_s.empty()
                         ? ""
                         : fmt::format(" (table of {} arrivals)", f.arrivals.table_s.size()));
    if (f.routes.size() > 1) {
      std::vector<std::string> names;
      for (const models::Route& r : f.routes)
        if (names.size() < 6) names.push_back(r.id);
      if (f.routes.size() > names.size())
        names.push_back(fmt::format("and {} more", f.routes.size() - names.size()));
      s += fmt::format("    {} routes{}: {}\n", f.routes.size(),
                       f.routes_cut ? fmt::format(" (routes: all kept the {} cheapest; more exist)",
                                                  models::kMaxRoutes)
                                    : "",
                       fmt::join(names, ", "));
    }
    if (f.response) s += response_text(sc, *f.response);
  }
  for (const auto& n : sc.notices) {
    std::vector<std::string> named;
    for (std::size_t k = 0; k < sc.cargo.size(); ++k)
      if (n.cargo[k]) named.push_back(sc.cargo[k].id);
    s += fmt::format("  notice for {}, {} to {}: {:.0f} % of the {} loads due then {}\n",
                     sc.crossings[n.crossing].id, models::units::format_date(n.dates.from),
                     models::units::format_date(n.dates.to), 100 * n.compliance,
                     fmt::join(named, ", "), n.cancel ? "are cancelled" : "are held until it ends");
  }
  for (const auto& r : sc.rail)
    s += fmt::format(
        "  rail {}: {} departure(s)/day, {} wagons/train, {:.1f} wagons/day, terminal {} with {} "
        "crane(s)\n",
        r.id, r.departures_s.size(), r.wagons_per_train, r.wagons_per_day, r.terminal, r.cranes);
  return s;
}

// "limited upstream by ...": what comes is less than the flows offer because a limit before it
// passes less (an intake, a full exit yard, a stop that cannot keep up).
std::string limited_text(const std::string& by, double comes, double unlimited) {
  if (by.empty() || !(unlimited > comes * 1.001)) return "";
  return fmt::format("      limited upstream by {}: {:.1f} vehicles/day would come without it\n",
                     by, unlimited);
}

std::string load_line(const models::StopLoad& l) {
  return fmt::format(
             "    {:<40} {:7.1f} vehicles/day x {:6.1f} min / {:6.1f} server-h/day = {:5.2f}\n",
             l.name, l.visits_per_day, l.mean_service_s / 60, l.server_hours_per_day, l.load) +
         limited_text(l.limited_by, l.visits_per_day, l.unlimited_visits_per_day);
}

// A joint stop: what it joins, its booths (stated or by the rule), the officers each agency
// brings and the servers that leaves in effect.
std::string joint_stop_text(const models::StopLoad& l) {
  if (l.pool)
    return fmt::format(
        "      {} {}{}\n",
        l.agency.empty() ? "officers the joint stops take for"
                         : "officers of agency " + l.agency + ", shared by",
        fmt::join(l.stages, ", "),
        l.hourly ? " (staffed by the hour: the server-hours are its officer-hours)" : "");
  std::string s = l.agency_pool.empty()
                      ? fmt::format("      joint stop of {}\n", fmt::join(l.stages, ", "))
                      : fmt::format(
                            "      its servers are booths; a truck also needs an officer "
                            "of {}\n",
                            l.agency_pool);
  const std::string booths =
      fmt::format("{} booth(s){}", l.servers + l.lane_servers,
                  l.booths_stated ? "" : " (default: the joined stages' servers summed)");
  if (l.officers.empty())
    return s + fmt::format("      {}, each a full joint team: {} effective server(s)\n", booths,
                           l.servers + l.lane_servers);
  std::vector<std::string> officers;
  bool redeployed = false;
  for (std::size_t k = 0; k < l.officers.size(); ++k) {
    officers.push_back(l.agency_pool.empty()
                           ? fmt::format("{} {}", l.stages[k], l.officers[k])
                           : fmt::format("{} (outside its staffing entries)", l.officers[k]));
    redeployed = redeployed || !l.officers_stated[k];
  }
  s += fmt::format(
      "      (a booth is also held while its truck waits for an officer, which the load above "
      "leaves out: see the officers below)\n");
  s += fmt::format("      {}; officers {}{}\n", booths, fmt::join(officers, ", "),
                   redeployed ? " (those not stated in joint.officers are their stage's servers, "
                                "redeployed)"
                              : "");
  const double at_effective =
      l.effective_servers > 0 ? l.load * (l.servers + l.lane_servers) / l.effective_servers : 0;
  s += fmt::format(
      "      effective servers {:.1f}{}: offered load {:.2f} at those\n", l.effective_servers,
      l.binding.empty() ? " (the booths bind)" : fmt::format(", bound by {}", l.binding),
      at_effective);
  return s;
}

std::string validate_loads(const models::Analysis& a) {
  std::string s = fmt::format(
      "  offered load per stop over the {:.1f} days after the warm-up (work offered / open "
      "server-time):\n",
      a.window_s / sim::kDay);
  std::vector<std::string> idle;
  for (const auto& l : a.stops) {
    if (l.visits_per_day == 0) {
      idle.push_back(l.name);
      continue;
    }
    s += load_line(l);
    if (l.stages.size() > 1 || !l.booths_stated || l.pool || !l.agency_pool.empty())
      s += joint_stop_text(l);
  }
  if (!idle.empty())
    s += fmt::format("    not visited by any vehicle: {}\n", fmt::join(idle, ", "));
  for (const auto& l : a.transshipment) s += load_line(l);
  for (const auto& l : a.intakes)
    s +=
        fmt::format("    {:<40} {:7.1f} vehicles/day arrive / {:7.1f} admitted per day = {:5.2f}\n",
                    l.name, l.arrivals_per_day, l.capacity_per_day, l.load) +
        limited_text(l.limited_by, l.arrivals_per_day, l.unlimited_arrivals_per_day);
  return s;
}

// The queue a short exit side or intake causes, held at a level by drivers who give up.
const models::GiveUpQueue* bounded_queue(const models::Analysis& a, const std::string& binding) {
  for (const auto& q : a.queues)
    if (q.bounded && q.binding.rfind(binding, 0) == 0) return &q;
  return nullptr;
}

// Who may hold the queue back at an intake named "<crossing>.<direction>.intake...": the flows
// whose shippers respond to that crossing's announcement, and the notices about it.
std::string responders(const models::Scenario& sc, const std::string& intake) {
  std::vector<std::string> flows, why;
  for (const models::Flow& f : sc.flows)
    if (f.response && intake.rfind(sc.crossings[f.response->gate].id + ".", 0) == 0)
      flows.push_back(f.id);
  if (!flows.empty())
    why.push_back(fmt::format("{} {} {} announcements", flows.size() > 1 ? "flows" : "flow",
                              fmt::join(flows, ", "),
                              flows.size() > 1 ? "respond to its" : "responds to its"));
  for (const models::Notice& n : sc.notices)
    if (intake.rfind(sc.crossings[n.crossing].id + ".", 0) == 0) {
      why.push_back("notices ask traders to stay away");
      break;
    }
  if (why.empty()) return "";
  return fmt::format(", unless shippers hold back ({}; the run says how far)",
                     fmt::join(why, "; "));
}

std::string validate_warnings(const std::string& path, const models::Scenario& sc,
                              const models::Analysis& a) {
  std::string s;
  for (const auto& q : a.queues)
    if (q.bounded)
      s += fmt::format(
          "{}: warning: {} passes {:.0f} vehicles a day of the {:.0f} reaching {}: the rest wait "
          "on "
          "{}, where drivers give up, so the queue stays bounded: it levels off at "
          "about {:.0f} vehicles, with {:.0f} a day giving up ({})\n",
          path, q.binding, q.passed_per_day, q.arrivals_per_day, q.name, q.place, q.queue,
          q.gave_up_per_day, q.method);
  for (const auto& l : a.intakes)
    if (l.load >= 1 && !bounded_queue(a, l.name + " "))
      s += fmt::format(
          "{}: warning: {} admits {:.0f} vehicles a day against {:.0f} arriving ({:.2f} times what "
          "it "
          "takes): trucks back up into the yard and onto the road for as long as that lasts{}\n",
          path, l.name, l.capacity_per_day, l.arrivals_per_day, l.load, responders(sc, l.name));
  for (const auto* list : {&a.stops, &a.transshipment})
    for (const auto& l : *list)
      if (l.load >= 1 && !bounded_queue(a, l.name + " "))
        s += fmt::format(
            "{}: warning: {} is offered {:.2f} times what it can serve in its open hours: its "
            "queue will "
            "grow without bound\n",
            path, l.name, l.load);
  return s;
}

}  // namespace

std::string render_run(const RunOutcome& r, bool verbose) {
  return (verbose ? outputs::format_summary(r.scenario, r.summary)
                  : outputs::format_headline(r.scenario, r.summary)) +
         backlog_warnings_text("", r.summary) + results_line(r.out);
}

std::string render_compare(const CompareOutcome& r, bool verbose) {
  std::string s;
  for (const std::string& w : r.warnings) s += w + "\n";
  for (std::size_t i = 0; i < r.diffs.size(); ++i) {
    s += outputs::format_comparison(r.names.front(), r.names[i + 1], r.diffs[i], verbose);
    s += outputs::format_decomposition(r.names.front(), r.names[i + 1], r.decompositions[i]);
  }
  for (std::size_t i = 0; i < r.scenarios.size(); ++i)
    s += backlog_warnings_text(r.scenarios[i].name + ": ", outputs::summarize(r.metrics[i]));
  return s + results_line(r.out);
}

// The terminal table: the catalogue's sweep metrics for all vehicles, one line a point.
std::string render_sweep(const SweepOutcome& r) {
  std::string s = fmt::format("{:<5} {:<50}", "point", "parameters");
  for (outputs::Metric m : outputs::kSweepTableMetrics)
    s +=
        fmt::format(" {:>20}", outputs::metric_name(m) + " (" + outputs::metric_spec(m).unit + ")");
  s += "\n";
  for (std::size_t p = 0; p < r.labels.size(); ++p) {
    s += fmt::format("{:<5} {:<50}", p, r.labels[p]);
    for (outputs::Metric m : outputs::kSweepTableMetrics) {
      double value = NAN;
      for (const auto& row : r.rows)
        if (row.point == p && row.row.key.metric == m &&
            row.row.key.group.kind == outputs::GroupKind::All)
          value = row.row.ci.mean;
      s += fmt::format(" {:>20.4f}", value);
    }
    s += "\n";
  }
  return s + results_line(r.out);
}

std::string file_summary_text(const std::string& h5);
std::string explore_file_summary(hid_t f, const std::string& h5);   // render_explore.cpp
std::string optimise_file_summary(hid_t f, const std::string& h5);  // render_optimise.cpp

std::string render_file_summary(const std::string& h5) {
  // Read in a child process, verified first: a damaged file is refused, never summarised from
  // defaults, and one that crashes the HDF5 library costs a message (outputs/isolated.hpp).
  return outputs::run_isolated(h5, [&] { return file_summary_text(h5); });
}

std::string file_summary_text(const std::string& h5) {
  namespace h = outputs::h5;
  h::Handle f = h::open_file(h5);
  const std::string command = outputs::verify_result(f).command;  // refuses a damaged file
  auto attr = [&](hid_t o, const char* name) {
    return outputs::has_attribute(o, name) ? h::read_attr_string(o, name) : std::string();
  };
  auto what = [&](hid_t g) {
    const long reps = outputs::has_attribute(g, "replications")
                          ? static_cast<long>(h::read_attr_double(g, "replications"))
                          : -1;
    return reps >= 0 ? fmt::format("{} replications", reps) : std::string("summary");
  };
  std::string s;
  if (command == "run") {
    s += outputs::format_summary(attr(f, "scenario_name"), what(f) + ", from " + h5,
                                 outputs::read_summary_rows(f, "summary"));
  } else if (command == "explore") {
    s += explore_file_summary(f, h5);
  } else if (command == "optimise") {
    s += optimise_file_summary(f, h5);
  } else if (command == "compare") {
    for (const std::string& name : h::children(f, "scenarios"))
      s +=
          outputs::format_summary(name, "in the comparison " + h5,
                                  outputs::read_summary_rows(f, "scenarios/" + name + "/summary")) +
          "\n";
  } else {
    for (const std::string& p : h::children(f, "sweep")) {
      h::Handle g(H5Gopen2(f, ("sweep/" + p).c_str(), H5P_DEFAULT), H5Gclose, "open a sweep point");
      s += outputs::format_summary(p, attr(g, "parameters"),
                                   outputs::read_summary_rows(f, "sweep/" + p + "/summary")) +
           "\n";
    }
  }
  return s;
}

// The trucks at the border at the start, per crossing direction and place.
std::string validate_initial(const models::Scenario& sc) {
  if (sc.initial.empty()) return "";
  std::map<std::string, std::array<int, 4>> at;  // by crossing direction: road, yard, intake
  for (const models::InitialQueue& q : sc.initial)
    at[sc.crossings[q.crossing].id + (sc.flows[q.flow].export_direction ? ".export" : ".import")]
      [static_cast<std::size_t>(q.place)] += q.count;
  std::string s = "  at the start (initial_state), ahead of every arrival:\n";
  for (const auto& [name, n] : at)
    s += fmt::format(
        "    {}: {} trucks ({} on the road, {} in the yard, {} waiting for the "
        "intake)\n",
        name, n[1] + n[2] + n[3], n[1], n[2], n[3]);
  return s;
}

// The inputs the scenario declares uncertain: what each ranges over and what this run uses.
std::string validate_uncertain(const models::Scenario& sc,
                               const std::vector<std::string>& problems) {
  if (sc.uncertain.empty()) return "";
  std::string s = fmt::format(
      "  uncertain inputs ({}; `bordersim explore` varies them, every other command runs the "
      "scenario's own value):\n",
      sc.uncertain.size());
  for (const models::UncertainInput& in : sc.uncertain)
    s += fmt::format("    {}: {}\n      over {}; this scenario: {}\n      {}\n", in.name, in.key,
                     models::range_words(in), models::own_value(sc, in),
                     in.source.empty() ? "why: " + in.why : "source: " + in.source);
  for (const std::string& p : problems)
    s += "    warning: an inherited input does not apply to this scenario (explore will refuse "
         "it; drop it with `uncertain: {name: ~}`): " +
         p + "\n";
  return s;
}

std::string render_validate(const ValidateOutcome& r, bool hourly) {
  return validate_header(r) + validate_sides(r.scenario) +
         validate_network(r.scenario, r.analysis) + validate_initial(r.scenario) +
         validate_uncertain(r.scenario, r.uncertain_problems) + validate_loads(r.analysis) +
         validate_hourly(r.analysis, hourly) + validate_optimise(r.scenario) +
         validate_warnings(r.path, r.scenario, r.analysis);
}

std::string render_verify_header() {
  return fmt::format("{:<16} {:<26} {:>10} {:>10} {:>23}  {}\n", "case", "metric", "theory",
                     "simulated", "95% CI", "result");
}

std::string render_verify_case(const sim::CaseResult& c) {
  std::string s;
  for (const auto& m : c.metrics)
    s += fmt::format("{:<16} {:<26} {:>10.4f} {:>10.4f} [{:>10.4f}, {:>10.4f}]  {}\n", c.name,
                     m.name, m.theory, m.ci.mean, m.ci.lo, m.ci.hi, m.pass ? "pass" : "FAIL");
  return s;
}

std::string render_verify_footer(const VerifyOutcome& r) {
  return fmt::format("{}\n",
                     r.all_pass ? "all validation cases pass" : "some validation cases FAILED");
}

std::string render_export(const ExportOutcome& r) {
  return fmt::format("csv: {} ({} tables)\n", r.dir, r.files.size());
}

std::string render_calibrate(const CalibrateOutcome& r) {
  return outputs::format_calibration(r.run.scenario, r.targets) + "results: " + r.run.out + "\n";
}

}  // namespace app
