#include "outputs/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <map>
#include <set>

#include "outputs/hdf5.hpp"
#include "outputs/svg.hpp"
#include "sim/stats.hpp"

namespace outputs {

namespace {

using h5::Column;
using svg::escape;

constexpr double kDay = 86400.0;

struct SummaryIn {
  char metric[40];
  char group[128];
  char unit[16];
  double mean, ci95_lo, ci95_hi;
  std::int64_t n;
};

struct Row {
  std::string metric, group, unit;
  double mean, lo, hi;
  std::int64_t n;
};

#define COL(T, field, type) Column{#field, type, offsetof(T, field), ""}

std::vector<Row> read_summary(hid_t loc, const std::string& path) {
  std::vector<unsigned char> buf;
  const std::size_t n = h5::read_table(loc, path, sizeof(SummaryIn),
                                       {COL(SummaryIn, metric, h5::string_type(40)), COL(SummaryIn, group, h5::string_type(128)),
                                        COL(SummaryIn, unit, h5::string_type(16)), COL(SummaryIn, mean, H5T_NATIVE_DOUBLE),
                                        COL(SummaryIn, ci95_lo, H5T_NATIVE_DOUBLE), COL(SummaryIn, ci95_hi, H5T_NATIVE_DOUBLE),
                                        COL(SummaryIn, n, H5T_NATIVE_INT64)},
                                       buf);
  std::vector<Row> rows;
  for (std::size_t i = 0; i < n; ++i) {
    SummaryIn r;
    std::memcpy(&r, buf.data() + i * sizeof(SummaryIn), sizeof r);
    rows.push_back(Row{std::string(r.metric, strnlen(r.metric, sizeof r.metric)),
                       std::string(r.group, strnlen(r.group, sizeof r.group)),
                       std::string(r.unit, strnlen(r.unit, sizeof r.unit)), r.mean, r.ci95_lo, r.ci95_hi, r.n});
  }
  return rows;
}

std::vector<std::string> read_names(hid_t loc, const std::string& path) {
  struct L {
    std::uint16_t code;
    char name[96];
  };
  std::vector<unsigned char> buf;
  const std::size_t n =
      h5::read_table(loc, path, sizeof(L), {COL(L, code, H5T_NATIVE_UINT16), COL(L, name, h5::string_type(96))}, buf);
  std::vector<std::string> names(n);
  for (std::size_t i = 0; i < n; ++i) {
    L l;
    std::memcpy(&l, buf.data() + i * sizeof(L), sizeof l);
    if (l.code < n) names[l.code] = std::string(l.name, strnlen(l.name, sizeof l.name));
  }
  return names;
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
  const double reps = H5Aexists(f, "replications") > 0 ? h5::read_attr_double(f, "replications") : 0;
  const double seed = H5Aexists(f, "seed") > 0 ? h5::read_attr_double(f, "seed") : 0;
  std::string s = fmt::format("<header><h1>{}{}</h1><p class=\"desc\">{}</p><table class=\"meta\">", escape(attr_or(f, "scenario_name")),
                              kind.empty() ? "" : " — " + escape(kind), escape(attr_or(f, "scenario_description")));
  auto row = [&](const std::string& k, const std::string& v) { s += "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>"; };
  row("run on", attr_or(f, "created"));
  row("seed", fmt::format("{:.0f}", seed));
  row("replications", fmt::format("{:.0f}", reps));
  row("horizon", fmt::format("{:.1f} days", horizon / kDay));
  row("warm-up", fmt::format("{:.1f} days", warmup / kDay));
  row("bordersim", attr_or(f, "bordersim_version") + " (" + attr_or(f, "git_revision") + ")");
  row("scenario file", attr_or(f, "scenario_file"));
  return s + "</table></header>";
}

std::string summary_table(const std::vector<Row>& rows) {
  static const std::set<std::string> headline = {"completed_per_day", "transit_mean", "transit_p50", "transit_p95",
                                                 "wait_mean",         "spoiled_share", "value_lost_per_day"};
  std::map<std::string, std::map<std::string, const Row*>> by_group;
  for (const Row& r : rows)
    if (headline.count(r.metric) && r.group.find('/') != std::string::npos &&
        std::count(r.group.begin(), r.group.end(), '/') == 1)
      by_group[r.group][r.metric] = &r;
  for (const Row& r : rows)
    if (headline.count(r.metric) && r.group == "all") by_group["all"][r.metric] = &r;
  std::string s =
      "<section id=\"summary\"><h2>Summary</h2><p>Mean over replications with its 95 % confidence interval (Student t), "
      "vehicles that arrived after the warm-up. Transit and waiting in hours.</p><table class=\"summary\"><tr><th>flow / "
      "cargo</th><th>completed per day</th><th>transit mean</th><th>transit p50</th><th>transit p95</th><th>waiting "
      "mean</th><th>share spoiled</th><th>value lost per day</th></tr>";
  for (const auto& [g, m] : by_group) {
    s += "<tr><td>" + escape(g) + "</td>";
    for (const char* k : {"completed_per_day", "transit_mean", "transit_p50", "transit_p95", "wait_mean", "spoiled_share",
                          "value_lost_per_day"}) {
      auto it = m.find(k);
      s += "<td>" + (it == m.end() ? std::string("—") : fmt_ci(*it->second)) + "</td>";
    }
    s += "</tr>";
  }
  s += "</table><details><summary>Utilisation and yards</summary><table class=\"summary\"><tr><th>metric</th><th>where</th><th>mean [95 % CI]</th></tr>";
  for (const Row& r : rows)
    if (r.metric == "utilisation" || r.metric.rfind("yard_", 0) == 0 || r.metric.rfind("road_", 0) == 0 ||
        r.metric == "train_load_factor")
      s += "<tr><td>" + escape(r.metric) + "</td><td>" + escape(r.group) + "</td><td>" + fmt_ci(r) + "</td></tr>";
  return s + "</table></details></section>";
}

// Queue length over time per stage (mean across replications with a 95 % band), closed hours of
// the stage's side shaded; one chart per gate side, plus yard and road queues.
std::string queues(hid_t f, const std::string& base) {
  if (!h5::exists(f, base + "/replications")) return "";
  std::vector<std::string> reps;
  for (const std::string& r : h5::children(f, base + "/replications"))
    if (h5::exists(f, base + "/replications/" + r + "/timeseries")) reps.push_back(r);
  if (reps.empty()) return "";
  // Column names from the first replication's table.
  h5::Handle ds(H5Dopen2(f, (base + "/replications/" + reps[0] + "/timeseries").c_str(), H5P_DEFAULT), H5Dclose, "timeseries");
  h5::Handle type(H5Dget_type(ds), H5Tclose, "timeseries type");
  const int ncol = H5Tget_nmembers(type);
  std::vector<std::string> cols;
  for (int i = 0; i < ncol; ++i) {
    char* name = H5Tget_member_name(type, static_cast<unsigned>(i));
    cols.emplace_back(name);
    H5free_memory(name);
  }
  std::vector<Column> layout;
  for (int i = 0; i < ncol; ++i) layout.push_back(Column{cols[static_cast<std::size_t>(i)], H5T_NATIVE_DOUBLE, static_cast<std::size_t>(i) * sizeof(double), ""});
  std::vector<std::vector<double>> data;  // per replication, row-major
  std::size_t rows = SIZE_MAX;
  for (const std::string& r : reps) {
    std::vector<unsigned char> buf;
    const std::size_t n = h5::read_table(f, base + "/replications/" + r + "/timeseries", static_cast<std::size_t>(ncol) * sizeof(double), layout, buf);
    std::vector<double> d(n * static_cast<std::size_t>(ncol));
    std::memcpy(d.data(), buf.data(), d.size() * sizeof(double));
    data.push_back(std::move(d));
    rows = std::min(rows, n);
  }
  // Closed windows per side: the complement of its open windows.
  std::map<std::string, std::vector<std::pair<double, double>>> open;
  if (h5::exists(f, base + "/windows")) {
    struct W {
      char side[64];
      double open_s, close_s;
    };
    std::vector<unsigned char> buf;
    const std::size_t n = h5::read_table(
        f, base + "/windows", sizeof(W),
        {COL(W, side, h5::string_type(64)), COL(W, open_s, H5T_NATIVE_DOUBLE), COL(W, close_s, H5T_NATIVE_DOUBLE)}, buf);
    for (std::size_t i = 0; i < n; ++i) {
      W w;
      std::memcpy(&w, buf.data() + i * sizeof(W), sizeof w);
      open[std::string(w.side, strnlen(w.side, sizeof w.side))].emplace_back(w.open_s, w.close_s);
    }
  }
  const double t_end = data[0][(rows - 1) * static_cast<std::size_t>(ncol)];
  std::map<std::string, std::vector<int>> by_prefix;  // side (or terminal) -> queue columns
  std::vector<int> yards;
  for (int c = 1; c < ncol; ++c) {
    const std::string& name = cols[static_cast<std::size_t>(c)];
    const auto dot = name.find('.');
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".queue") == 0) by_prefix[name.substr(0, dot)].push_back(c);
    if ((name.size() > 5 && name.compare(name.size() - 5, 5, ".road") == 0) ||
        (name.size() > 5 && name.compare(name.size() - 5, 5, ".yard") == 0))
      yards.push_back(c);
  }
  auto series_of = [&](int c, const std::string& label) {
    svg::Series s;
    s.name = label;
    for (std::size_t i = 0; i < rows; ++i) {
      std::vector<double> v;
      for (const auto& d : data) v.push_back(d[i * static_cast<std::size_t>(ncol) + static_cast<std::size_t>(c)]);
      const sim::Interval ci = sim::mean_ci(v);
      s.x.push_back(data[0][i * static_cast<std::size_t>(ncol)] / kDay);
      s.y.push_back(ci.mean);
      s.lo.push_back(std::isnan(ci.lo) ? ci.mean : std::max(0.0, ci.lo));
      s.hi.push_back(std::isnan(ci.hi) ? ci.mean : ci.hi);
    }
    return s;
  };
  auto chart_for = [&](const std::string& id, const std::string& title, const std::vector<int>& columns,
                       const std::string& side, const std::string& suffix_strip) {
    std::vector<svg::Series> ss;
    double ymax = 1;
    for (int c : columns) {
      std::string label = cols[static_cast<std::size_t>(c)];
      if (!suffix_strip.empty() && label.size() > suffix_strip.size()) label = label.substr(0, label.size() - suffix_strip.size());
      ss.push_back(series_of(c, label));
      for (double v : ss.back().hi) ymax = std::max(ymax, v);
    }
    svg::Chart ch(id, title, 760, 300);
    ch.x_axis("days since the start", 0, t_end / kDay);
    ch.y_axis("vehicles waiting", 0, ymax * 1.05);
    auto it = open.find(side);
    if (it != open.end()) {
      double prev = 0;
      for (const auto& [o, c] : it->second) {
        if (o > prev) ch.shade(prev / kDay, o / kDay, side + " closed");
        prev = std::max(prev, c);
      }
      if (prev < t_end) ch.shade(prev / kDay, t_end / kDay, side + " closed");
    }
    for (const auto& s : ss) ch.line(s);
    return ch.svg();
  };
  std::string s = fmt::format(
      "<section id=\"queues\"><h2>Queues over time</h2><p>Vehicles waiting at each stage: mean over {} replication(s) "
      "with a 95 % band; grey: the side is closed (its own local hours).</p>",
      reps.size());
  int k = 0;
  for (const auto& [prefix, columns] : by_prefix)
    s += chart_for("queue-" + std::to_string(k++), "Queue length at " + prefix, columns, prefix, ".queue");
  if (!yards.empty()) s += chart_for("road-queue", "Yard occupancy and road queue", yards, "", "");
  return s + "</section>";
}

// Transit time distribution by cargo and lane (replication 0), p50 and p95 marked.
std::string transit(hid_t f, const std::string& base, double warmup) {
  const std::string path = base + "/replications/r000/vehicles";
  if (!h5::exists(f, path)) return "";
  struct V {
    std::uint16_t cargo;
    std::uint8_t lane, outcome;
    double arrival_s, transit_s;
  };
  std::vector<unsigned char> buf;
  const std::size_t n =
      h5::read_table(f, path, sizeof(V),
                     {COL(V, cargo, H5T_NATIVE_UINT16), COL(V, lane, H5T_NATIVE_UINT8), COL(V, outcome, H5T_NATIVE_UINT8),
                      COL(V, arrival_s, H5T_NATIVE_DOUBLE), COL(V, transit_s, H5T_NATIVE_DOUBLE)},
                     buf);
  const std::vector<std::string> cargo = read_names(f, base + "/lookup/cargo");
  std::map<std::string, std::vector<double>> groups;
  for (std::size_t i = 0; i < n; ++i) {
    V v;
    std::memcpy(&v, buf.data() + i * sizeof(V), sizeof v);
    if (v.outcome != 0 || v.arrival_s < warmup) continue;
    const std::string c = v.cargo < cargo.size() ? cargo[v.cargo] : "empty";
    groups[c + (v.lane ? " / priority" : " / regular")].push_back(v.transit_s / 3600);
  }
  std::string s = "<section id=\"transit\"><h2>Transit time</h2><p>Distribution of the transit time (arrival to leaving the "
                  "model) of vehicles released in replication 0, by cargo class and lane; dashed lines: median and 95th "
                  "percentile.</p>";
  int k = 0;
  for (auto& [g, xs] : groups) {
    if (xs.size() < 5) continue;
    std::sort(xs.begin(), xs.end());
    const double p50 = xs[xs.size() / 2], p95 = xs[std::min(xs.size() - 1, static_cast<std::size_t>(0.95 * static_cast<double>(xs.size())))];
    const double hi = std::max(xs.back(), 1e-3);
    const int bins = 40;
    std::vector<double> edges, counts(bins, 0);
    for (int b = 0; b <= bins; ++b) edges.push_back(hi * b / bins);
    for (double x : xs) counts[std::min(bins - 1, static_cast<int>(x / hi * bins))] += 1;
    svg::Chart ch("transit-" + std::to_string(k), "Transit time, " + g + fmt::format(" ({} vehicles)", xs.size()), 760, 240);
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

std::string waiting(const std::vector<Row>& rows) {
  std::vector<std::string> flows, stages;
  std::map<std::pair<std::string, std::string>, double> v;
  for (const Row& r : rows) {
    if (r.metric != "stage_wait_mean") continue;
    const auto at = r.group.find('@');
    const std::string flow = r.group.substr(0, at), stage = r.group.substr(at + 1);
    if (std::find(flows.begin(), flows.end(), flow) == flows.end()) flows.push_back(flow);
    if (std::find(stages.begin(), stages.end(), stage) == stages.end()) stages.push_back(stage);
    v[{flow, stage}] = r.mean;
  }
  if (flows.empty()) return "";
  std::vector<std::vector<double>> values;
  for (const auto& fl : flows) {
    values.emplace_back();
    for (const auto& st : stages) values.back().push_back(v.count({fl, st}) ? v[{fl, st}] : 0.0);
  }
  return "<section id=\"waiting\"><h2>Where the waiting happens</h2><p>Mean wait per visit at each stage, by flow (minutes, "
         "mean over replications).</p>" +
         svg::Chart::stacked("waiting-by-stage", "Mean wait by stage and flow", "minutes", flows, stages, values) + "</section>";
}

std::vector<svg::Bar> bars_for(const std::vector<Row>& rows, const std::string& metric, const std::string& group_prefix,
                               bool strip_prefix) {
  std::vector<svg::Bar> bars;
  for (const Row& r : rows)
    if (r.metric == metric && r.group.rfind(group_prefix, 0) == 0)
      bars.push_back(svg::Bar{strip_prefix ? r.group.substr(group_prefix.size()) : r.group, r.mean,
                              std::isnan(r.lo) ? r.mean : r.lo, std::isnan(r.hi) ? r.mean : r.hi, false});
  return bars;
}

std::string spoilage(const std::vector<Row>& rows) {
  auto share = bars_for(rows, "spoiled_share", "cargo:", true);
  auto lost = bars_for(rows, "value_lost_per_day", "cargo:", true);
  if (share.empty()) return "";
  return "<section id=\"spoilage\"><h2>Spoilage</h2><p>Share of loads spoiled and value lost per day, by cargo class, with 95 % "
         "confidence intervals.</p>" +
         svg::Chart::bars("spoiled-share", "Share of loads spoiled", "share of loads", share) +
         svg::Chart::bars("value-lost", "Value lost per day", "value per day", lost) + "</section>";
}

std::string rail(const std::vector<Row>& rows, const std::vector<std::string>& rail_ids) {
  if (rail_ids.empty()) return "";
  std::vector<svg::Bar> dwell, load;
  for (const std::string& id : rail_ids) {
    auto d = bars_for(rows, "transit_mean", id + "/", false);
    for (auto& b : d)
      if (std::count(b.label.begin(), b.label.end(), '/') == 1) dwell.push_back(b);
    auto l = bars_for(rows, "train_load_factor", id, false);
    load.insert(load.end(), l.begin(), l.end());
  }
  if (dwell.empty() && load.empty()) return "";
  return "<section id=\"rail\"><h2>Rail</h2><p>Wagon dwell (arrival at the station to transshipment done) and train load "
         "factor (wagons carried over wagons a train can take), with 95 % confidence intervals.</p>" +
         svg::Chart::bars("wagon-dwell", "Wagon dwell time", "hours", dwell) +
         svg::Chart::bars("train-load", "Train load factor", "share of capacity", load) + "</section>";
}

std::string comparison(hid_t f) {
  struct C {
    char variant[64];
    char metric[40];
    char group[128];
    char unit[16];
    double diff_mean, diff_lo, diff_hi;
    std::uint8_t significant;
  };
  std::vector<unsigned char> buf;
  const std::size_t n = h5::read_table(
      f, "comparison", sizeof(C),
      {COL(C, variant, h5::string_type(64)), COL(C, metric, h5::string_type(40)), COL(C, group, h5::string_type(128)),
       COL(C, unit, h5::string_type(16)), COL(C, diff_mean, H5T_NATIVE_DOUBLE), COL(C, diff_lo, H5T_NATIVE_DOUBLE),
       COL(C, diff_hi, H5T_NATIVE_DOUBLE), COL(C, significant, H5T_NATIVE_UINT8)},
      buf);
  std::map<std::string, std::map<std::string, std::vector<svg::Bar>>> charts;  // variant -> metric -> bars
  std::map<std::string, std::string> units;
  for (std::size_t i = 0; i < n; ++i) {
    C c;
    std::memcpy(&c, buf.data() + i * sizeof(C), sizeof c);
    const std::string metric(c.metric, strnlen(c.metric, sizeof c.metric)), group(c.group, strnlen(c.group, sizeof c.group));
    if (metric != "transit_mean" && metric != "wait_mean" && metric != "transit_p95" && metric != "spoiled_share" &&
        metric != "completed_per_day")
      continue;
    if (std::count(group.begin(), group.end(), '/') > 1) continue;  // lane subgroups change with the policy
    charts[std::string(c.variant, strnlen(c.variant, sizeof c.variant))][metric].push_back(
        svg::Bar{group, c.diff_mean, std::isnan(c.diff_lo) ? c.diff_mean : c.diff_lo,
                 std::isnan(c.diff_hi) ? c.diff_mean : c.diff_hi, c.significant != 0});
    units[metric] = std::string(c.unit, strnlen(c.unit, sizeof c.unit));
  }
  std::string s = "<section id=\"comparison\"><h2>Differences from " + escape(attr_or(f, "scenario_name")) +
                  "</h2><p>Variant minus base, paired over replications on common random numbers, with 95 % confidence "
                  "whiskers; * and dark bars: significant.</p>";
  int k = 0;
  for (const auto& [variant, metrics] : charts)
    for (const auto& [metric, bars] : metrics)
      s += svg::Chart::bars("diff-" + std::to_string(k++), variant + ": " + metric + " difference", units[metric], bars,
                            "* significant at the 95 % level");
  return s + "</section>";
}

std::string sweep(hid_t f) {
  struct P {
    std::uint32_t point;
    char parameters[256];
    char metric[40];
    char group[128];
    double mean, ci95_lo, ci95_hi;
  };
  std::vector<unsigned char> buf;
  const std::size_t n = h5::read_table(
      f, "points", sizeof(P),
      {COL(P, point, H5T_NATIVE_UINT32), COL(P, parameters, h5::string_type(256)), COL(P, metric, h5::string_type(40)),
       COL(P, group, h5::string_type(128)), COL(P, mean, H5T_NATIVE_DOUBLE), COL(P, ci95_lo, H5T_NATIVE_DOUBLE),
       COL(P, ci95_hi, H5T_NATIVE_DOUBLE)},
      buf);
  std::map<std::string, svg::Series> series;
  std::map<std::uint32_t, std::string> params;
  for (std::size_t i = 0; i < n; ++i) {
    P p;
    std::memcpy(&p, buf.data() + i * sizeof(P), sizeof p);
    params[p.point] = std::string(p.parameters, strnlen(p.parameters, sizeof p.parameters));
    const std::string metric(p.metric, strnlen(p.metric, sizeof p.metric)), group(p.group, strnlen(p.group, sizeof p.group));
    if (group != "all") continue;
    svg::Series& s = series[metric];
    s.name = metric;
    s.x.push_back(p.point);
    s.y.push_back(p.mean);
    s.lo.push_back(std::isnan(p.ci95_lo) ? p.mean : p.ci95_lo);
    s.hi.push_back(std::isnan(p.ci95_hi) ? p.mean : p.ci95_hi);
  }
  std::string s = "<section id=\"sweep\"><h2>Sweep</h2><p>Each metric (all vehicles) against the grid point, with a 95 % band.</p>"
                  "<table class=\"summary\"><tr><th>point</th><th>parameters</th></tr>";
  for (const auto& [p, text] : params) s += fmt::format("<tr><td>{}</td><td>{}</td></tr>", p, escape(text));
  s += "</table>";
  int k = 0;
  for (const char* metric : {"transit_mean", "transit_p95", "wait_mean", "spoiled_share", "completed_per_day"}) {
    auto it = series.find(metric);
    if (it == series.end()) continue;
    double lo = 0, hi = 1e-9;
    for (double v : it->second.hi) hi = std::max(hi, v);
    for (double v : it->second.lo) lo = std::min(lo, v);
    svg::Chart ch("sweep-" + std::to_string(k++), std::string(metric) + " by grid point", 760, 260);
    ch.x_axis("grid point", 0, std::max(1.0, static_cast<double>(params.size() - 1)));
    ch.y_axis(metric, lo, hi * 1.05);
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
@media print{section{page-break-inside:avoid}}
)";

}  // namespace

std::string render_report(const std::string& path) {
  h5::Handle f = h5::open_file(path);
  std::string body;
  const double warmup = H5Aexists(f, "warmup_s") > 0 ? h5::read_attr_double(f, "warmup_s") : 0;
  const std::string command = attr_or(f, "command", "run");
  std::vector<std::string> rail_ids;
  if (command == "run") {
    body += header(f, "");
    const auto rows = read_summary(f, "summary");
    if (h5::exists(f, "lookup/flows")) {
      // Rail services are the flows named in the rail section: groups with a train_load_factor.
      for (const Row& r : rows)
        if (r.metric == "train_load_factor") rail_ids.push_back(r.group);
    }
    body += summary_table(rows);
    body += queues(f, "");
    body += transit(f, "", warmup);
    body += waiting(rows);
    body += spoilage(rows);
    body += rail(rows, rail_ids);
  } else if (command == "compare") {
    body += header(f, "comparison");
    body += comparison(f);
    for (const std::string& name : h5::children(f, "scenarios")) {
      body += "<section class=\"scenario\"><h2>Scenario " + escape(name) + "</h2>";
      body += summary_table(read_summary(f, "scenarios/" + name + "/summary"));
      body += "</section>";
    }
  } else {
    body += header(f, "sweep");
    body += sweep(f);
  }
  return std::string("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>bordersim report: ") +
         escape(attr_or(f, "scenario_name")) + "</title><style>" + kStyle + "</style></head><body>" + body +
         "<footer><p>Written by bordersim from " + escape(path) + ". Self-contained: no external resources.</p></footer></body></html>\n";
}

}  // namespace outputs
