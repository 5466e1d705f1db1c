// A sweep in the report: each metric against the first swept parameter's values (with its
// unit), one line per level of the others, with 95 % bands; and findings on where the grid is
// best and worst and where the backlog grows.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "measures/summary.hpp"
#include "models/records.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/table_reader.hpp"
#include "report/report_parts.hpp"

namespace outputs::report {

namespace {

using svg::escape;

struct Axis {
  std::string path, unit;
  std::string name;  // the path's last parts, as few as keep the axes apart (for sentences)
  bool numeric = false;
  std::map<std::uint32_t, std::string> text;  // point -> value as written
  std::map<std::uint32_t, double> value;      // point -> number (numeric axes)
  std::vector<std::string> levels;            // values in grid order
};

struct Grid {
  std::vector<Axis> axes;
  std::vector<std::uint32_t> points;
  std::map<std::uint32_t, std::vector<Row>> rows;  // point -> its summary
  // "a=1, b=2" for a point, over the given axes.
  std::string where(std::uint32_t p, std::size_t from = 0) const {
    std::string s;
    for (std::size_t a = from; a < axes.size(); ++a) {
      auto it = axes[a].text.find(p);
      s += (s.empty() ? "" : ", ") + axes[a].name + " = " +
           (it == axes[a].text.end() ? "?" : it->second);
    }
    return s;
  }
};

Grid read_grid(hid_t f) {
  Grid g;
  if (!h5::exists(f, "points")) return g;
  const auto points = read_rows<row::Point>(f, "points", table_spec(Table::Points));
  for (const row::Point& p : points) {
    if (g.rows.find(p.point) == g.rows.end()) g.points.push_back(p.point);
    g.rows[p.point].push_back(Row{text(p.key.metric), group_of(p.codes), text(p.key.group),
                                  text(p.key.unit), p.ci.mean, p.ci.ci95_lo, p.ci.ci95_hi, p.ci.n});
  }
  if (h5::exists(f, "point_parameters")) {
    for (const row::PointParameter& pp : read_rows<row::PointParameter>(
             f, "point_parameters", table_spec(Table::PointParameters))) {
      if (g.axes.size() <= pp.axis) g.axes.resize(pp.axis + 1u);
      Axis& a = g.axes[pp.axis];
      a.path = text(pp.parameter);
      a.text[pp.point] = text(pp.value);
      if (std::find(a.levels.begin(), a.levels.end(), text(pp.value)) == a.levels.end())
        a.levels.push_back(text(pp.value));
    }
    // The typed values (numbers with one unit) as the table reader makes them.
    const DecodedTable t = read_decoded(f, "points");
    const DecodedColumn* point = nullptr;
    for (const DecodedColumn& c : t.columns)
      if (c.name == "point") point = &c;
    for (Axis& a : g.axes)
      for (const DecodedColumn& c : t.columns)
        if (c.name == a.path && point && c.kind != DecodedColumn::Kind::Text) {
          a.numeric = true;
          a.unit = c.unit;
          for (std::size_t r = 0; r < t.rows; ++r)
            a.value[static_cast<std::uint32_t>(point->ints[r])] =
                c.kind == DecodedColumn::Kind::Float ? c.floats[r] : static_cast<double>(c.ints[r]);
        }
  } else {
    // An older file: the grid point's number is the only axis.
    Axis a;
    a.path = "grid point";
    a.numeric = true;
    for (std::uint32_t p : g.points) {
      a.text[p] = std::to_string(p);
      a.value[p] = p;
      a.levels.push_back(std::to_string(p));
    }
    g.axes.push_back(std::move(a));
  }
  // Short names: the last two parts of each path ("export.rate"), more while two axes agree.
  auto tail = [](const std::string& path, int parts) {
    std::size_t at = path.size();
    for (int k = 0; k < parts && at != std::string::npos && at > 0; ++k)
      at = path.rfind('.', at - 1);
    return at == std::string::npos ? path : path.substr(at + 1);
  };
  for (int parts = 2; parts < 12; ++parts) {
    for (Axis& a : g.axes) a.name = tail(a.path, parts);
    bool distinct = true;
    for (std::size_t i = 0; i < g.axes.size(); ++i)
      for (std::size_t j = 0; j < i; ++j) distinct = distinct && g.axes[i].name != g.axes[j].name;
    if (distinct) break;
  }
  return g;
}

// The first of `metrics` the grid has.
std::string_view first_metric(const Grid& g, const std::vector<std::string_view>& metrics) {
  for (std::string_view m : metrics)
    for (const auto& [p, rows] : g.rows)
      if (has_metric(rows, m)) return m;
  return "";
}

// One chart: the metric of group `grp` against the first axis, a line per level of the rest.
std::string chart(const Grid& g, std::string_view metric, const Group& grp, const std::string& id,
                  const std::string& title) {
  const Axis& x = g.axes.front();
  std::map<std::string, svg::Series> lines;  // level of the other axes -> line
  std::vector<std::string> order;
  double lo = 0, hi = 1e-9;
  const Bounds b = bounds_of(metric);
  std::string unit;
  for (std::uint32_t p : g.points) {
    const Row* r = find(g.rows.at(p), metric, grp);
    if (!r) continue;
    unit = r->unit;
    const std::string level = g.axes.size() > 1 ? g.where(p, 1) : metric_phrase(metric);
    if (!lines.count(level)) order.push_back(level);
    svg::Series& s = lines[level];
    s.name = level;
    const auto pos = std::find(x.levels.begin(), x.levels.end(), x.text.at(p)) - x.levels.begin();
    s.x.push_back(x.numeric ? x.value.at(p) : static_cast<double>(pos));
    s.y.push_back(r->mean);
    s.lo.push_back(std::isnan(r->lo) ? r->mean : clip(r->lo, b));
    s.hi.push_back(std::isnan(r->hi) ? r->mean : clip(r->hi, b));
    lo = std::min(lo, s.lo.back());
    hi = std::max(hi, s.hi.back());
  }
  if (lines.empty() || (hi <= 1e-9 && lo >= 0)) return "";
  svg::Chart ch(id, title, 760, 300);
  if (x.numeric) {
    double x0 = 1e300, x1 = -1e300;
    for (const auto& [p, v] : x.value) x0 = std::min(x0, v), x1 = std::max(x1, v);
    const double pad = (x1 - x0) * 0.04;
    ch.x_axis(x.path + (x.unit.empty() ? "" : " (" + x.unit + ")"), x0 - pad, x1 + pad);
  } else {
    ch.x_categories(x.path, x.levels);
  }
  ch.y_axis(metric_phrase(metric) + (unit.empty() ? "" : " (" + unit + ")"), lo, hi * 1.05);
  // Levels in grid order, in strong colours of the palette (they are values, not names to keep).
  const std::size_t slots[] = {0, 5, 3, 7, 9, 10, 8, 4};
  const char* dashes[] = {"", "6 3", "2 2", "8 3 2 3"};
  for (std::size_t i = 0; i < order.size(); ++i) {
    svg::Series s = lines[order[i]];
    // Points in x order (the grid may list the first axis in any order).
    std::vector<std::size_t> idx(s.x.size());
    for (std::size_t k = 0; k < idx.size(); ++k) idx[k] = k;
    std::sort(idx.begin(), idx.end(),
              [&](std::size_t a, std::size_t b2) { return s.x[a] < s.x[b2]; });
    svg::Series sorted = s;
    for (std::size_t k = 0; k < idx.size(); ++k) {
      sorted.x[k] = s.x[idx[k]];
      sorted.y[k] = s.y[idx[k]];
      sorted.lo[k] = s.lo[idx[k]];
      sorted.hi[k] = s.hi[idx[k]];
    }
    sorted.styled = true;
    sorted.style = svg::Style{svg::palette_colour(slots[i % 8]), dashes[i % 4]};
    sorted.markers = true;
    sorted.tag = svg::Tag{"level", order[i]};
    ch.line(sorted);
  }
  return ch.svg();
}

}  // namespace

std::string sweep(const Context& c) {
  const Grid g = read_grid(c.file);
  if (g.points.empty() || g.axes.empty()) return "";
  std::string s =
      "<section id=\"sweep\"><h2>Sweep</h2><p>Each figure (mean over replications with a 95 % "
      "band) against " +
      escape(g.axes.front().path) +
      (g.axes.size() > 1 ? ", one line per value of " + escape(g.axes[1].path) +
                               (g.axes.size() > 2 ? " and the other parameters" : "")
                         : std::string()) +
      ".</p>";
  const std::vector<std::vector<std::string_view>> metrics = {
      {"border_time_p95", "transit_p95"},
      {"border_time_mean", "transit_mean"},
      {"wait_mean"},
      {"spoiled_share"},
      {"throughput_per_day", "completed_per_day"}};
  int k = 0;
  for (const auto& choice : metrics) {
    const std::string_view m = first_metric(g, choice);
    if (m.empty()) continue;
    const std::string svg = chart(g, m, all_group(), "sweep-" + std::to_string(k++),
                                  metric_phrase(m) + ", all vehicles");
    if (svg.empty())
      s += "<p class=\"nothing\">The " + escape(metric_phrase(m)) + " is zero at every point.</p>";
    s += svg;
  }
  // The 95th percentile of each cargo class.
  const std::string_view p95 = first_metric(g, {"border_time_p95", "transit_p95"});
  std::vector<Row> first = g.rows.begin()->second;
  for (std::int32_t cargo : cargo_present(first))
    s += chart(g, p95, cargo_group(static_cast<std::uint16_t>(cargo)),
               "sweep-" + std::to_string(k++),
               metric_phrase(p95) + ", " + cargo_title(c.names, cargo));
  s += "<details><summary>The grid points</summary><table class=\"summary\"><tr><th>point</th>"
       "<th>parameters</th></tr>";
  for (std::uint32_t p : g.points)
    s += fmt::format("<tr><td>{}</td><td>{}</td></tr>", p, escape(g.where(p)));
  return s + "</table></details></section>";
}

std::string findings_sweep(const Context& c) {
  const Grid g = read_grid(c.file);
  std::string s = "<section id=\"findings\"><h2>Findings</h2><ul>";
  if (g.points.empty()) return s + "<li>The file holds no grid points.</li></ul></section>";
  s += fmt::format("<li>{} grid points over {}.</li>", g.points.size(),
                   escape(g.axes.empty() ? std::string("?") : [&] {
                     std::string list;
                     for (const Axis& a : g.axes)
                       list += (list.empty() ? "" : " × ") + a.name + " (" +
                               std::to_string(a.levels.size()) + " values)";
                     return list;
                   }()));
  const std::string_view p95 = first_metric(g, {"border_time_p95", "transit_p95"});
  // Lowest and highest of a metric over the grid, for one group.
  auto range = [&](std::string_view m, const Group& grp) -> std::string {
    const Row *lo = nullptr, *hi = nullptr;
    std::uint32_t plo = 0, phi = 0;
    for (std::uint32_t p : g.points) {
      const Row* r = find(g.rows.at(p), m, grp);
      if (!r) continue;
      if (!lo || r->mean < lo->mean) lo = r, plo = p;
      if (!hi || r->mean > hi->mean) hi = r, phi = p;
    }
    if (!lo) return "";
    auto v = [&](const Row& r) {
      return in_hours(r.unit)    ? hours_ci(r)
             : r.unit == "share" ? percent(r.mean)
                                 : with_ci(r, r.unit);
    };
    return "from " + v(*lo) + " at " + escape(g.where(plo)) + " to " + v(*hi) + " at " +
           escape(g.where(phi));
  };
  if (!p95.empty()) {
    s += "<li>The " + escape(metric_phrase(p95)) + " of all vehicles goes " +
         range(p95, all_group()) + ".<ul>";
    for (std::int32_t cargo : cargo_present(g.rows.begin()->second)) {
      const std::string r = range(p95, cargo_group(static_cast<std::uint16_t>(cargo)));
      s += "<li>" + cargo_swatch(c, cargo) + "<b>" + escape(cargo_title(c.names, cargo)) +
           "</b>: " + (r.empty() ? "no released vehicle" : r) + ".</li>";
    }
    s += "</ul></li>";
  }
  // Where the backlog grows.
  std::vector<std::string> growing;
  for (std::uint32_t p : g.points)
    for (const Row& r : g.rows.at(p))
      if (r.metric == "backlog_growth_per_day" && (std::isnan(r.lo) ? r.mean > 0 : r.lo > 0) &&
          r.mean >= kBacklogGrowthWarning) {
        growing.push_back(g.where(p));
        break;
      }
  if (!growing.empty()) {
    std::string list;
    for (const std::string& w : growing) list += "<li>" + escape(w) + "</li>";
    s += fmt::format(
        "<li><span class=\"worse\">The backlog grows</span> at {} of {} points: there the queue "
        "never settles and the figures depend on the horizon.<ul>{}</ul></li>",
        growing.size(), g.points.size(), list);
  } else {
    s += "<li>The backlog settles at every point.</li>";
  }
  const std::string spoiled = range("spoiled_share", all_group());
  if (!spoiled.empty()) s += "<li>The share of loads spoiled goes " + spoiled + ".</li>";
  return s + "</ul></section>";
}

}  // namespace outputs::report
