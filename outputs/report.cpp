#include "outputs/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <set>

#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/report_corridor.hpp"
#include "outputs/summary.hpp"
#include "outputs/svg.hpp"
#include "sim/stats.hpp"
#include "sim/time.hpp"

namespace outputs {

namespace {

using svg::escape;

// A summary row as the report uses it: the metric and group as values, the label only to show.
struct Row {
  Metric metric;
  Group group;
  std::string label, unit;
  double mean, lo, hi;
  std::int64_t n;
};

std::vector<Row> read_summary(hid_t loc, const std::string& path) {
  std::vector<Row> rows;
  for (const row::Summary& r : read_rows<row::Summary>(loc, path, table_spec(Table::Summary))) {
    const auto metric = metric_by_name(text(r.key.metric));
    if (!metric) continue;  // a metric this build does not know: nothing here draws it
    rows.push_back(Row{*metric, group_of(r.codes), text(r.key.group), text(r.key.unit), r.ci.mean,
                       r.ci.ci95_lo, r.ci.ci95_hi, r.ci.n});
  }
  return rows;
}

std::string fmt_ci(const Row& r) {
  if (std::isnan(r.lo)) return fmt::format("{:.3g}", r.mean);
  return fmt::format("{:.3g} <span class=\"ci\">[{:.3g}, {:.3g}]</span>", r.mean, r.lo, r.hi);
}

std::string attr_or(hid_t f, const char* name, const std::string& fallback = "") {
  return H5Aexists(f, name) > 0 ? h5::read_attr_string(f, name) : fallback;
}

// ---- sections -------------------------------------------------------------------------------

std::string header(hid_t f, const std::string& kind) {
  const double horizon = H5Aexists(f, "horizon_s") > 0 ? h5::read_attr_double(f, "horizon_s") : 0;
  const double warmup = H5Aexists(f, "warmup_s") > 0 ? h5::read_attr_double(f, "warmup_s") : 0;
  const double reps =
      H5Aexists(f, "replications") > 0 ? h5::read_attr_double(f, "replications") : 0;
  const double seed = H5Aexists(f, "seed") > 0 ? h5::read_attr_double(f, "seed") : 0;
  std::string s =
      fmt::format("<header><h1>{}{}</h1><p class=\"desc\">{}</p><table class=\"meta\">",
                  escape(attr_or(f, "scenario_name")), kind.empty() ? "" : " — " + escape(kind),
                  escape(attr_or(f, "scenario_description")));
  auto row = [&](const std::string& k, const std::string& v) {
    s += "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>";
  };
  row("run on", attr_or(f, "created"));
  row("seed", fmt::format("{:.0f}", seed));
  row("replications", fmt::format("{:.0f}", reps));
  row("horizon", fmt::format("{:.1f} days", horizon / sim::kDay));
  row("warm-up", fmt::format("{:.1f} days", warmup / sim::kDay));
  row("bordersim", attr_or(f, "bordersim_version") + " (" + attr_or(f, "git_revision") + ")");
  row("scenario file", attr_or(f, "scenario_file"));
  return s + "</table></header>";
}

std::string summary_table(const std::vector<Row>& rows) {
  // The vehicle metrics (those kept by flow and cargo) by flow/cargo and for all vehicles; money
  // may come in several currencies for one group, each with its unit.
  std::vector<Metric> headline;
  for (const MetricSpec& m : metric_catalogue())
    if (has_group(m.metric, GroupKind::FlowCargo) &&
        std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return r.metric == m.metric; }))
      headline.push_back(m.metric);
  std::map<std::string, std::map<Metric, std::vector<const Row*>>> by_group;
  for (const Row& r : rows)
    if (has_group(r.metric, GroupKind::FlowCargo) &&
        (r.group.kind == GroupKind::FlowCargo || r.group.kind == GroupKind::All))
      by_group[r.label][r.metric].push_back(&r);
  std::string s =
      "<section id=\"summary\"><h2>Summary</h2><p>Mean over replications with its 95 % confidence "
      "interval (Student t), "
      "vehicles that arrived after the warm-up. Transit and waiting in hours; value lost in the "
      "cargo's currency.</p>"
      "<table class=\"summary\"><tr><th>flow / cargo</th>";
  for (Metric m : headline) {
    std::string title = metric_name(m);
    std::replace(title.begin(), title.end(), '_', ' ');
    s += "<th>" + escape(title) + "</th>";
  }
  s += "</tr>";
  for (const auto& [g, m] : by_group) {
    s += "<tr><td>" + escape(g) + "</td>";
    for (Metric k : headline) {
      auto it = m.find(k);
      std::string cell;
      for (const Row* r : it == m.end() ? std::vector<const Row*>{} : it->second)
        cell += (cell.empty() ? "" : "<br>") + fmt_ci(*r) +
                (in_currency(k) ? " " + escape(r->unit) : "");
      s += "<td>" + (cell.empty() ? std::string("—") : cell) + "</td>";
    }
    s += "</tr>";
  }
  s += "</table><details><summary>Utilisation, yards and backlog</summary><table "
       "class=\"summary\"><tr><th>metric</th><th>where</th><th>mean [95 % CI]</th></tr>";
  for (const Row& r : rows) {
    const MetricSpec& m = metric_spec(r.metric);
    if (!m.title.empty() &&
        (has_group(r.metric, GroupKind::Stop) || has_group(r.metric, GroupKind::Side) ||
         has_group(r.metric, GroupKind::Rail) || has_group(r.metric, GroupKind::CrossingDirection)))
      s += "<tr><td>" + escape(m.name) + "</td><td>" + escape(r.label) + "</td><td>" + fmt_ci(r) +
           "</td></tr>";
  }
  return s + "</table></details></section>";
}

// A table of doubles (time series, backlog) of every replication that has it: column names from
// the first replication's table, values per replication, row-major.
struct SeriesData {
  std::vector<std::string> cols;
  std::vector<std::vector<double>> data;
  std::size_t rows = SIZE_MAX;
  double at(std::size_t rep, std::size_t i, std::size_t c) const {
    return data[rep][i * cols.size() + c];
  }
  double t_end() const { return at(0, rows - 1, 0); }
  // Column c over time: the mean across replications with a 95 % band.
  svg::Series band(std::size_t c, const std::string& label) const {
    svg::Series s;
    s.name = label;
    for (std::size_t i = 0; i < rows; ++i) {
      std::vector<double> v;
      for (std::size_t r = 0; r < data.size(); ++r) v.push_back(at(r, i, c));
      const sim::Interval ci = sim::mean_ci(v);
      s.x.push_back(at(0, i, 0) / sim::kDay);
      s.y.push_back(ci.mean);
      s.lo.push_back(std::isnan(ci.lo) ? ci.mean : std::max(0.0, ci.lo));
      s.hi.push_back(std::isnan(ci.hi) ? ci.mean : ci.hi);
    }
    return s;
  }
};

std::optional<SeriesData> read_series(hid_t f, const std::string& base, Table table) {
  const std::string name = table_spec(table).name;
  if (!h5::exists(f, base + "/replications")) return std::nullopt;
  std::vector<std::string> reps;
  for (const std::string& r : h5::children(f, base + "/replications"))
    if (h5::exists(f, base + "/replications/" + r + "/" + name)) reps.push_back(r);
  if (reps.empty()) return std::nullopt;
  const std::string first = base + "/replications/" + reps[0] + "/" + name;
  h5::Handle ds(H5Dopen2(f, first.c_str(), H5P_DEFAULT), H5Dclose, name.c_str());
  h5::Handle type(H5Dget_type(ds), H5Tclose, "series type");
  const int ncol = H5Tget_nmembers(type);
  if (ncol < 1) throw h5::Error(first + ": not a table of records");
  SeriesData out;
  for (int i = 0; i < ncol; ++i) {
    char* member = H5Tget_member_name(type, static_cast<unsigned>(i));
    out.cols.emplace_back(member);
    H5free_memory(member);
  }
  const std::vector<h5::Column> layout = series_columns(table, out.cols);
  for (const std::string& r : reps) {
    std::vector<unsigned char> buf;
    const std::size_t n = h5::read_table(f, base + "/replications/" + r + "/" + name,
                                         out.cols.size() * sizeof(double), layout, buf);
    std::vector<double> d(n * out.cols.size());
    std::memcpy(d.data(), buf.data(), d.size() * sizeof(double));
    out.data.push_back(std::move(d));
    out.rows = std::min(out.rows, n);
  }
  if (out.rows == 0) return std::nullopt;
  return out;
}

// Queue length over time per stop (mean across replications with a 95 % band), closed hours of
// the stop's side shaded; one chart per gate side, plus yard and road queues.
std::string queues(hid_t f, const std::string& base) {
  const auto series = read_series(f, base, Table::Timeseries);
  if (!series) return "";
  const std::vector<std::string>& cols = series->cols;
  const int ncol = static_cast<int>(cols.size());
  // Closed windows per side: the complement of its open windows.
  std::map<std::string, std::vector<std::pair<double, double>>> open;
  if (h5::exists(f, base + "/windows"))
    for (const row::Window& w :
         read_rows<row::Window>(f, base + "/windows", table_spec(Table::Windows)))
      open[text(w.side)].emplace_back(w.open_s, w.close_s);
  const double t_end = series->t_end();
  std::map<std::string, std::vector<int>> by_prefix;  // side (or terminal) -> queue columns
  std::vector<int> yards;
  for (int c = 1; c < ncol; ++c) {
    const std::string& name = cols[static_cast<std::size_t>(c)];
    const auto dot = name.find('.');
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".queue") == 0)
      by_prefix[name.substr(0, dot)].push_back(c);
    if ((name.size() > 5 && name.compare(name.size() - 5, 5, ".road") == 0) ||
        (name.size() > 5 && name.compare(name.size() - 5, 5, ".yard") == 0))
      yards.push_back(c);
  }
  auto chart_for = [&](const std::string& id, const std::string& title,
                       const std::vector<int>& columns, const std::string& side,
                       const std::string& suffix_strip) {
    std::vector<svg::Series> ss;
    double ymax = 1;
    for (int c : columns) {
      std::string label = cols[static_cast<std::size_t>(c)];
      if (!suffix_strip.empty() && label.size() > suffix_strip.size())
        label = label.substr(0, label.size() - suffix_strip.size());
      ss.push_back(series->band(static_cast<std::size_t>(c), label));
      for (double v : ss.back().hi) ymax = std::max(ymax, v);
    }
    svg::Chart ch(id, title, 760, 300);
    ch.x_axis("days since the start", 0, t_end / sim::kDay);
    ch.y_axis("vehicles waiting", 0, ymax * 1.05);
    auto it = open.find(side);
    if (it != open.end()) {
      double prev = 0;
      for (const auto& [o, c] : it->second) {
        if (o > prev) ch.shade(prev / sim::kDay, o / sim::kDay, side + " closed");
        prev = std::max(prev, c);
      }
      if (prev < t_end) ch.shade(prev / sim::kDay, t_end / sim::kDay, side + " closed");
    }
    for (const auto& s : ss) ch.line(s);
    return ch.svg();
  };
  std::string s = fmt::format(
      "<section id=\"queues\"><h2>Queues over time</h2><p>Vehicles waiting at each stop: mean over "
      "{} replication(s) "
      "with a 95 % band; grey: the side is closed (its own local hours).</p>",
      series->data.size());
  int k = 0;
  for (const auto& [prefix, columns] : by_prefix)
    s += chart_for("queue-" + std::to_string(k++), "Queue length at " + prefix, columns, prefix,
                   ".queue");
  if (!yards.empty()) s += chart_for("road-queue", "Yard occupancy and road queue", yards, "", "");
  return s + "</section>";
}

// The daily backlog per crossing direction (mean across replications with a 95 % band): a line
// that keeps rising is a queue that never settles.
// `id` keeps the charts' ids apart when a comparison draws one section per scenario.
std::string backlog(hid_t f, const std::string& base, const std::string& id) {
  const auto series = read_series(f, base, Table::Backlog);
  if (!series) return "";
  std::string s = fmt::format(
      "<section id=\"{}\"><h2>Backlog over time</h2><p>Vehicles that have reached each "
      "crossing and not yet left it, by direction, every day: mean over {} replication(s) with a "
      "95 % band. A backlog that keeps growing means the results depend on the horizon.</p>",
      escape(id), series->data.size());
  for (std::size_t c = 1; c < series->cols.size(); ++c) {
    svg::Series line = series->band(c, series->cols[c]);
    double ymax = 1;
    for (double v : line.hi) ymax = std::max(ymax, v);
    svg::Chart ch(id + "-" + std::to_string(c), "Backlog over time at " + series->cols[c], 760,
                  240);
    ch.x_axis("days since the start", 0, std::max(series->t_end() / sim::kDay, 1.0));
    ch.y_axis("vehicles", 0, ymax * 1.05);
    ch.line(line);
    s += ch.svg();
  }
  return s + "</section>";
}

// The backlog warnings (summary.hpp), from the summary rows as the file stores them.
std::string warnings(const std::vector<Row>& rows) {
  std::vector<SummaryRow> summary;
  for (const Row& r : rows) {
    sim::Interval ci;
    ci.mean = r.mean;
    ci.lo = r.lo;
    ci.hi = r.hi;
    ci.n = static_cast<std::size_t>(r.n);
    summary.push_back(SummaryRow{MetricKey{r.metric, r.group, r.label, r.unit}, ci, {}});
  }
  std::string s;
  for (const BacklogWarning& w : backlog_warnings(summary))
    s += "<p class=\"warning\">" + escape(w.text()) + "</p>";
  return s;
}

// Transit time distribution by cargo and treatment (replication 0), p50 and p95 marked.
std::string transit(hid_t f, const std::string& base, double warmup, const GroupNames& names) {
  const std::string path = base + "/replications/r000/vehicles";
  if (!h5::exists(f, path)) return "";
  const std::vector<std::string> treatments = read_lookup(f, base + "/lookup/treatments");
  std::map<std::string, std::vector<double>> groups;
  for (const row::Vehicle& v : read_rows<row::Vehicle>(f, path, table_spec(Table::Vehicles))) {
    if (v.outcome != static_cast<std::uint8_t>(models::Outcome::Released) || v.arrival_s < warmup)
      continue;
    const std::string t = v.treatment < treatments.size() ? treatments[v.treatment] : "?";
    groups[names.cargo_name(v.cargo) + " / " + t].push_back(v.transit_s / sim::kHour);
  }
  std::string s =
      "<section id=\"transit\"><h2>Transit time</h2><p>Distribution of the transit time (arrival "
      "to leaving the "
      "model) of vehicles released in replication 0, by cargo class and treatment; dashed lines: "
      "median and 95th "
      "percentile.</p>";
  int k = 0;
  for (auto& [g, xs] : groups) {
    if (xs.size() < 5) continue;
    std::sort(xs.begin(), xs.end());
    const double p50 = xs[xs.size() / 2],
                 p95 =
                     xs[std::min(xs.size() - 1,
                                 static_cast<std::size_t>(0.95 * static_cast<double>(xs.size())))];
    const double hi = std::max(xs.back(), 1e-3);
    const int bins = 40;
    std::vector<double> edges, counts(bins, 0);
    for (int b = 0; b <= bins; ++b) edges.push_back(hi * b / bins);
    for (double x : xs) counts[std::min(bins - 1, static_cast<int>(x / hi * bins))] += 1;
    svg::Chart ch("transit-" + std::to_string(k),
                  "Transit time, " + g + fmt::format(" ({} vehicles)", xs.size()), 760, 240);
    ch.x_axis("transit time (h)", 0, hi);
    ch.y_axis("vehicles", 0, *std::max_element(counts.begin(), counts.end()) * 1.1);
    ch.histogram(edges, counts, static_cast<std::size_t>(k % 8));
    ch.vline(p50, fmt::format("p50 {:.2f} h", p50), 0);
    ch.vline(p95, fmt::format("p95 {:.2f} h", p95), 7);
    s += ch.svg();
    ++k;
  }
  return s + "</section>";
}

std::string waiting(const std::vector<Row>& rows, const GroupNames& names) {
  std::vector<std::string> flows, stops;
  std::map<std::pair<std::string, std::string>, double> v;
  for (const Row& r : rows) {
    if (r.metric != Metric::StageWaitMean) continue;
    const std::string& flow = names.flow_name(r.group.flow);
    const std::string& stop = names.stop_name(r.group.stop);
    if (std::find(flows.begin(), flows.end(), flow) == flows.end()) flows.push_back(flow);
    if (std::find(stops.begin(), stops.end(), stop) == stops.end()) stops.push_back(stop);
    v[{flow, stop}] = r.mean;
  }
  if (flows.empty()) return "";
  std::vector<std::vector<double>> values;
  for (const auto& fl : flows) {
    values.emplace_back();
    for (const auto& st : stops) values.back().push_back(v.count({fl, st}) ? v[{fl, st}] : 0.0);
  }
  return "<section id=\"waiting\"><h2>Where the waiting happens</h2><p>Mean wait per visit at each "
         "stop, by flow (minutes, "
         "mean over replications).</p>" +
         svg::Chart::stacked("waiting-by-stage", "Mean wait by stop and flow", "minutes", flows,
                             stops, values) +
         "</section>";
}

svg::Bar bar_of(const Row& r, std::string label) {
  return svg::Bar{std::move(label), r.mean, std::isnan(r.lo) ? r.mean : r.lo,
                  std::isnan(r.hi) ? r.mean : r.hi, false};
}

std::string spoilage(const std::vector<Row>& rows, const GroupNames& names) {
  std::vector<svg::Bar> share, lost;
  std::set<std::string> units;
  for (const Row& r : rows)
    if (r.group.kind == GroupKind::Cargo && r.metric == Metric::ValueLostPerDay)
      units.insert(r.unit);
  for (const Row& r : rows) {
    if (r.group.kind != GroupKind::Cargo) continue;
    const std::string cargo = names.cargo_name(r.group.cargo);
    if (r.metric == Metric::SpoiledShare) share.push_back(bar_of(r, cargo));
    // One axis for money only when every class is in one currency; otherwise each bar says its own.
    if (r.metric == Metric::ValueLostPerDay)
      lost.push_back(bar_of(r, units.size() > 1 ? cargo + " (" + r.unit + ")" : cargo));
  }
  if (share.empty()) return "";
  return "<section id=\"spoilage\"><h2>Spoilage</h2><p>Share of loads spoiled and value lost per "
         "day, by cargo class, with 95 % "
         "confidence intervals.</p>" +
         svg::Chart::bars("spoiled-share", "Share of loads spoiled", "share of loads", share) +
         svg::Chart::bars("value-lost", "Value lost per day",
                          units.size() == 1 ? *units.begin() : "value per day", lost) +
         "</section>";
}

// Rail services are the flows with a train load factor; their wagons' dwell is their transit.
std::string rail(const std::vector<Row>& rows) {
  std::vector<svg::Bar> dwell, load;
  for (const Row& l : rows) {
    if (l.metric != Metric::TrainLoadFactor) continue;
    for (const Row& r : rows)
      if (r.metric == Metric::TransitMean && r.group.kind == GroupKind::FlowCargo &&
          r.group.flow == l.group.flow)
        dwell.push_back(bar_of(r, r.label));
    load.push_back(bar_of(l, l.label));
  }
  if (dwell.empty() && load.empty()) return "";
  return "<section id=\"rail\"><h2>Rail</h2><p>Wagon dwell (arrival at the station to "
         "transshipment done) and train load "
         "factor (wagons carried over wagons a train can take), with 95 % confidence "
         "intervals.</p>" +
         svg::Chart::bars("wagon-dwell", "Wagon dwell time", "hours", dwell) +
         svg::Chart::bars("train-load", "Train load factor", "share of capacity", load) +
         "</section>";
}

bool charted(Metric m) {
  return std::find(kChartedMetrics.begin(), kChartedMetrics.end(), m) != kChartedMetrics.end();
}

std::string comparison(hid_t f) {
  std::map<std::string, std::map<std::string, std::vector<svg::Bar>>>
      charts;  // variant -> metric -> bars
  std::map<std::string, std::string> units;
  for (const row::Comparison& c :
       read_rows<row::Comparison>(f, "comparison", table_spec(Table::Comparison))) {
    const auto metric = metric_by_name(text(c.key.metric));
    // Treatment subgroups change with the policy: comparing them compares different vehicles.
    if (!metric || !charted(*metric) || group_of(c.codes).kind == GroupKind::FlowCargoTreatment)
      continue;
    const std::string& name = metric_name(*metric);
    charts[text(c.variant)][name].push_back(
        svg::Bar{text(c.key.group), c.diff_mean, std::isnan(c.diff_lo) ? c.diff_mean : c.diff_lo,
                 std::isnan(c.diff_hi) ? c.diff_mean : c.diff_hi, c.significant != 0});
    units[name] = text(c.key.unit);
  }
  std::string s = "<section id=\"comparison\"><h2>Differences from " +
                  escape(attr_or(f, "scenario_name")) +
                  "</h2><p>Variant minus base, paired over replications on common random numbers, "
                  "with 95 % confidence "
                  "whiskers; * and dark bars: significant.</p>";
  int k = 0;
  for (const auto& [variant, metrics] : charts)
    for (const auto& [metric, bars] : metrics)
      s += svg::Chart::bars("diff-" + std::to_string(k++), variant + ": " + metric + " difference",
                            units[metric], bars, "* significant at the 95 % level");
  return s + "</section>";
}

// Why one mode wins: per variant, the difference in mean transit time by segment for all vehicles
// and each cargo class (segments zero in both scenarios are left out).
std::string decomposition(hid_t f) {
  if (H5Lexists(f, "decomposition", H5P_DEFAULT) <= 0) return "";
  const auto rows =
      read_rows<row::Decomposition>(f, "decomposition", table_spec(Table::Decomposition));
  std::map<std::string, bool> used;  // segment -> nonzero somewhere
  for (const row::Decomposition& r : rows)
    used[text(r.segment)] = used[text(r.segment)] || r.base_mean != 0 || r.variant_mean != 0;
  std::map<std::string, std::vector<svg::Bar>> charts;  // variant -> bars
  for (const row::Decomposition& r : rows) {
    const GroupKind k = group_of(r.codes).kind;
    const std::string segment = text(r.segment);
    if ((k != GroupKind::All && k != GroupKind::Cargo) || !used[segment]) continue;
    std::string label = segment == "total" ? "total (transit time)" : segment;
    for (std::size_t i = 0; i < models::kSegments; ++i)
      if (segment == segment_name(static_cast<models::Segment>(i)))
        label = segment_title(static_cast<models::Segment>(i));
    const bool ci = !std::isnan(r.diff_lo);
    charts[text(r.variant)].push_back(
        svg::Bar{text(r.key.group) + ": " + label, r.diff_mean, ci ? r.diff_lo : r.diff_mean,
                 ci ? r.diff_hi : r.diff_mean, ci && (r.diff_lo > 0 || r.diff_hi < 0)});
  }
  std::string s =
      "<section id=\"decomposition\"><h2>Why the transit time differs</h2><p>The difference in "
      "mean transit time (variant minus base, hours) split by where the time is spent: travel on "
      "legs, the exit side (road queue, yard, exit stops), waiting for the far side's intake, the "
      "bridge and transshipment, joint stops, and the entry side. For each group the segments add "
      "up to the total; whiskers are paired 95 % confidence intervals, dark bars significant.</p>";
  int k = 0;
  for (const auto& [variant, bars] : charts)
    s += svg::Chart::bars("decomposition-" + std::to_string(k++),
                          variant + ": where the transit-time difference comes from", "hours", bars,
                          "* CI excludes zero");
  return s + "</section>";
}

std::string sweep(hid_t f) {
  std::map<Metric, svg::Series> series;
  std::map<std::uint32_t, std::string> params;
  for (const row::Point& p : read_rows<row::Point>(f, "points", table_spec(Table::Points))) {
    params[p.point] = text(p.parameters);
    const auto metric = metric_by_name(text(p.key.metric));
    if (!metric || group_of(p.codes).kind != GroupKind::All) continue;
    svg::Series& s = series[*metric];
    s.name = metric_name(*metric);
    s.x.push_back(p.point);
    s.y.push_back(p.ci.mean);
    s.lo.push_back(std::isnan(p.ci.ci95_lo) ? p.ci.mean : p.ci.ci95_lo);
    s.hi.push_back(std::isnan(p.ci.ci95_hi) ? p.ci.mean : p.ci.ci95_hi);
  }
  std::string s =
      "<section id=\"sweep\"><h2>Sweep</h2><p>Each metric (all vehicles) against the grid point, "
      "with a 95 % band.</p>"
      "<table class=\"summary\"><tr><th>point</th><th>parameters</th></tr>";
  for (const auto& [p, label] : params)
    s += fmt::format("<tr><td>{}</td><td>{}</td></tr>", p, escape(label));
  s += "</table>";
  int k = 0;
  for (Metric metric : kChartedMetrics) {
    auto it = series.find(metric);
    if (it == series.end()) continue;
    double lo = 0, hi = 1e-9;
    for (double v : it->second.hi) hi = std::max(hi, v);
    for (double v : it->second.lo) lo = std::min(lo, v);
    const MetricSpec& m = metric_spec(metric);
    svg::Chart ch("sweep-" + std::to_string(k++), m.name + " by grid point", 760, 260);
    ch.x_axis("grid point", 0, std::max(1.0, static_cast<double>(params.size() - 1)));
    ch.y_axis(m.name + " (" + m.unit + ")", lo, hi * 1.05);
    ch.line(it->second);
    s += ch.svg();
  }
  return s + "</section>";
}

const char* kStyle = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:980px;color:#111;background:#fff}
h1{font-size:24px;margin:0 0 4px} h2{font-size:18px;border-bottom:1px solid #999;margin-top:28px}
.desc{color:#333;max-width:760px} table{border-collapse:collapse;font-size:12px;margin:8px 0}
th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top} .ci{color:#555}
svg.chart{display:block;margin:10px 0;background:#fff} .meta th{background:#f2f2f2}
.warning{border-left:4px solid #b00;background:#fdecea;padding:6px 10px;font-weight:bold}
@media print{section{page-break-inside:avoid}}
)";

}  // namespace

std::string render_report(const std::string& path) {
  h5::Handle f = h5::open_file(path);
  std::string body;
  const double warmup = H5Aexists(f, "warmup_s") > 0 ? h5::read_attr_double(f, "warmup_s") : 0;
  const std::string command = attr_or(f, "command", "run");
  if (command == "run") {
    body += header(f, "");
    const auto rows = read_summary(f, "summary");
    const GroupNames names = read_group_names(f, "");
    body += warnings(rows);
    body += summary_table(rows);
    body += queues(f, "");
    body += backlog(f, "", "backlog");
    body += transit(f, "", warmup, names);
    body += waiting(rows, names);
    body += spoilage(rows, names);
    body += rail(rows);
    body += corridor_section(f, "");
  } else if (command == "compare") {
    body += header(f, "comparison");
    body += comparison(f);
    body += decomposition(f);
    for (const std::string& name : h5::children(f, "scenarios")) {
      body += "<section class=\"scenario\"><h2>Scenario " + escape(name) + "</h2>";
      const auto rows = read_summary(f, "scenarios/" + name + "/summary");
      body += warnings(rows);
      body += summary_table(rows);
      body += backlog(f, "scenarios/" + name, "backlog-" + name);  // names are unique ids
      body += corridor_section(f, "scenarios/" + name);
      body += "</section>";
    }
  } else {
    body += header(f, "sweep");
    body += sweep(f);
  }
  return std::string(
             "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>bordersim "
             "report: ") +
         escape(attr_or(f, "scenario_name")) + "</title><style>" + kStyle +
         "</style></head><body>" + body + "<footer><p>Written by bordersim from " + escape(path) +
         ". Self-contained: no external resources.</p></footer></body></html>\n";
}

}  // namespace outputs
