// The HTML report as a policy brief: a title that says what was studied, findings in plain
// sentences, then the charts and tables that back them. The sections are in report_*.cpp.
#include "report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "measures/summary.hpp"
#include "models/records.hpp"
#include "models/units.hpp"
#include "models/yaml_tree.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/isolated.hpp"
#include "outputs/verify.hpp"
#include "report/report_corridor.hpp"
#include "report/report_parts.hpp"
#include "sim/time.hpp"

namespace outputs {

namespace {

using namespace report;
using svg::escape;

// A scenario's description from its text ("" when it has none or does not parse).
std::string description_of(const std::string& yaml) {
  try {
    const models::YamlNode root = models::parse_yaml(yaml, "scenario");
    const models::YamlNode* d = root.find("description");
    return d && d->is_scalar() ? d->scalar : "";
  } catch (const std::exception&) {
    return "";
  }
}

std::string days_text(double s) {
  const double d = s / sim::kDay;
  return number(d) + (d == 1 ? " day" : " days");
}

// When and how long: "12 days after a 2-day warm-up, from Mon 7 Apr 2025 00:00 (UTC+7)".
std::string span_text(const Context& c) {
  std::string s = days_text(c.horizon_s - c.warmup_s) + " after a " +
                  number(c.warmup_s / sim::kDay) + "-day warm-up";
  if (c.dated) {
    const double local = c.calendar.epoch_s + c.calendar.offset_s;
    const long day = static_cast<long>(std::floor(local / sim::kDay));
    const models::units::CivilDate d = models::units::civil_date(day);
    static const char* months[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};
    const int minutes = static_cast<int>(std::lround((local - day * sim::kDay) / 60));
    s += fmt::format(", from {} {} {} {:02}:{:02} ({})", d.day, months[d.month - 1], d.year,
                     minutes / 60, minutes % 60, c.calendar.zone);
  }
  return s;
}

std::string header(const Context& c, const std::string& command,
                   const std::vector<std::string>& scenarios) {
  hid_t f = c.file;
  const std::string name = attr_or(f, "scenario_name");
  std::string title, lead;
  if (command == "compare" && scenarios.size() >= 2) {
    std::string variants;
    for (std::size_t i = 1; i < scenarios.size(); ++i)
      variants += (i == 1 ? "" : i + 1 == scenarios.size() ? " and " : ", ") + scenarios[i];
    title = variants + " compared with " + scenarios[0];
    for (const std::string& s : scenarios) {
      const std::string yaml = attr_or(
          h5::Handle(H5Gopen2(f, ("scenarios/" + s).c_str(), H5P_DEFAULT), H5Gclose, "scenario"),
          "scenario_yaml");
      const std::string d = description_of(yaml);
      lead += "<p class=\"lead\"><b>" + escape(s) + (s == scenarios[0] ? " (base)" : "") +
              ":</b> " + escape(d.empty() ? "no description" : d) + "</p>";
    }
  } else {
    if (command == "sweep") {
      std::vector<std::string> params;
      if (h5::exists(f, "point_parameters"))
        for (const row::PointParameter& p : read_rows<row::PointParameter>(
                 f, "point_parameters", table_spec(Table::PointParameters)))
          if (std::find(params.begin(), params.end(), text(p.parameter)) == params.end())
            params.push_back(text(p.parameter));
      std::string list;
      for (std::size_t i = 0; i < params.size(); ++i)
        list += (i == 0 ? "" : i + 1 == params.size() ? " and " : ", ") + params[i];
      title = name + " swept over " + (list.empty() ? "its parameters" : list);
    } else {
      title = "Simulation of " + name;
    }
    lead = "<p class=\"lead\">" + escape(attr_or(f, "scenario_description")) + "</p>";
  }
  std::string s = "<header><p class=\"kicker\">bordersim report · " +
                  std::string(command == "compare" ? "a comparison of scenarios"
                              : command == "sweep" ? "a parameter sweep"
                                                   : "a simulation run") +
                  "</p><h1>" + escape(title) + "</h1>" + lead;
  s += "<p class=\"meta\">" + escape(span_text(c)) +
       fmt::format("; {} replications, seed {:.0f}. ", c.replications, attr_number(f, "seed")) +
       "</p><details class=\"meta\"><summary>Provenance</summary><table class=\"meta\">";
  auto row = [&](const std::string& k, const std::string& v) {
    s += "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>";
  };
  row("run on", attr_or(f, "created"));
  row("bordersim", attr_or(f, "bordersim_version") + " (" + attr_or(f, "git_revision") + ")");
  row("scenario file", attr_or(f, "scenario_file"));
  row("start", attr_or(f, "start_local", "—") + " " + attr_or(f, "time_zone"));
  return s + "</table></details></header>";
}

// The table a decision needs: per flow and cargo (and for all vehicles) the headline figures
// that the file has; everything else in the long table behind it.
std::string summary_table(const Context& c, const std::vector<Row>& rows, const std::string& id) {
  struct Column {
    std::vector<std::string_view> metrics;  // the first the file has
    const char* title;
  };
  const std::vector<Column> columns = {
      {{"throughput_per_day", "completed_per_day"}, "vehicles per day"},
      {{"border_time_p50"}, "border-crossing time, median (h)"},
      {{"border_time_p95"}, "border-crossing time, 95th percentile (h)"},
      {{"transit_mean"}, "transit time, mean (h)"},
      {{"wait_mean"}, "waiting, mean (h)"},
      {{"spoiled_share"}, "share spoiled"},
      {{"value_lost_per_day"}, "value lost per day"}};
  std::vector<std::pair<std::string_view, const char*>> shown;
  for (const Column& col : columns)
    for (std::string_view m : col.metrics)
      if (has_metric(rows, m)) {
        shown.emplace_back(m, col.title);
        break;
      }
  std::map<std::string, Group> groups;  // label -> group, labels sorted, "all" first
  for (const Row& r : rows)
    if (r.group.kind == GroupKind::FlowCargo || r.group.kind == GroupKind::All)
      groups.emplace(r.group.kind == GroupKind::All ? std::string(1, '\x01') : r.label, r.group);
  std::string s = "<section id=\"" + escape(id) +
                  "\"><h2>Summary</h2><p>Mean over replications with its 95 % confidence "
                  "interval (Student t), of the vehicles that arrived after the warm-up.</p>"
                  "<table class=\"summary\"><tr><th>flow / cargo</th>";
  for (const auto& [m, title] : shown) s += "<th>" + escape(title) + "</th>";
  s += "</tr>";
  for (const auto& [label, g] : groups) {
    s += "<tr><td>" +
         (g.kind == GroupKind::All ? std::string("all vehicles")
                                   : cargo_swatch(c, g.cargo) + escape(label)) +
         "</td>";
    for (const auto& [m, title] : shown) {
      std::string cell;
      for (const Row& r : rows)
        if (r.metric == m && r.group == g)
          cell += (cell.empty() ? "" : "<br>") +
                  with_ci(r, r.unit.find("/day") != std::string::npos &&
                                     m != "throughput_per_day" && m != "completed_per_day"
                                 ? r.unit
                                 : "");
      s += "<td>" + (cell.empty() ? std::string("—") : cell) + "</td>";
    }
    s += "</tr>";
  }
  s += "</table><details><summary>Every figure of the summary</summary><table "
       "class=\"summary\"><tr><th>metric</th><th>group</th><th>unit</th><th>mean [95 % "
       "CI]</th></tr>";
  std::vector<const Row*> all;
  for (const Row& r : rows) all.push_back(&r);
  auto order = [](const Row* r) {
    const auto m = metric_by_name(r->metric);
    return m ? static_cast<int>(*m) : 1000;
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const Row* a, const Row* b) { return order(a) < order(b); });
  for (const Row* r : all)
    s += "<tr><td>" + escape(r->metric) + "</td><td>" + escape(r->label) + "</td><td>" +
         escape(r->unit) + "</td><td>" + with_ci(*r) + "</td></tr>";
  return s + "</table></details></section>";
}

// The backlog warnings (summary.hpp), from the summary rows as the file stores them.
std::string warnings(const std::vector<Row>& rows) {
  std::vector<SummaryRow> summary;
  for (const Row& r : rows) {
    const auto metric = metric_by_name(r.metric);
    if (!metric) continue;
    sim::Interval ci;
    ci.mean = r.mean;
    ci.lo = r.lo;
    ci.hi = r.hi;
    ci.n = static_cast<std::size_t>(r.n);
    summary.push_back(SummaryRow{MetricKey{*metric, r.group, r.label, r.unit}, ci, {}});
  }
  std::string s;
  for (const BacklogWarning& w : backlog_warnings(summary))
    s += "<p class=\"warning\">" + escape(w.text()) + "</p>";
  return s;
}

const char* kStyle = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:980px;color:#111;background:#fff;line-height:1.4}
h1{font-size:26px;margin:0 0 8px} h2{font-size:19px;border-bottom:1px solid #999;margin-top:30px}
h3{font-size:15px;margin:18px 0 4px}
.kicker{color:#555;font-size:13px;margin:0 0 2px;text-transform:uppercase;letter-spacing:.04em}
.lead{color:#222;max-width:820px;font-size:15px;margin:4px 0} p.meta{color:#444;font-size:13px}
details.meta{font-size:12px;color:#444} table{border-collapse:collapse;font-size:12px;margin:8px 0}
th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top} .ci{color:#666}
svg.chart{display:block;margin:10px 0;background:#fff} .meta th{background:#f2f2f2}
.warning{border-left:4px solid #b00;background:#fdecea;padding:6px 10px;font-weight:bold}
#findings{background:#f5f7fa;border:1px solid #d5dbe3;padding:4px 18px 10px;margin-top:18px}
#findings h2{border:none;margin-top:10px} #findings li{margin:5px 0;font-size:14px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:baseline}
.better{color:#0b5394;font-weight:bold} .worse{color:#b34700;font-weight:bold} .note{color:#555;font-size:13px}
.nothing{font-style:italic;color:#333} code{font-size:12px;background:#f2f2f2;padding:0 3px} table.summary td:first-child{white-space:nowrap}
@media print{section{page-break-inside:avoid}}
)";

}  // namespace

std::string render_report(const std::string& path) {
  h5::Handle f = h5::open_file(path);
  // Verified whole first (outputs/verify.hpp): a damaged file is refused, never reported from
  // defaults.
  const std::string command = verify_result(f).command;
  std::string body;
  std::string title;
  if (command == "compare") {
    const std::string base = attr_or(f, "scenario_name");
    std::vector<std::string> scenarios = h5::children(f, "scenarios");
    // The base first, then the variants in the order they were compared.
    std::stable_partition(scenarios.begin(), scenarios.end(),
                          [&](const std::string& s) { return s == base; });
    const Context c = make_context(f, "scenarios/" + scenarios.front());
    body += header(c, command, scenarios);
    body += findings_compare(c);
    {
      std::vector<std::string> where;
      for (const std::string& name : scenarios) where.push_back("scenarios/" + name);
      body += assumed(f, where, scenarios);
    }
    body += comparison(c);
    body += decomposition(c);
    body += reliability(c, scenarios, "reliability");
    for (const std::string& name : scenarios) {
      const Context sc = with_base(c, f, "scenarios/" + name);
      body += "<section class=\"scenario\" id=\"scenario-" + escape(name) + "\"><h2>Scenario " +
              escape(name) + (name == base ? " (base)" : "") + "</h2>";
      const auto rows = read_summary(f, sc.base + "/summary");
      std::string part = warnings(rows) + border_time(sc, rows, "border-" + name) +
                         summary_table(sc, rows, "summary-" + name) +
                         backlog(sc, "backlog-" + name) +  // names are unique ids
                         corridor_section(f, sc.base);
      // Its parts are headed one level down.
      for (std::size_t at = 0; (at = part.find("h2>", at)) != std::string::npos;)
        part.replace(at, 3, "h3>");
      body += part + "</section>";
    }
  } else if (command == "sweep") {
    // Names (cargo classes, stops) from the first point: the grid changes values, not classes.
    const Context c = make_context(f, h5::exists(f, "sweep/p000") ? "sweep/p000" : "");
    body += header(c, command, {});
    body += findings_sweep(c);
    body += assumed(f, {""});
    body += sweep(c);
  } else if (command == "explore") {
    body += explore_body(f);
  } else if (command == "optimise") {
    body += optimise_body(f);
  } else {
    const Context c = make_context(f, "");
    body += header(c, command, {});
    const auto rows = read_summary(f, "summary");
    body += warnings(rows);
    body += findings_run(c, rows);
    body += assumed(f, {""});
    body += reliability(c, {}, "reliability");
    body += border_time(c, rows, "border");
    body += summary_table(c, rows, "summary");
    body += queues(c);
    body += backlog(c, "backlog");
    body += waiting(c, rows);
    body += transit(c);
    body += spoilage(c, rows);
    body += rail(c, rows);
    body += corridor_section(f, "");
  }
  const auto h1 = body.find("<h1>"), h1_end = body.find("</h1>");
  if (h1 != std::string::npos && h1_end != std::string::npos)
    title = body.substr(h1 + 4, h1_end - h1 - 4);
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
         " — bordersim report</title><style>" + kStyle + "</style></head><body>" + body +
         "<footer><p class=\"note\">Written by bordersim from " + escape(path) +
         ". Self-contained: no external resources.</p></footer></body></html>\n";
}

std::string render_report_isolated(const std::string& path, int timeout_s) {
  return run_isolated(
      path, [&] { return render_report(path); }, timeout_s);
}

}  // namespace outputs
